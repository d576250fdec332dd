/// Typed views of the events of one area: condition variables. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `conditionMake` event: a condition variable is made, bound to a mutex.
public struct ConditionMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .conditionMake }
    public static let spec = EventSpec(.conditionMake, "conditionMake", [.init("condition", .condition), .init("mutex", .mutex), .init("name", .string)],
                                       "A condition variable is made, bound to a mutex.")

    /// The new condition.
    public var condition: ConditionID
    /// The mutex it is bound to.
    public var mutex: MutexID
    /// Its name.
    public var name: StringID

    @inlinable
    public init(condition: ConditionID, mutex: MutexID, name: StringID) {
        self.condition = condition
        self.mutex = mutex
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        condition = ConditionID(rawValue: raw.a0)
        mutex = MutexID(rawValue: raw.a1)
        name = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(condition.rawValue, mutex.rawValue, name.rawValue) }
}

/// A `conditionWait` event: the running task waits on the condition (releasing its mutex).
public struct ConditionWaitEvent: EventView {
    @inlinable public static var kind: EventKind { .conditionWait }
    public static let spec = EventSpec(.conditionWait, "conditionWait", [.init("condition", .condition)],
                                       "The running task waits on the condition (releasing its mutex).")

    /// The condition waited on.
    public var condition: ConditionID

    @inlinable
    public init(condition: ConditionID) {
        self.condition = condition
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        condition = ConditionID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(condition.rawValue) }
}

/// A `conditionSignal` event: the running task signals the condition, waking one waiter (none if no one waited).
public struct ConditionSignalEvent: EventView {
    @inlinable public static var kind: EventKind { .conditionSignal }
    public static let spec = EventSpec(.conditionSignal, "conditionSignal", [.init("condition", .condition), .init("woken", .task)],
                                       "The running task signals the condition, waking one waiter (none if no one waited).")

    /// The condition.
    public var condition: ConditionID
    /// The waiter woken, or `TaskID.none`.
    public var woken: TaskID

    @inlinable
    public init(condition: ConditionID, woken: TaskID) {
        self.condition = condition
        self.woken = woken
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        condition = ConditionID(rawValue: raw.a0)
        woken = TaskID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(condition.rawValue, woken.rawValue) }
}

/// A `conditionBroadcast` event: the running task wakes every waiter of the condition.
public struct ConditionBroadcastEvent: EventView {
    @inlinable public static var kind: EventKind { .conditionBroadcast }
    public static let spec = EventSpec(.conditionBroadcast, "conditionBroadcast", [.init("condition", .condition), .init("woken", .uint)],
                                       "The running task wakes every waiter of the condition.")

    /// The condition.
    public var condition: ConditionID
    /// How many waiters were woken.
    public var woken: UInt64

    @inlinable
    public init(condition: ConditionID, woken: UInt64) {
        self.condition = condition
        self.woken = woken
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        condition = ConditionID(rawValue: raw.a0)
        woken = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(condition.rawValue, woken) }
}
