import WeftTrace

/// A run's hand-offs: the times one task made another runnable (a message handed over, a mutex passed on, a wait
/// group or join released), and how long the woken task then waited to run. Under thread-per-task each such wait is
/// an OS thread being woken; under a pool, a worker taking the task from a queue.
public struct Handoffs: Sendable, Equatable {
    /// How many times a task woke another.
    public var count: Int
    /// The median wait from a wake-up to the woken task running (ns).
    public var medianWait: UInt64
    /// The longest wait from a wake-up to the woken task running (ns): a few long waits can make most of
    /// `waitOnPath`, which the median alone would not explain.
    public var longestWait: UInt64
    /// The time (ns) woken tasks waited to run on the run's critical path: the part of the wall time these waits made.
    public var waitOnPath: UInt64

    public init(count: Int, medianWait: UInt64, longestWait: UInt64? = nil, waitOnPath: UInt64) {
        self.count = count
        self.medianWait = medianWait
        self.longestWait = longestWait ?? medianWait
        self.waitOnPath = waitOnPath
    }

    /// The hand-offs of `timeline` (`path`: its critical path); nil when no task woke another.
    public init?(_ timeline: Timeline, path: CriticalPath) {
        var waits: [UInt64] = []
        for task in timeline.tasks {
            for interval in task.intervals.elements {
                if case .runnable(.woken(let waker)) = interval.state, waker != .none {
                    waits.append(interval.duration)
                }
            }
        }
        guard !waits.isEmpty else { return nil }
        var onPath: UInt64 = 0
        for segment in path.segments {
            if case .runnable(.woken(let waker)) = segment.state, waker != .none { onPath += segment.duration }
        }
        self.init(count: waits.count, medianWait: Percentiles(waits).p50, longestWait: waits.max(), waitOnPath: onPath)
    }
}
