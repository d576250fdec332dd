/// Typed views of the events of one area: once cells. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `onceMake` event: a once (run-exactly-once cell) is made.
public struct OnceMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .onceMake }
    public static let spec = EventSpec(.onceMake, "onceMake", [.init("once", .once), .init("name", .string)],
                                       "A once (run-exactly-once cell) is made.")

    /// The new once.
    public var once: OnceID
    /// Its name.
    public var name: StringID

    @inlinable
    public init(once: OnceID, name: StringID) {
        self.once = once
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        once = OnceID(rawValue: raw.a0)
        name = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(once.rawValue, name.rawValue) }
}

/// A `onceBegin` event: the running task starts the once's body; other callers wait until it ends.
public struct OnceBeginEvent: EventView {
    @inlinable public static var kind: EventKind { .onceBegin }
    public static let spec = EventSpec(.onceBegin, "onceBegin", [.init("once", .once)],
                                       "The running task starts the once's body; other callers wait until it ends.")

    /// The once whose body starts.
    public var once: OnceID

    @inlinable
    public init(once: OnceID) {
        self.once = once
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        once = OnceID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(once.rawValue) }
}

/// A `onceEnd` event: the once's body ended (returned or threw): the once is done, its waiters go on.
public struct OnceEndEvent: EventView {
    @inlinable public static var kind: EventKind { .onceEnd }
    public static let spec = EventSpec(.onceEnd, "onceEnd", [.init("once", .once)],
                                       "The once's body ended (returned or threw): the once is done, its waiters go on.")

    /// The once whose body ended.
    public var once: OnceID

    @inlinable
    public init(once: OnceID) {
        self.once = once
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        once = OnceID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(once.rawValue) }
}
