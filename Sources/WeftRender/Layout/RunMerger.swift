/// Level of detail: merges pieces of a lane narrower than a pixel into one shaded run.
///
/// Feed pieces in time order with `add`; wide pieces come out alone, runs of narrow ones come out merged.
struct RunMerger {
    /// A piece to draw: alone (`count == 1`) or merged.
    struct Run {
        var x0: Double
        var x1: Double
        /// The piece's key (task id or state) when alone or when every merged piece had the same key;
        /// otherwise the key that covered most of the run.
        var key: Int
        var count: Int
        /// Whether all merged pieces had the same key.
        var uniform: Bool
        /// Fraction of the run's width covered by pieces (0…1).
        var coverage: Double
    }

    /// Pieces narrower than this (pixels) are merged with their neighbours.
    static let minimumWidth = 1.0
    /// Number of keys weighed separately to find the dominant key (states); others count as mixed.
    static let weighedKeys = 8

    private var pending: Run?
    private var covered = 0.0
    private var weights = [Double](repeating: 0, count: RunMerger.weighedKeys)
    private(set) var output: [Run] = []

    mutating func reset() {
        pending = nil
        output.removeAll(keepingCapacity: true)
    }

    /// Adds a piece [x0, x1) with `key`.
    mutating func add(_ x0: Double, _ x1: Double, key: Int) {
        let w = x1 - x0
        if w < Self.minimumWidth, var run = pending, x0 - run.x1 < Self.minimumWidth,
           run.count > 1 || run.x1 - run.x0 < Self.minimumWidth {
            run.x1 = max(run.x1, x1)
            run.count += 1
            if key != run.key { run.uniform = false }
            covered += w
            if key >= 0 && key < Self.weighedKeys { weights[key] += w }
            pending = run
            return
        }
        flush()
        start(x0, x1, key)
    }

    private mutating func start(_ x0: Double, _ x1: Double, _ key: Int) {
        pending = Run(x0: x0, x1: x1, key: key, count: 1, uniform: true, coverage: 1)
        covered = x1 - x0
        for i in 0..<weights.count { weights[i] = 0 }
        if key >= 0 && key < Self.weighedKeys { weights[key] = x1 - x0 }
    }

    /// Emits the pending run, if any. Call once more after the last piece.
    mutating func flush() {
        guard var run = pending else { return }
        pending = nil
        let width = run.x1 - run.x0
        run.coverage = width > 0 ? min(covered / width, 1) : 1
        if run.count > 1, !run.uniform {
            var best = run.key
            var bestWeight = -1.0
            for (k, w) in weights.enumerated() where w > bestWeight {
                best = k
                bestWeight = w
            }
            if bestWeight > 0 { run.key = best }
        }
        output.append(run)
    }
}
