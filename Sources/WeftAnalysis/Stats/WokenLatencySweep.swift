/// Thread-per-task wake-up latency (`WokenThreadLatency`) counted as the pieces it is read from arrive, in memory that
/// does not grow with them: each run slice, woken ready stretch and yielded ready stretch becomes two edges in a
/// min-heap, and the edges before a time no later piece can start at are swept and forgotten (`settle(before:)`).
///
/// The sweep keeps, per number of threads wanting a CPU (running a task, or ready after a wake or a yield), the time
/// woken stretches spent at that number (summed over the woken stretches open then): the latency on `cores` cores is
/// that time where the number was at most `cores` (a core was free for the woken thread, itself counted), so the
/// cores need not be known while reading.
struct WokenLatencySweep {
    /// One edge of a piece: where it starts (+1) or ends (−1), and whether the piece is a woken ready stretch.
    struct Edge {
        var time: UInt64
        /// +1 or −1 to the threads wanting a CPU.
        var delta: Int32
        /// Whether the piece is a woken ready stretch (also counted among `woken`).
        var woken: Bool
    }

    /// The edges not swept yet, a min-heap by time.
    private var pending: [Edge] = []
    /// The time swept up to, and the threads wanting a CPU and the woken stretches open there.
    private var swept: UInt64 = 0
    private var wanting = 0
    private var woken = 0
    /// Per number of threads wanting a CPU, the woken stretches' time at that number (wrapping, as
    /// `WokenThreadLatency.total` sums).
    private var wokenTimeAtWanting: [UInt64] = []
    /// Edges that arrived before the time already swept (a trace whose events came far out of time order): swept
    /// at that time instead.
    private(set) var lateEdges = 0

    /// How many edges wait to be swept.
    var pendingCount: Int { pending.count }
    /// The most edges that waited at once.
    private(set) var peakPendingCount = 0

    /// Adds a piece `[start, end)`: a run slice or a yielded ready stretch (`woken` false), or a woken ready stretch.
    mutating func add(_ span: Range<UInt64>, woken: Bool) {
        guard !span.isEmpty else { return }
        push(Edge(time: span.lowerBound, delta: 1, woken: woken))
        push(Edge(time: span.upperBound, delta: -1, woken: woken))
    }

    /// Sweeps every edge before `time`: the caller knows that no piece added later starts before it.
    mutating func settle(before time: UInt64) {
        while let first = pending.first, first.time < time {
            popFirst()
            sweep(to: first)
        }
    }

    /// The latency summed over every woken stretch (ns) on `cores` cores, once every piece was added.
    func total(cores: Int) -> UInt64 {
        var rest = self
        while let first = rest.pending.first {
            rest.popFirst()
            rest.sweep(to: first)
        }
        var sum: UInt64 = 0
        for (count, time) in rest.wokenTimeAtWanting.enumerated() where count <= cores { sum &+= time }
        return sum
    }

    /// Counts the stretch from `swept` to `edge` at the current numbers, then steps over `edge`.
    private mutating func sweep(to edge: Edge) {
        if edge.time > swept {
            if woken > 0 && wanting >= 0 {
                if wanting >= wokenTimeAtWanting.count {
                    wokenTimeAtWanting += repeatElement(0, count: wanting - wokenTimeAtWanting.count + 1)
                }
                wokenTimeAtWanting[wanting] &+= UInt64(woken) &* (edge.time - swept)
            }
            swept = edge.time
        } else if edge.time < swept {
            lateEdges += 1
        }
        wanting += Int(edge.delta)
        if edge.woken { woken += Int(edge.delta) }
    }

    private mutating func push(_ edge: Edge) {
        pending.append(edge)
        peakPendingCount = max(peakPendingCount, pending.count)
        var i = pending.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard pending[parent].time > edge.time else { break }
            pending[i] = pending[parent]
            i = parent
        }
        pending[i] = edge
    }

    private mutating func popFirst() {
        let last = pending.removeLast()
        guard !pending.isEmpty else { return }
        let n = pending.count
        var i = 0
        while true {
            let left = 2 * i + 1
            guard left < n else { break }
            let right = left + 1
            let child = right < n && pending[right].time < pending[left].time ? right : left
            guard pending[child].time < last.time else { break }
            pending[i] = pending[child]
            i = child
        }
        pending[i] = last
    }
}
