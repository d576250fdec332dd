import WeftTrace

/// The run's OS threads counted by what they were for: the scheduler's threads (workers, task threads, the timer)
/// apart from the caller of `Weft.run`, which only waits for the run. Stats, diff and pictures count threads here.
public struct ThreadCensus: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Workers of the multiplexed scheduler.
    public var workers: Int
    /// Threads of thread-per-task, one per task.
    public var taskThreads: Int
    /// Timer threads (one per run).
    public var timers: Int
    /// Threads of no known role.
    public var others: Int
    /// Whether the trace recorded the caller of `Weft.run` (counted apart, never as a scheduler thread).
    public var caller: Bool

    /// The scheduler's threads: workers, task threads, timers and others; never the caller.
    public var schedulerThreads: Int { workers + taskThreads + timers + others }

    public init(workers: Int = 0, taskThreads: Int = 0, timers: Int = 0, others: Int = 0, caller: Bool = false) {
        self.workers = workers
        self.taskThreads = taskThreads
        self.timers = timers
        self.others = others
        self.caller = caller
    }

    /// Counts the threads of a model.
    public init(_ threads: [ThreadTimeline]) {
        self.init()
        for thread in threads {
            switch thread.role {
            case .worker: workers += 1
            case .taskThread: taskThreads += 1
            case .timer: timers += 1
            case .main: caller = true
            case .other: others += 1
            }
        }
    }

    /// "3: 2 workers + timer, caller apart", "101: 100 task threads + timer, caller apart".
    public var description: String {
        func count(_ n: Int, _ one: String, _ many: String) -> String? {
            n == 0 ? nil : n == 1 ? one : "\(n) \(many)"
        }
        let parts = [count(workers, "1 worker", "workers"), count(taskThreads, "1 task thread", "task threads"),
                     count(timers, "timer", "timers"), count(others, "1 other", "others")].compactMap { $0 }
        var text = "\(schedulerThreads)"
        if !parts.isEmpty { text += ": " + parts.joined(separator: " + ") }
        if caller { text += ", caller apart" }
        return text
    }
}

extension Timeline {
    /// The threads counted by role, the caller apart.
    public var threadCensus: ThreadCensus { ThreadCensus(threads) }
}
