import WeftTrace

/// Everything that happened to one task: its identity, family, and its state from creation to end.
public struct TaskTimeline: Sendable, Equatable {
    /// The task.
    public var id: TaskID
    /// Its name as given at spawn ("" when unnamed).
    public var name: String
    /// Where it was spawned (`file:line`, "" when unknown).
    public var site: String
    /// The task that spawned it (`TaskID.none` for the main task, or when unknown).
    public var parent: TaskID
    /// The tasks it spawned, in order of creation.
    public var children: [TaskID]
    /// When it was created (or first seen, when the trace lacks its `taskCreate`).
    public var created: UInt64
    /// When it ended (its final run slice ended, or its `taskEnd`); nil if it was still alive at the end of the trace.
    public var ended: UInt64?
    /// How it ended; nil if it had not ended.
    public var outcome: TaskOutcome?
    /// The error's description when it threw ("" otherwise).
    public var message: String
    /// Its states, contiguous, sorted, from `created` to `ended` (or to the end of the trace).
    public var intervals: IntervalList<StateInterval>
    /// Named regions the task entered (`regionBegin`/`regionEnd`), sorted by start; open ones end with the trace.
    public var regions: IntervalList<Region>
    /// The last wait the task announced with a `block` event, and its wake-up (kept even when the wake-up came
    /// before the task's slice ended, so that no blocked interval was stored).
    public var lastWait: AnnouncedWait?

    /// A name for people: the task's name, or its id when it has none.
    public var label: String { name.isEmpty ? id.description : name }

    /// The task's lifetime: creation to end (or the end of the trace, `traceEnd`).
    public func lifetime(traceEnd: UInt64) -> UInt64 { (ended ?? traceEnd) &- created }

    /// The state at `time`: `.finished` after it ended, nil before it was created.
    public func state(at time: UInt64) -> TaskState? {
        if time < created { return nil }
        if let ended, time >= ended { return .finished }
        guard let i = intervals.index(containing: time) else { return intervals.last.map(\.state) }
        return intervals[i].state
    }

    /// The time spent in each state category (indexed by `TaskStateCategory.rawValue`).
    public func timeByCategory() -> [UInt64] {
        var sums = [UInt64](repeating: 0, count: TaskStateCategory.allCases.count)
        for interval in intervals { sums[interval.state.category.rawValue] += interval.duration }
        return sums
    }

    public init(id: TaskID, name: String = "", site: String = "", parent: TaskID = .none, children: [TaskID] = [],
                created: UInt64, ended: UInt64? = nil, outcome: TaskOutcome? = nil, message: String = "",
                intervals: IntervalList<StateInterval>, regions: IntervalList<Region> = IntervalList(sorted: []),
                lastWait: AnnouncedWait? = nil) {
        self.id = id
        self.name = name
        self.site = site
        self.parent = parent
        self.children = children
        self.created = created
        self.ended = ended
        self.outcome = outcome
        self.message = message
        self.intervals = intervals
        self.regions = regions
        self.lastWait = lastWait
    }
}

/// A named region of a task's own code (`regionBegin` … `regionEnd`).
public struct Region: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    /// The region's name.
    public var name: String
    /// How deep it is nested inside the task's other open regions (0 = outermost).
    public var depth: Int
    /// False when the trace ended before the region did.
    public var closed: Bool

    public init(start: UInt64, end: UInt64, name: String, depth: Int, closed: Bool) {
        self.start = start
        self.end = end
        self.name = name
        self.depth = depth
        self.closed = closed
    }
}

/// A wait a task announced (`block`), and when and by whom it was woken.
public struct AnnouncedWait: Sendable, Equatable {
    public var reason: BlockReason
    public var object: ObjectID
    /// When the `block` was recorded.
    public var start: UInt64
    /// When it was woken (`unblock`); nil if it never was.
    public var woken: UInt64?
    /// Who woke it (`TaskID.none` for the timer thread, or when not woken).
    public var waker: TaskID

    public init(reason: BlockReason, object: ObjectID, start: UInt64, woken: UInt64? = nil, waker: TaskID = .none) {
        self.reason = reason
        self.object = object
        self.start = start
        self.woken = woken
        self.waker = waker
    }
}
