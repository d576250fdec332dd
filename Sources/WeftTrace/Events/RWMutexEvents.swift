/// Typed views of the events of one area: read-write mutexes. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `rwMutexMake` event: a read-write mutex is made; its writers use the mutex events, its readers the read events.
public struct RWMutexMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .rwMutexMake }
    public static let spec = EventSpec(.rwMutexMake, "rwMutexMake", [.init("mutex", .mutex), .init("name", .string)],
                                       "A read-write mutex is made; its writers use the mutex events, its readers the read events.")

    /// The new read-write mutex (writers use lockRequest/lockAcquire/lockRelease with this id).
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

/// A `readRequest` event: the running task asks for a read-write mutex for reading.
public struct ReadRequestEvent: EventView {
    @inlinable public static var kind: EventKind { .readRequest }
    public static let spec = EventSpec(.readRequest, "readRequest", [.init("mutex", .mutex)],
                                       "The running task asks for a read-write mutex for reading.")

    /// The read-write mutex asked for.
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

/// A `readAcquire` event: the running task holds a read-write mutex for reading, with readers-1 other readers.
public struct ReadAcquireEvent: EventView {
    @inlinable public static var kind: EventKind { .readAcquire }
    public static let spec = EventSpec(.readAcquire, "readAcquire", [.init("mutex", .mutex), .init("readers", .uint)],
                                       "The running task holds a read-write mutex for reading, with readers-1 other readers.")

    /// The read-write mutex now held for reading.
    public var mutex: MutexID
    /// How many tasks hold it for reading, this one included.
    public var readers: UInt64

    @inlinable
    public init(mutex: MutexID, readers: UInt64) {
        self.mutex = mutex
        self.readers = readers
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
        readers = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue, readers) }
}

/// A `readRelease` event: the running task stops reading a read-write mutex; readers still hold it.
public struct ReadReleaseEvent: EventView {
    @inlinable public static var kind: EventKind { .readRelease }
    public static let spec = EventSpec(.readRelease, "readRelease", [.init("mutex", .mutex), .init("readers", .uint)],
                                       "The running task stops reading a read-write mutex; readers still hold it.")

    /// The read-write mutex released.
    public var mutex: MutexID
    /// How many readers still hold it.
    public var readers: UInt64

    @inlinable
    public init(mutex: MutexID, readers: UInt64) {
        self.mutex = mutex
        self.readers = readers
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        mutex = MutexID(rawValue: raw.a0)
        readers = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(mutex.rawValue, readers) }
}
