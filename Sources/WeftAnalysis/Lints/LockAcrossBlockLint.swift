import WeftTrace

/// A task that blocks on a channel, select, join, wait group or condition, or sleeps, while holding a mutex.
public struct LockAcrossBlockLint: Lint {
    /// One task holding one mutex across blocking operations (the first one, and how many).
    public struct Finding: Sendable, Equatable {
        public var task: TaskID
        public var mutex: MutexID
        public var reason: BlockReason?
        public var object: ObjectID
        /// When the first such wait began, and how long it lasted.
        public var time: UInt64
        public var duration: UInt64
        /// How many such waits, and their total time.
        public var count: Int
        public var total: UInt64
    }

    public init() {}
    public var name: String { "lock-across-block" }
    public var summary: String { "a mutex held while its holder blocks on something else or sleeps" }

    public func check(_ timeline: Timeline) -> [Finding] {
        var findings: [Finding] = []
        for mutex in timeline.mutexes {
            var byTask: [TaskID: Finding] = [:]
            for hold in mutex.holds {
                guard let t = timeline.index(of: hold.task) else { continue }
                let intervals = timeline.tasks[t].intervals
                for i in intervals.indices(overlapping: hold.start ..< hold.end) where !ActorEntry.isEntryWait(i, in: intervals) {
                    let interval = intervals[i]
                    let reason: BlockReason?, object: ObjectID
                    switch interval.state {
                    case .blocked(let o, let r) where r != .mutex:
                        (reason, object) = (r, o)
                    case .sleeping:
                        (reason, object) = (.sleep, .none)
                    default:
                        continue
                    }
                    let d = min(interval.end, hold.end) - max(interval.start, hold.start)
                    if var f = byTask[hold.task] {
                        f.count += 1
                        f.total = f.total.addingSaturated(d)
                        byTask[hold.task] = f
                    } else {
                        byTask[hold.task] = Finding(task: hold.task, mutex: mutex.id, reason: reason, object: object,
                                                    time: interval.start, duration: d, count: 1, total: d)
                    }
                }
            }
            findings += byTask.values
        }
        return findings.sorted(by: Self.precedes)
    }

    public func findings(in trace: CheckedTrace) -> (first: [Finding], count: Int) {
        let all = trace.lints.lockAcross.values.sorted(by: Self.precedes)
        return (all, all.count)
    }

    /// Time order, then task, then mutex.
    static func precedes(_ a: Finding, _ b: Finding) -> Bool {
        a.time != b.time ? a.time < b.time : a.task != b.task ? a.task < b.task : a.mutex < b.mutex
    }

    public func message(_ f: Finding, in timeline: Timeline) -> String {
        let label = timeline.mutex(f.mutex)?.label ?? f.mutex.description
        let mutex = label == f.mutex.description ? label : "\(f.mutex) \"\(label)\""
        var text = "lock held across a block: \(LintText.task(f.task, timeline)) holds mutex \(mutex) while waiting on "
            + "\(LintText.object(f.reason, f.object, timeline)) at \(DurationFormat.format(f.time)) for \(DurationFormat.format(f.duration))"
        if f.count > 1 { text += " (\(f.count) times, \(DurationFormat.format(f.total)) in all)" }
        return text
    }

    public func tasks(of f: Finding) -> [TaskID] { [f.task] }
    public func time(of f: Finding) -> UInt64 { f.time }
}
