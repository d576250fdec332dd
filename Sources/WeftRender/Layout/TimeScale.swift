/// A stretch of the time axis drawn narrow because nothing on any drawn lane changes in it.
public struct TimeFold: Sendable, Equatable {
    /// The last change before the stretch (ns since trace start).
    public var start: UInt64
    /// The first change after it.
    public var end: UInt64

    public init(start: UInt64, end: UInt64) {
        self.start = start
        self.end = max(start, end)
    }

    /// How long the folded stretch lasts.
    public var duration: UInt64 { end - start }
}

/// Maps times (ns since trace start) in a window to x pixels in the plot area.
///
/// Piecewise linear: each fold is drawn as a narrow break (`FoldWidths`), and the stretches between folds share the
/// rest of the plot in proportion to their durations, at one scale, so that ticks stay true on both sides of a fold.
struct TimeScale {
    /// One linear piece of the axis.
    struct Segment: Equatable {
        let t0: Double
        let t1: Double
        let x0: Double
        let x1: Double
        let folded: Bool
        /// Pixels per nanosecond.
        let factor: Double

        @inline(__always) func x(_ t: Double) -> Double { x0 + (t - t0) * factor }
    }

    let start: Double
    let end: Double
    let x0: Double
    let x1: Double
    /// The folds, in time order, inside the window.
    let folds: [TimeFold]
    /// The pieces covering [start, end] in order; one unfolded piece for a plain axis.
    let segments: [Segment]
    private let factor: Double
    private let isLinear: Bool

    init(start: UInt64, end: UInt64, x0: Double, x1: Double, folds: [TimeFold] = []) {
        self.start = Double(start)
        self.end = Double(max(end, start + 1))
        self.x0 = x0
        self.x1 = x1
        let inside = folds.filter { $0.start >= start && $0.end <= end && $0.end > $0.start }.sorted { $0.start < $1.start }
        let folded = inside.reduce(0.0) { $0 + Double($1.duration) }
        let foldWidths = FoldWidths.widths(inside.map(\.duration))
        let room = (x1 - x0) - foldWidths.reduce(0, +)
        let open = self.end - self.start - folded
        guard !inside.isEmpty, room > 0, open > 0 else {
            self.folds = []
            factor = (x1 - x0) / (self.end - self.start)
            segments = [Segment(t0: self.start, t1: self.end, x0: x0, x1: x1, folded: false, factor: factor)]
            isLinear = true
            return
        }
        self.folds = inside
        let openFactor = room / open
        var pieces: [Segment] = []
        var t = self.start
        var x = x0
        func add(_ t1: Double, folded: Bool, width: Double) {
            let w = folded ? width : (t1 - t) * openFactor
            pieces.append(Segment(t0: t, t1: t1, x0: x, x1: x + w, folded: folded, factor: t1 > t ? w / (t1 - t) : 0))
            t = t1
            x += w
        }
        for (fold, width) in zip(inside, foldWidths) {
            if Double(fold.start) > t { add(Double(fold.start), folded: false, width: 0) }
            add(Double(fold.end), folded: true, width: width)
        }
        if self.end > t { add(self.end, folded: false, width: 0) }
        segments = pieces
        factor = openFactor
        isLinear = false
    }

    @inline(__always) func x(_ t: UInt64) -> Double { x(Double(t)) }

    @inline(__always) func x(_ t: Double) -> Double {
        if isLinear { return x0 + (t - start) * factor }
        return segment(at: t).x(t)
    }

    /// The piece that holds `t` (the first or last one for times outside the window).
    func segment(at t: Double) -> Segment {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high) / 2
            if segments[mid].t1 < t { low = mid + 1 } else { high = mid }
        }
        return segments[low]
    }

    /// Whether [a, b) meets the window.
    @inline(__always) func overlaps(_ a: UInt64, _ b: UInt64) -> Bool { Double(b) >= start && Double(a) <= end }

    /// x of `t` clamped to the plot.
    @inline(__always) func clampedX(_ t: UInt64) -> Double { min(max(x(t), x0), x1) }

    var plotWidth: Double { x1 - x0 }
    /// Nanoseconds one pixel covers outside the folds.
    var nanosecondsPerPixel: Double { 1 / factor }
}
