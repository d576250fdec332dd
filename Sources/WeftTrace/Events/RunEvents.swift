/// Typed views of the events of one area: the run and its threads. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `metadata` event: a fact about the run: scheduler, workers, program, arguments, wall-clock start, host, clock.
public struct MetadataEvent: EventView {
    @inlinable public static var kind: EventKind { .metadata }
    public static let spec = EventSpec(.metadata, "metadata", [.init("key", .string), .init("value", .string)],
                                       "A fact about the run: scheduler, workers, program, arguments, wall-clock start, host, clock.")

    /// The fact's name (see `MetadataKey` for the names Weft writes).
    public var key: StringID
    /// Its value, as text.
    public var value: StringID

    @inlinable
    public init(key: StringID, value: StringID) {
        self.key = key
        self.value = value
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        key = StringID(rawValue: raw.a0)
        value = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(key.rawValue, value.rawValue) }
}

/// A `threadStart` event: the recording thread begins; tid is the kernel's thread id; index is the worker number or the task id.
public struct ThreadStartEvent: EventView {
    @inlinable public static var kind: EventKind { .threadStart }
    public static let spec = EventSpec(.threadStart, "threadStart", [.init("tid", .uint), .init("role", .threadRole), .init("index", .uint)],
                                       "The recording thread begins; tid is the kernel's thread id; index is the worker number or the task id.")

    /// The kernel's thread id.
    public var tid: UInt64
    /// What the thread is for.
    public var role: ThreadRole
    /// The worker number (worker) or the task id (task thread).
    public var index: UInt64

    @inlinable
    public init(tid: UInt64, role: ThreadRole, index: UInt64) {
        self.tid = tid
        self.role = role
        self.index = index
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        tid = raw.a0
        guard let role = ThreadRole(rawValue: raw.a1) else { return nil }
        self.role = role
        index = raw.a2
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(tid, role.rawValue, index) }
}

/// A `threadStop` event: the recording thread ends.
public struct ThreadStopEvent: EventView {
    @inlinable public static var kind: EventKind { .threadStop }
    public static let spec = EventSpec(.threadStop, "threadStop", [],
                                       "The recording thread ends.")

    @inlinable
    public init() {
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments _: EventArguments) {
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments() }
}

/// A `runFinish` event: the traced program ended: completed, failed, deadlocked, or hit the thread limit.
public struct RunFinishEvent: EventView {
    @inlinable public static var kind: EventKind { .runFinish }
    public static let spec = EventSpec(.runFinish, "runFinish", [.init("outcome", .runOutcome), .init("message", .string)],
                                       "The traced program ended: completed, failed, deadlocked, or hit the thread limit.")

    /// How the run ended.
    public var outcome: RunOutcome
    /// What went wrong, or empty.
    public var message: StringID

    @inlinable
    public init(outcome: RunOutcome, message: StringID) {
        self.outcome = outcome
        self.message = message
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        guard let outcome = RunOutcome(rawValue: raw.a0) else { return nil }
        self.outcome = outcome
        message = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(outcome.rawValue, message.rawValue) }
}

/// A `sample` event: a measured quantity at this time: peak RSS bytes, context switches, CPU time, live threads.
public struct SampleEvent: EventView {
    @inlinable public static var kind: EventKind { .sample }
    public static let spec = EventSpec(.sample, "sample", [.init("name", .string), .init("value", .uint)],
                                       "A measured quantity at this time: peak RSS bytes, context switches, CPU time, live threads.")

    /// The quantity's name (see `SampleName` for the names Weft writes).
    public var name: StringID
    /// Its value.
    public var value: UInt64

    @inlinable
    public init(name: StringID, value: UInt64) {
        self.name = name
        self.value = value
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        name = StringID(rawValue: raw.a0)
        value = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(name.rawValue, value) }
}

/// A `threadWake` event: a parked scheduler thread runs again, `delay` ns after another thread signalled it to take
/// work: the time the OS took to run the woken thread (a multiplexed worker; recorded on the woken thread).
public struct ThreadWakeEvent: EventView {
    @inlinable public static var kind: EventKind { .threadWake }
    public static let spec = EventSpec(.threadWake, "threadWake", [.init("delay", .duration)],
                                       "A parked scheduler thread runs again, delay ns after another thread signalled it: the time the OS took to run it.")

    /// Nanoseconds from the signal to this thread running again.
    public var delay: UInt64

    @inlinable
    public init(delay: UInt64) {
        self.delay = delay
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        delay = raw.a0
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(delay) }
}

/// A `threadCPU` event: the CPU time the OS had given `thread` so far, read by the sampler (on the timer thread)
/// while `thread` was inside a run slice. Two of them in one slice tell how much of the wall time between them the
/// thread was given a CPU: the rest it was preempted, or its virtual CPU was not run (the kernel leaves stolen time
/// out of a thread's CPU clock).
public struct ThreadCPUEvent: EventView {
    @inlinable public static var kind: EventKind { .threadCPU }
    public static let spec = EventSpec(.threadCPU, "threadCPU", [.init("thread", .thread), .init("cpu", .duration)],
                                       "The CPU time the OS had given thread so far (its CPU clock), sampled while it was inside a run slice.")

    /// The thread whose clock was read (not the recording thread: the sampler's).
    public var thread: ThreadID
    /// The thread's CPU clock: nanoseconds of CPU it had been given since it started.
    public var cpu: UInt64

    @inlinable
    public init(thread: ThreadID, cpu: UInt64) {
        self.thread = thread
        self.cpu = cpu
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        thread = ThreadID(raw.a0)
        cpu = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(thread.rawValue, cpu) }
}
