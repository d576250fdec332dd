/// How many threads ran a task at once, against the machine's cores: more running than cores means that some of what
/// the trace records as running was a thread waiting for the OS to give it a CPU.
public struct CoreUse: Sendable, Equatable {
    /// The most threads running a task at one instant (0 when no more threads ever ran than there are cores).
    public var peak = 0
    /// How long more threads ran than there were cores (ns).
    public var oversubscribed: UInt64 = 0

    /// The use of `cores` by threads whose busy times are `busy` (one list of [start, end) per thread).
    public init(busy: [[Range<UInt64>]], cores: Int) {
        // Fewer threads that ever ran than cores: nothing to count.
        guard busy.filter({ !$0.isEmpty }).count > cores else { return }
        var edges: [(time: UInt64, delta: Int)] = []
        for thread in busy {
            for slice in thread where !slice.isEmpty {
                edges.append((slice.lowerBound, 1))
                edges.append((slice.upperBound, -1))
            }
        }
        // Ends before starts at one instant: a hand-over is not two at once.
        edges.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var running = 0
        var since: UInt64 = 0
        for edge in edges {
            if running > cores { oversubscribed += edge.time - since }
            running += edge.delta
            since = edge.time
            peak = max(peak, running)
        }
    }

    /// The use of `cores` by the run's threads, from their run slices.
    public init(_ threads: [ThreadTimeline], cores: Int) {
        self.init(busy: threads.map { $0.slices.elements.map { $0.start ..< $0.end } }, cores: cores)
    }
}
