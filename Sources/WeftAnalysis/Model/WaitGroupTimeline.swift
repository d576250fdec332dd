import WeftTrace

/// One wait group: its counter over time and the episodes of tasks waiting on it.
public struct WaitGroupTimeline: Sendable, Equatable {
    public var id: WaitGroupID
    public var name: String
    public var created: UInt64
    public var creator: TaskID
    /// Every change of the counter (`waitGroupAdd`, `waitGroupDone`), in order.
    public var changes: [CounterChange]
    /// Every `waitGroupWait`, sorted by start.
    public var waits: IntervalList<WaitEpisode>

    public var label: String { name.isEmpty ? id.description : name }

    public init(id: WaitGroupID, name: String = "", created: UInt64 = 0, creator: TaskID = .none,
                changes: [CounterChange] = [], waits: IntervalList<WaitEpisode> = IntervalList(sorted: [])) {
        self.id = id
        self.name = name
        self.created = created
        self.creator = creator
        self.changes = changes
        self.waits = waits
    }
}

/// A wait group's counter after a change made by a task.
public struct CounterChange: Sendable, Equatable {
    public var time: UInt64
    public var task: TaskID
    /// The change (+n for add, -1 for done).
    public var delta: Int64
    /// The counter after it.
    public var count: UInt64
    public init(time: UInt64, task: TaskID, delta: Int64, count: UInt64) {
        self.time = time
        self.task = task
        self.delta = delta
        self.count = count
    }
}

/// A task waiting on a wait group or a condition: from the wait to its wake-up.
public struct WaitEpisode: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    /// When it was woken (or `start` when it did not have to block; the end of the trace when still waiting).
    public var end: UInt64
    public var task: TaskID
    /// Whether it blocked at all.
    public var blocked: Bool
    /// Who woke it (`TaskID.none` for no one or the timer thread).
    public var waker: TaskID
    /// False when the task was still waiting at the end of the trace.
    public var completed: Bool

    public init(start: UInt64, end: UInt64, task: TaskID, blocked: Bool, waker: TaskID = .none, completed: Bool) {
        self.start = start
        self.end = end
        self.task = task
        self.blocked = blocked
        self.waker = waker
        self.completed = completed
    }
}
