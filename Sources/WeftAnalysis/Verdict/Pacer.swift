import WeftTrace

/// The task that set a run's pace: the one whose work the other tasks waited on most, blocked on a channel until it
/// woke them (a pipeline's slowest stage, whose neighbours wait to hand it a value or to take one). A task is credited
/// with each channel wait (send, receive, select) that it ended by waking the waiter. It sets the pace only when it
/// was itself busy, running for at least half its lifetime, and when its credit is at least `creditShare` of all the
/// channel waits that a task ended.
public struct Pacer: Sendable, Equatable {
    /// A task that waited on the pacer, and its whole time blocked on channels (ns): the "send"/"receive"/"select"
    /// entries `weft stats` prints for it under "blocked on", added up.
    public struct Waiter: Sendable, Equatable {
        public var task: String
        public var blocked: UInt64

        public init(task: String, blocked: UInt64) {
            self.task = task
            self.blocked = blocked
        }
    }

    /// The pacing task's name.
    public var task: String
    /// How long it ran (ns), as `weft stats` prints in its "running" column.
    public var running: UInt64
    /// The tasks that waited on it, in task order: each waited on it for at least `waiterShare` of its channel waits.
    public var waiters: [Waiter]

    public init(task: String, running: UInt64, waiters: [Waiter]) {
        self.task = task
        self.running = running
        self.waiters = waiters
    }

    /// The share of all task-ended channel waits that the pacer must have ended.
    public static let creditShare = 2.0 / 3
    /// The share of a task's channel waits that the pacer must have ended for the task to count as waiting on it.
    public static let waiterShare = 0.5

    /// The pacer of `timeline`; nil when no busy task ended most of the channel waits.
    public init?(_ timeline: Timeline) {
        // credit[pacer][waiter]: channel waits of `waiter` that `pacer` ended by waking it.
        var credit: [TaskID: [TaskID: UInt64]] = [:]
        var blockedOnChannels: [TaskID: UInt64] = [:]
        var all: UInt64 = 0
        for task in timeline.tasks {
            let intervals = task.intervals.elements
            for (i, interval) in intervals.enumerated() {
                guard case .blocked(_, let reason?) = interval.state, Self.isChannel(reason) else { continue }
                blockedOnChannels[task.id, default: 0] += interval.duration
                guard i + 1 < intervals.count, case .runnable(.woken(let waker)) = intervals[i + 1].state,
                      waker != .none, waker != task.id else { continue }
                credit[waker, default: [:]][task.id, default: 0] += interval.duration
                all += interval.duration
            }
        }
        guard all > 0, let (pacerID, waited) = credit.max(by: { a, b in
            let (x, y) = (a.value.values.reduce(0, +), b.value.values.reduce(0, +))
            return x != y ? x < y : a.key > b.key
        }), Double(waited.values.reduce(0, +)) >= Self.creditShare * Double(all),
              let pacer = timeline.task(pacerID) else { return nil }
        let running = pacer.timeByCategory()[TaskStateCategory.running.rawValue]
        guard Double(running) * 2 >= Double(pacer.lifetime(traceEnd: timeline.run.end)) else { return nil }
        let waiters = timeline.tasks.compactMap { task -> Waiter? in
            guard let credited = waited[task.id], let blocked = blockedOnChannels[task.id],
                  Double(credited) >= Self.waiterShare * Double(blocked) else { return nil }
            return Waiter(task: task.label, blocked: blocked)
        }
        guard !waiters.isEmpty else { return nil }
        self.init(task: pacer.label, running: running, waiters: waiters)
    }

    /// Whether a wait with this reason is one on a channel.
    static func isChannel(_ reason: BlockReason) -> Bool {
        reason == .channelSend || reason == .channelReceive || reason == .select
    }
}
