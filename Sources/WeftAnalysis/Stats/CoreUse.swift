/// How many threads ran a task at once, against the machine's cores: more running than cores means that some of what
/// the trace records as running was a thread waiting for the OS to give it a CPU.
public struct CoreUse: Sendable, Equatable {
    /// The most threads running a task at one instant (0 when no more threads ever ran than there are cores).
    public var peak = 0
    /// How long more threads ran than there were cores (ns).
    public var oversubscribed: UInt64 = 0

    /// The use of `cores` by threads whose busy times are `busy` (one list of [start, end) per thread).
    public init(busy: [[Range<UInt64>]], cores: Int) {
        Self.sweep(busy: busy, cores: cores) { running, span in
            if running > cores { oversubscribed += UInt64(span.count) }
            peak = max(peak, running)
        }
    }

    /// The stretches in which more of the threads whose busy times are `busy` ran than there are `cores`, in time
    /// order, touching stretches joined: there, what the trace records as running may have been waiting for a CPU.
    public static func oversubscribedSpans(busy: [[Range<UInt64>]], cores: Int) -> [Range<UInt64>] {
        var spans: [Range<UInt64>] = []
        sweep(busy: busy, cores: cores) { running, span in
            guard running > cores, !span.isEmpty else { return }
            if let last = spans.last, last.upperBound == span.lowerBound {
                spans[spans.count - 1] = last.lowerBound ..< span.upperBound
            } else {
                spans.append(span)
            }
        }
        return spans
    }

    /// Calls `body` with how many threads were running and for which stretch, from one edge of a busy time to the
    /// next, in time order; nothing when fewer threads ever ran than there are cores.
    private static func sweep(busy: [[Range<UInt64>]], cores: Int, _ body: (Int, Range<UInt64>) -> Void) {
        // Fewer threads that ever ran than cores: nothing to count.
        guard busy.filter({ !$0.isEmpty }).count > cores else { return }
        var running = 0
        var since: UInt64 = 0
        for edge in edges(of: busy) {
            if running > 0 { body(running, since ..< edge.time) }
            running += edge.delta
            since = edge.time
        }
    }

    /// Each busy time's start (+1) and end (−1), in time order, ends before starts at one instant (a hand-over is not
    /// two at once): the steps of how many ran at once, for `sweep` and `WokenThreadLatency.freeCoreSpans`.
    static func edges(of busy: [[Range<UInt64>]]) -> [(time: UInt64, delta: Int)] {
        var edges: [(time: UInt64, delta: Int)] = []
        for thread in busy {
            for slice in thread where !slice.isEmpty {
                edges.append((slice.lowerBound, 1))
                edges.append((slice.upperBound, -1))
            }
        }
        edges.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        return edges
    }

    /// The use of `cores` by the run's threads, from their run slices.
    public init(_ threads: [ThreadTimeline], cores: Int) {
        self.init(busy: threads.map { $0.slices.elements.map { $0.start ..< $0.end } }, cores: cores)
    }
}
