/// The most intervals open at once, counted from their starts and ends in time order without keeping them.
///
/// At one instant, ends count before starts (an interval ending when another begins does not overlap it), so a
/// zero-length interval overlaps nothing. Edges must come in time order; one earlier than the latest is counted at
/// the latest. The same figure whether the edges come as a trace is read or sorted from a whole model.
struct OverlapPeak: Sendable, Equatable {
    /// The instant whose edges are being gathered.
    private var time: UInt64 = 0
    /// Intervals open after every edge before `time`.
    private var open = 0
    /// Starts and ends at `time`.
    private var starts = 0
    private var ends = 0
    /// The peak over the instants before `time`.
    private var settled = 0

    /// The most intervals open at once so far.
    var peak: Int { Swift.max(settled, open - ends + starts) }

    /// An interval starts at `time`.
    mutating func start(at time: UInt64) {
        advance(to: time)
        starts += 1
    }

    /// An interval ends at `time`.
    mutating func end(at time: UInt64) {
        advance(to: time)
        ends += 1
    }

    /// Closes the instants before `time`.
    private mutating func advance(to time: UInt64) {
        guard time > self.time else { return }
        settled = peak
        open += starts - ends
        starts = 0
        ends = 0
        self.time = time
    }

    /// Counts intervals known whole (`start ... end`, `end` never before `start`), their edges sorted.
    init(_ intervals: some Sequence<(start: UInt64, end: UInt64)>) {
        var edges: [(time: UInt64, starts: Bool)] = []
        for i in intervals {
            edges.append((i.start, true))
            edges.append((i.end, false))
        }
        edges.sort { $0.time < $1.time }
        for edge in edges {
            if edge.starts { start(at: edge.time) } else { end(at: edge.time) }
        }
    }

    init() {}
}
