/// Typed views of the events of one area: weighted semaphores. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `semaphoreMake` event: a weighted semaphore with permits permits is made.
public struct SemaphoreMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .semaphoreMake }
    public static let spec = EventSpec(.semaphoreMake, "semaphoreMake", [.init("semaphore", .semaphore), .init("permits", .uint), .init("name", .string)],
                                       "A weighted semaphore with permits permits is made.")

    /// The new semaphore.
    public var semaphore: SemaphoreID
    /// How many permits it has in all.
    public var permits: UInt64
    /// Its name.
    public var name: StringID

    @inlinable
    public init(semaphore: SemaphoreID, permits: UInt64, name: StringID) {
        self.semaphore = semaphore
        self.permits = permits
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        semaphore = SemaphoreID(rawValue: raw.a0)
        permits = raw.a1
        name = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(semaphore.rawValue, permits, name.rawValue) }
}

/// A `semaphoreAcquire` event: the running task holds weight permits of the semaphore; available are left free.
public struct SemaphoreAcquireEvent: EventView {
    @inlinable public static var kind: EventKind { .semaphoreAcquire }
    public static let spec = EventSpec(.semaphoreAcquire, "semaphoreAcquire", [.init("semaphore", .semaphore), .init("weight", .uint), .init("available", .uint)],
                                       "The running task holds weight permits of the semaphore; available are left free.")

    /// The semaphore.
    public var semaphore: SemaphoreID
    /// How many permits the task took.
    public var weight: UInt64
    /// Permits left free after this acquisition.
    public var available: UInt64

    @inlinable
    public init(semaphore: SemaphoreID, weight: UInt64, available: UInt64) {
        self.semaphore = semaphore
        self.weight = weight
        self.available = available
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        semaphore = SemaphoreID(rawValue: raw.a0)
        weight = raw.a1
        available = raw.a2
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(semaphore.rawValue, weight, available) }
}

/// A `semaphoreRelease` event: the running task gives weight permits back; available are free.
public struct SemaphoreReleaseEvent: EventView {
    @inlinable public static var kind: EventKind { .semaphoreRelease }
    public static let spec = EventSpec(.semaphoreRelease, "semaphoreRelease", [.init("semaphore", .semaphore), .init("weight", .uint), .init("available", .uint)],
                                       "The running task gives weight permits back; available are free.")

    /// The semaphore.
    public var semaphore: SemaphoreID
    /// How many permits the task gave back.
    public var weight: UInt64
    /// Permits free after the release, before any waiter takes them.
    public var available: UInt64

    @inlinable
    public init(semaphore: SemaphoreID, weight: UInt64, available: UInt64) {
        self.semaphore = semaphore
        self.weight = weight
        self.available = available
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        semaphore = SemaphoreID(rawValue: raw.a0)
        weight = raw.a1
        available = raw.a2
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(semaphore.rawValue, weight, available) }
}
