/// Typed views of the events of one area: tasks. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `taskCreate` event: a task is spawned by its parent (none for the main task), with a name and a spawn site (file:line).
public struct TaskCreateEvent: EventView {
    @inlinable public static var kind: EventKind { .taskCreate }
    public static let spec = EventSpec(.taskCreate, "taskCreate", [.init("task", .task), .init("parent", .task), .init("name", .string), .init("site", .string)],
                                       "A task is spawned by its parent (none for the main task), with a name and a spawn site (file:line).")

    /// The new task.
    public var task: TaskID
    /// The task that spawned it (`TaskID.none` for the main task).
    public var parent: TaskID
    /// Its name.
    public var name: StringID
    /// Where it was spawned (file:line).
    public var site: StringID

    @inlinable
    public init(task: TaskID, parent: TaskID, name: StringID, site: StringID) {
        self.task = task
        self.parent = parent
        self.name = name
        self.site = site
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
        parent = TaskID(rawValue: raw.a1)
        name = StringID(rawValue: raw.a2)
        site = StringID(rawValue: raw.a3)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue, parent.rawValue, name.rawValue, site.rawValue) }
}

/// A `runBegin` event: the task starts running on the recording thread.
public struct RunBeginEvent: EventView {
    @inlinable public static var kind: EventKind { .runBegin }
    public static let spec = EventSpec(.runBegin, "runBegin", [.init("task", .task)],
                                       "The task starts running on the recording thread.")

    /// The task that starts running.
    public var task: TaskID

    @inlinable
    public init(task: TaskID) {
        self.task = task
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue) }
}

/// A `runEnd` event: the task stops running on the recording thread: blocked, yielded, or finished.
public struct RunEndEvent: EventView {
    @inlinable public static var kind: EventKind { .runEnd }
    public static let spec = EventSpec(.runEnd, "runEnd", [.init("task", .task), .init("reason", .runEndReason)],
                                       "The task stops running on the recording thread: blocked, yielded, or finished.")

    /// The task that stops running.
    public var task: TaskID
    /// Why its slice ended.
    public var reason: RunEndReason

    @inlinable
    public init(task: TaskID, reason: RunEndReason) {
        self.task = task
        self.reason = reason
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
        guard let reason = RunEndReason(rawValue: raw.a1) else { return nil }
        self.reason = reason
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue, reason.rawValue) }
}

/// A `block` event: the running task is about to wait: on a channel, select, mutex, wait group, condition, sleep, or join.
public struct BlockEvent: EventView {
    @inlinable public static var kind: EventKind { .block }
    public static let spec = EventSpec(.block, "block", [.init("reason", .blockReason), .init("object", .object)],
                                       "The running task is about to wait: on a channel, select, mutex, wait group, condition, sleep, join, read lock, once, semaphore, or timer.")

    /// What it waits for.
    public var reason: BlockReason
    /// The object it waits on (the awaited task's raw id for a join; none for sleep and select).
    public var object: ObjectID

    @inlinable
    public init(reason: BlockReason, object: ObjectID) {
        self.reason = reason
        self.object = object
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        guard let reason = BlockReason(rawValue: raw.a0) else { return nil }
        self.reason = reason
        object = ObjectID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(reason.rawValue, object.rawValue) }
}

/// A `unblock` event: the task becomes runnable again; the waker is the task running on the recording thread (none for a timer).
public struct UnblockEvent: EventView {
    @inlinable public static var kind: EventKind { .unblock }
    public static let spec = EventSpec(.unblock, "unblock", [.init("task", .task)],
                                       "The task becomes runnable again; the waker is the task running on the recording thread (none for a timer).")

    /// The task woken.
    public var task: TaskID

    @inlinable
    public init(task: TaskID) {
        self.task = task
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue) }
}

/// A `taskEnd` event: the task returned or threw (with the error's description).
public struct TaskEndEvent: EventView {
    @inlinable public static var kind: EventKind { .taskEnd }
    public static let spec = EventSpec(.taskEnd, "taskEnd", [.init("task", .task), .init("outcome", .taskOutcome), .init("message", .string)],
                                       "The task returned or threw (with the error's description).")

    /// The task that ended.
    public var task: TaskID
    /// Whether it returned or threw.
    public var outcome: TaskOutcome
    /// The error's description, or empty.
    public var message: StringID

    @inlinable
    public init(task: TaskID, outcome: TaskOutcome, message: StringID) {
        self.task = task
        self.outcome = outcome
        self.message = message
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
        guard let outcome = TaskOutcome(rawValue: raw.a1) else { return nil }
        self.outcome = outcome
        message = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue, outcome.rawValue, message.rawValue) }
}
