/// Every kind of event a trace can hold. The raw value is the kind's code in the file format.
///
/// The meaning of each kind's arguments lives in one table, `EventKind.spec`, which is data: the writer copies it
/// into every file header, so a reader can skip kinds it does not know, and `weft dump` names arguments from it.
/// Every event also carries, outside its arguments, a time and the thread that recorded it; the reader adds the
/// task that was running on that thread (`Event.task`), derived from `runBegin`/`runEnd`.
public enum EventKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    // Run and threads
    case metadata = 1
    case threadStart = 2
    case threadStop = 3
    case runFinish = 4
    case sample = 5
    // Tasks
    case taskCreate = 10
    case runBegin = 11
    case runEnd = 12
    case block = 13
    case unblock = 14
    case taskEnd = 15
    // Channels
    case channelMake = 20
    case send = 21
    case receive = 22
    case close = 23
    case select = 24
    case selectWait = 25
    case sendFailed = 26
    // Mutexes
    case mutexMake = 30
    case lockRequest = 31
    case lockAcquire = 32
    case lockRelease = 33
    // Wait groups
    case waitGroupMake = 40
    case waitGroupAdd = 41
    case waitGroupDone = 42
    case waitGroupWait = 43
    // Conditions
    case conditionMake = 50
    case conditionWait = 51
    case conditionSignal = 52
    case conditionBroadcast = 53
    // Time
    case sleep = 60
    // User annotations
    case log = 70
    case regionBegin = 71
    case regionEnd = 72

    /// This kind's row of the event table.
    public var spec: EventSpec { EventSpec.table[self]! }
    /// The kind's name as written in the text form (`runBegin`, `send`, …).
    public var description: String { spec.name }
    /// The kind with this name, if any.
    public init?(name: String) {
        guard let kind = EventSpec.byName[name] else { return nil }
        self = kind
    }
}

/// How one argument is to be read.
public enum ArgumentType: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// An unsigned integer.
    case uint = 0
    /// A signed integer, stored zig-zag encoded in the raw value (see `Event.zigzag`).
    case int = 1
    /// A `TaskID`.
    case task = 2
    /// A `ChannelID`.
    case channel = 3
    /// A `MutexID`.
    case mutex = 4
    /// A `WaitGroupID`.
    case waitGroup = 5
    /// A `ConditionID`.
    case condition = 6
    /// A raw `ObjectID` of any kind (its meaning given by another argument).
    case object = 7
    /// A `StringID` into the trace's string table.
    case string = 8
    /// A duration in nanoseconds.
    case duration = 9
    /// A `ThreadRole`.
    case threadRole = 10
    /// A `RunEndReason`.
    case runEndReason = 11
    /// A `BlockReason`.
    case blockReason = 12
    /// A `TaskOutcome`.
    case taskOutcome = 13
    /// A `RunOutcome`.
    case runOutcome = 14

    public var description: String {
        switch self {
        case .uint: "uint"
        case .int: "int"
        case .task: "task"
        case .channel: "channel"
        case .mutex: "mutex"
        case .waitGroup: "waitgroup"
        case .condition: "condition"
        case .object: "object"
        case .string: "string"
        case .duration: "duration"
        case .threadRole: "role"
        case .runEndReason: "endreason"
        case .blockReason: "blockreason"
        case .taskOutcome: "outcome"
        case .runOutcome: "runoutcome"
        }
    }
}

/// One argument of an event kind: its name and how to read it.
public struct ArgumentSpec: Sendable, Equatable {
    public var name: String
    public var type: ArgumentType
    public init(_ name: String, _ type: ArgumentType) {
        self.name = name
        self.type = type
    }
}

/// One row of the event table: a kind, its name, and its arguments in order.
public struct EventSpec: Sendable, Equatable {
    /// The most arguments any kind has; `Event.args` holds this many.
    public static let maxArguments = 4

    public var kind: EventKind
    public var name: String
    public var arguments: [ArgumentSpec]
    /// One line on what the event means.
    public var summary: String

    public init(_ kind: EventKind, _ name: String, _ arguments: [ArgumentSpec], _ summary: String) {
        self.kind = kind
        self.name = name
        self.arguments = arguments
        self.summary = summary
    }

    /// The index of the argument with this name.
    public func argumentIndex(_ name: String) -> Int? { arguments.firstIndex { $0.name == name } }

    /// The event table: the single source of truth for every kind's name and arguments.
    public static let all: [EventSpec] = [
        EventSpec(.metadata, "metadata", [.init("key", .string), .init("value", .string)],
                  "A fact about the run: scheduler, workers, program, arguments, wall-clock start, host, clock."),
        EventSpec(.threadStart, "threadStart", [.init("tid", .uint), .init("role", .threadRole), .init("index", .uint)],
                  "The recording thread begins; tid is the kernel's thread id; index is the worker number or the task id."),
        EventSpec(.threadStop, "threadStop", [],
                  "The recording thread ends."),
        EventSpec(.runFinish, "runFinish", [.init("outcome", .runOutcome), .init("message", .string)],
                  "The traced program ended: completed, failed, deadlocked, or hit the thread limit."),
        EventSpec(.sample, "sample", [.init("name", .string), .init("value", .uint)],
                  "A measured quantity at this time: peak RSS bytes, context switches, CPU time, live threads."),

        EventSpec(.taskCreate, "taskCreate", [.init("task", .task), .init("parent", .task), .init("name", .string), .init("site", .string)],
                  "A task is spawned by its parent (none for the main task), with a name and a spawn site (file:line)."),
        EventSpec(.runBegin, "runBegin", [.init("task", .task)],
                  "The task starts running on the recording thread."),
        EventSpec(.runEnd, "runEnd", [.init("task", .task), .init("reason", .runEndReason)],
                  "The task stops running on the recording thread: blocked, yielded, or finished."),
        EventSpec(.block, "block", [.init("reason", .blockReason), .init("object", .object)],
                  "The running task is about to wait: on a channel, select, mutex, wait group, condition, sleep, or join."),
        EventSpec(.unblock, "unblock", [.init("task", .task)],
                  "The task becomes runnable again; the waker is the task running on the recording thread (none for a timer)."),
        EventSpec(.taskEnd, "taskEnd", [.init("task", .task), .init("outcome", .taskOutcome), .init("message", .string)],
                  "The task returned or threw (with the error's description)."),

        EventSpec(.channelMake, "channelMake", [.init("channel", .channel), .init("capacity", .uint), .init("name", .string)],
                  "A channel is made; capacity 0 is unbuffered (a rendezvous)."),
        EventSpec(.send, "send", [.init("channel", .channel), .init("seq", .uint)],
                  "The running task's send completes: message seq (from 1, per channel) is in the channel or handed over."),
        EventSpec(.receive, "receive", [.init("channel", .channel), .init("seq", .uint)],
                  "The running task receives message seq; seq 0 means the channel was closed and empty."),
        EventSpec(.close, "close", [.init("channel", .channel)],
                  "The channel is closed."),
        EventSpec(.select, "select", [.init("cases", .uint), .init("chosen", .int), .init("channel", .channel)],
                  "A select with this many cases completes with case chosen (from 0; -1 is the default case) on channel."),
        EventSpec(.selectWait, "selectWait", [.init("channel", .channel), .init("send", .uint)],
                  "The running task, blocking in a select, waits on this channel: to receive (send 0) or to send (send 1); one per channel case, after the select's block."),
        EventSpec(.sendFailed, "sendFailed", [.init("channel", .channel)],
                  "The running task's send failed because the channel is closed (the send throws)."),

        EventSpec(.mutexMake, "mutexMake", [.init("mutex", .mutex), .init("name", .string)],
                  "A mutex is made."),
        EventSpec(.lockRequest, "lockRequest", [.init("mutex", .mutex)],
                  "The running task asks for the mutex."),
        EventSpec(.lockAcquire, "lockAcquire", [.init("mutex", .mutex)],
                  "The running task holds the mutex."),
        EventSpec(.lockRelease, "lockRelease", [.init("mutex", .mutex)],
                  "The running task releases the mutex."),

        EventSpec(.waitGroupMake, "waitGroupMake", [.init("group", .waitGroup), .init("name", .string)],
                  "A wait group is made."),
        EventSpec(.waitGroupAdd, "waitGroupAdd", [.init("group", .waitGroup), .init("delta", .int), .init("count", .uint)],
                  "The running task adds delta to the group's counter, giving count."),
        EventSpec(.waitGroupDone, "waitGroupDone", [.init("group", .waitGroup), .init("count", .uint)],
                  "The running task marks one unit done, giving count."),
        EventSpec(.waitGroupWait, "waitGroupWait", [.init("group", .waitGroup)],
                  "The running task waits for the group's counter to reach zero (it blocks only if it is not zero)."),

        EventSpec(.conditionMake, "conditionMake", [.init("condition", .condition), .init("mutex", .mutex), .init("name", .string)],
                  "A condition variable is made, bound to a mutex."),
        EventSpec(.conditionWait, "conditionWait", [.init("condition", .condition)],
                  "The running task waits on the condition (releasing its mutex)."),
        EventSpec(.conditionSignal, "conditionSignal", [.init("condition", .condition), .init("woken", .task)],
                  "The running task signals the condition, waking one waiter (none if no one waited)."),
        EventSpec(.conditionBroadcast, "conditionBroadcast", [.init("condition", .condition), .init("woken", .uint)],
                  "The running task wakes every waiter of the condition."),

        EventSpec(.sleep, "sleep", [.init("duration", .duration)],
                  "The running task sleeps for this long (a block with reason sleep follows)."),

        EventSpec(.log, "log", [.init("category", .string), .init("message", .string)],
                  "A message logged by the program."),
        EventSpec(.regionBegin, "regionBegin", [.init("name", .string)],
                  "The running task enters a named region of its own code."),
        EventSpec(.regionEnd, "regionEnd", [.init("name", .string)],
                  "The running task leaves the named region."),
    ]

    /// The table by kind.
    public static let table: [EventKind: EventSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })
    /// The table by name.
    public static let byName: [String: EventKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.kind) })
}
