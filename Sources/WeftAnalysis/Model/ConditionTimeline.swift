import WeftTrace

/// One condition variable: its waits and its signals.
public struct ConditionTimeline: Sendable, Equatable {
    public var id: ConditionID
    /// The mutex it is bound to.
    public var mutex: MutexID
    public var name: String
    public var created: UInt64
    public var creator: TaskID
    /// Every `conditionWait`, sorted by start; `waker` is the signalling task.
    public var waits: IntervalList<WaitEpisode>
    /// Every signal and broadcast, in order.
    public var signals: [ConditionSignal]

    public var label: String { name.isEmpty ? id.description : name }

    public init(id: ConditionID, mutex: MutexID = MutexID(0), name: String = "", created: UInt64 = 0,
                creator: TaskID = .none, waits: IntervalList<WaitEpisode> = IntervalList(sorted: []),
                signals: [ConditionSignal] = []) {
        self.id = id
        self.mutex = mutex
        self.name = name
        self.created = created
        self.creator = creator
        self.waits = waits
        self.signals = signals
    }
}

/// A `conditionSignal` or `conditionBroadcast`.
public struct ConditionSignal: Sendable, Equatable {
    public var time: UInt64
    /// The signalling task.
    public var task: TaskID
    /// True for a broadcast.
    public var broadcast: Bool
    /// For a signal, the task woken (`TaskID.none` if no one waited); for a broadcast, none.
    public var woken: TaskID
    /// How many waiters it woke.
    public var wokenCount: UInt64

    public init(time: UInt64, task: TaskID, broadcast: Bool, woken: TaskID, wokenCount: UInt64) {
        self.time = time
        self.task = task
        self.broadcast = broadcast
        self.woken = woken
        self.wokenCount = wokenCount
    }
}
