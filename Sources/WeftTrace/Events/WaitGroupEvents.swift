/// Typed views of the events of one area: wait groups. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `waitGroupMake` event: a wait group is made.
public struct WaitGroupMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .waitGroupMake }
    public static let spec = EventSpec(.waitGroupMake, "waitGroupMake", [.init("group", .waitGroup), .init("name", .string)],
                                       "A wait group is made.")

    /// The new wait group.
    public var group: WaitGroupID
    /// Its name.
    public var name: StringID

    @inlinable
    public init(group: WaitGroupID, name: StringID) {
        self.group = group
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        group = WaitGroupID(rawValue: raw.a0)
        name = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(group.rawValue, name.rawValue) }
}

/// A `waitGroupAdd` event: the running task adds delta to the group's counter, giving count.
public struct WaitGroupAddEvent: EventView {
    @inlinable public static var kind: EventKind { .waitGroupAdd }
    public static let spec = EventSpec(.waitGroupAdd, "waitGroupAdd", [.init("group", .waitGroup), .init("delta", .int), .init("count", .uint)],
                                       "The running task adds delta to the group's counter, giving count.")

    /// The wait group.
    public var group: WaitGroupID
    /// What was added (may be negative).
    public var delta: Int64
    /// The counter after the change.
    public var count: UInt64

    @inlinable
    public init(group: WaitGroupID, delta: Int64, count: UInt64) {
        self.group = group
        self.delta = delta
        self.count = count
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        group = WaitGroupID(rawValue: raw.a0)
        delta = Event.unzigzag(raw.a1)
        count = raw.a2
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(group.rawValue, Event.zigzag(delta), count) }
}

/// A `waitGroupDone` event: the running task marks one unit done, giving count.
public struct WaitGroupDoneEvent: EventView {
    @inlinable public static var kind: EventKind { .waitGroupDone }
    public static let spec = EventSpec(.waitGroupDone, "waitGroupDone", [.init("group", .waitGroup), .init("count", .uint)],
                                       "The running task marks one unit done, giving count.")

    /// The wait group.
    public var group: WaitGroupID
    /// The counter after the change.
    public var count: UInt64

    @inlinable
    public init(group: WaitGroupID, count: UInt64) {
        self.group = group
        self.count = count
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        group = WaitGroupID(rawValue: raw.a0)
        count = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(group.rawValue, count) }
}

/// A `waitGroupWait` event: the running task waits for the group's counter to reach zero (it blocks only if it is not zero).
public struct WaitGroupWaitEvent: EventView {
    @inlinable public static var kind: EventKind { .waitGroupWait }
    public static let spec = EventSpec(.waitGroupWait, "waitGroupWait", [.init("group", .waitGroup)],
                                       "The running task waits for the group's counter to reach zero (it blocks only if it is not zero).")

    /// The wait group waited for.
    public var group: WaitGroupID

    @inlinable
    public init(group: WaitGroupID) {
        self.group = group
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        group = WaitGroupID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(group.rawValue) }
}
