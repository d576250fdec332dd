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
    case threadWake = 6
    case threadCPU = 7
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
    // Read-write mutexes, onces, semaphores, tickers and timers, cancellation, non-blocking and timed channel use
    case rwMutexMake = 80
    case readRequest = 81
    case readAcquire = 82
    case readRelease = 83
    case onceMake = 84
    case onceBegin = 85
    case onceEnd = 86
    case semaphoreMake = 87
    case semaphoreAcquire = 88
    case semaphoreRelease = 89
    case tickerMake = 90
    case tick = 91
    case tickerStop = 92
    case timerMake = 93
    case timerFire = 94
    case timerStop = 95
    case taskCancel = 96
    case trySendMiss = 97
    case tryReceiveMiss = 98
    case receiveTimeout = 99
    // Actors (added after the first traces were written: an older reader skips them as unknown kinds)
    case actorMake = 100
    case actorJobBegin = 101
    case actorSlice = 102
    case actorJobEnd = 103

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
    /// A `SemaphoreID`.
    case semaphore = 15
    /// A `OnceID`.
    case once = 16
    /// A `TimerID` (a ticker or a timer).
    case timer = 17
    /// An `ActorID`.
    case actor = 18
    /// A `ThreadID`: a thread as numbered in the trace (`T3`).
    case thread = 19

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
        case .semaphore: "semaphore"
        case .once: "once"
        case .timer: "timer"
        case .actor: "actor"
        case .thread: "thread"
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

    /// The event table: the single source of truth for every kind's name and arguments. Each row is declared by
    /// its kind's typed view (`SendEvent.spec`, …, in `Events/`), in the order of `TypedEvent.viewTypes`.
    public static let all: [EventSpec] = TypedEvent.viewTypes.map { $0.spec }

    /// The table by kind.
    public static let table: [EventKind: EventSpec] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0) })
    /// The table by name.
    public static let byName: [String: EventKind] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0.kind) })
}
