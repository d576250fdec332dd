/// Typed views of the events of one area: mutexes. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `mutexMake` event: a mutex is made.
public struct MutexMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .mutexMake }
    public static let spec = EventSpec(.mutexMake, "mutexMake", [.init("mutex", .mutex), .init("name", .string)],
                                       "A mutex is made.")

    /// The new mutex.
    public var mutex: MutexID
    /// Its name.
    public var name: StringID

    @inlinable
    public init(mutex: MutexID, name: StringID) {
        self.mutex = mutex
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
        name = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue, name.rawValue) }
}

/// A `lockRequest` event: the running task asks for the mutex.
public struct LockRequestEvent: EventView {
    @inlinable public static var kind: EventKind { .lockRequest }
    public static let spec = EventSpec(.lockRequest, "lockRequest", [.init("mutex", .mutex)],
                                       "The running task asks for the mutex.")

    /// The mutex asked for.
    public var mutex: MutexID

    @inlinable
    public init(mutex: MutexID) {
        self.mutex = mutex
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue) }
}

/// A `lockAcquire` event: the running task holds the mutex.
public struct LockAcquireEvent: EventView {
    @inlinable public static var kind: EventKind { .lockAcquire }
    public static let spec = EventSpec(.lockAcquire, "lockAcquire", [.init("mutex", .mutex)],
                                       "The running task holds the mutex.")

    /// The mutex now held.
    public var mutex: MutexID

    @inlinable
    public init(mutex: MutexID) {
        self.mutex = mutex
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue) }
}

/// A `lockRelease` event: the running task releases the mutex.
public struct LockReleaseEvent: EventView {
    @inlinable public static var kind: EventKind { .lockRelease }
    public static let spec = EventSpec(.lockRelease, "lockRelease", [.init("mutex", .mutex)],
                                       "The running task releases the mutex.")

    /// The mutex released.
    public var mutex: MutexID

    @inlinable
    public init(mutex: MutexID) {
        self.mutex = mutex
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue) }
}
