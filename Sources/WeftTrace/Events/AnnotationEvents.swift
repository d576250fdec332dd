/// Typed views of the events of one area: sleeps and the program's own annotations. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `sleep` event: the running task sleeps for this long (a block with reason sleep follows).
public struct SleepEvent: EventView {
    @inlinable public static var kind: EventKind { .sleep }
    public static let spec = EventSpec(.sleep, "sleep", [.init("duration", .duration)],
                                       "The running task sleeps for this long (a block with reason sleep follows).")

    /// How long, in nanoseconds.
    public var duration: UInt64

    @inlinable
    public init(duration: UInt64) {
        self.duration = duration
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        duration = raw.a0
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(duration) }
}

/// A `log` event: a message logged by the program.
public struct LogEvent: EventView {
    @inlinable public static var kind: EventKind { .log }
    public static let spec = EventSpec(.log, "log", [.init("category", .string), .init("message", .string)],
                                       "A message logged by the program.")

    /// The message's category.
    public var category: StringID
    /// The message.
    public var message: StringID

    @inlinable
    public init(category: StringID, message: StringID) {
        self.category = category
        self.message = message
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        category = StringID(rawValue: raw.a0)
        message = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(category.rawValue, message.rawValue) }
}

/// A `regionBegin` event: the running task enters a named region of its own code.
public struct RegionBeginEvent: EventView {
    @inlinable public static var kind: EventKind { .regionBegin }
    public static let spec = EventSpec(.regionBegin, "regionBegin", [.init("name", .string)],
                                       "The running task enters a named region of its own code.")

    /// The region's name.
    public var name: StringID

    @inlinable
    public init(name: StringID) {
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        name = StringID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(name.rawValue) }
}

/// A `regionEnd` event: the running task leaves the named region.
public struct RegionEndEvent: EventView {
    @inlinable public static var kind: EventKind { .regionEnd }
    public static let spec = EventSpec(.regionEnd, "regionEnd", [.init("name", .string)],
                                       "The running task leaves the named region.")

    /// The region's name.
    public var name: StringID

    @inlinable
    public init(name: StringID) {
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        name = StringID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(name.rawValue) }
}
