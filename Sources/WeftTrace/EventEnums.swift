/// Small enumerations carried as arguments of events. Their raw values are part of the file format.

/// What an OS thread is for.
public enum ThreadRole: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    /// The thread that called `Weft.run` (it waits there; tasks do not run on it unless a scheduler says so).
    case main = 0
    /// Worker *n* of the multiplexed scheduler (index = n).
    case worker = 1
    /// The one thread of task *t* under thread-per-task (index = t).
    case taskThread = 2
    /// The runtime's timer thread (sleeps, timeouts).
    case timer = 3
    /// Any other thread that recorded an event.
    case other = 4

    public var description: String {
        switch self {
        case .main: "main"
        case .worker: "worker"
        case .taskThread: "task-thread"
        case .timer: "timer"
        case .other: "other"
        }
    }
}

/// Why a run slice ended.
public enum RunEndReason: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    /// The task awaits something (see the `block` event before it).
    case blocked = 0
    /// The task yielded; it is runnable again at once.
    case yielded = 1
    /// The task returned or threw (see `taskEnd`).
    case finished = 2

    public var description: String {
        switch self {
        case .blocked: "blocked"
        case .yielded: "yielded"
        case .finished: "finished"
        }
    }
}

/// What a blocked task waits for. The `block` event's object argument names the object
/// (a channel, mutex, wait group, or condition; for `join` the awaited task's raw id; 0 for `sleep` and `select`).
public enum BlockReason: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    case channelSend = 0
    case channelReceive = 1
    case select = 2
    case mutex = 3
    case waitGroup = 4
    case condition = 5
    case sleep = 6
    case join = 7
    /// Waiting to read a read-write mutex (the object is the mutex).
    case readLock = 8
    /// Waiting for another task to finish a once's body.
    case once = 9
    /// Waiting for permits of a weighted semaphore.
    case semaphore = 10
    /// Waiting for a ticker's next tick or a timer to fire (counts as a timed wait, never a deadlock).
    case timer = 11
    /// Suspended on something Weft cannot see: a plain Swift child task not yet finished (`group.next()`, `async let`),
    /// a continuation resumed by code outside Weft, an actor, I/O. The object is none. Such a task may still be
    /// woken by others, so it never counts towards a deadlock.
    case suspended = 12
    /// Waiting to enter a busy actor: the task's next code ran on the actor (the object is its `ActorID`). The runtime
    /// cannot see this wait begin (the Swift runtime queues the task on the actor without telling an executor), so it
    /// records `block(suspended)`; the analysis model names the actor once an `actorSlice` shows where the task went.
    case actor = 13

    public var description: String {
        switch self {
        case .channelSend: "send"
        case .channelReceive: "receive"
        case .select: "select"
        case .mutex: "mutex"
        case .waitGroup: "waitgroup"
        case .condition: "condition"
        case .sleep: "sleep"
        case .join: "join"
        case .readLock: "readlock"
        case .once: "once"
        case .semaphore: "semaphore"
        case .timer: "timer"
        case .suspended: "suspended"
        case .actor: "actor"
        }
    }
}

/// How a task ended.
public enum TaskOutcome: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    case returned = 0
    case threw = 1

    public var description: String { self == .returned ? "returned" : "threw" }
}

/// How a whole traced run ended.
public enum RunOutcome: UInt64, Sendable, CaseIterable, CustomStringConvertible {
    /// The program's main closure returned.
    case completed = 0
    /// The main closure threw.
    case failed = 1
    /// Every live task was blocked with no timer pending.
    case deadlocked = 2
    /// An OS thread could not be created (thread-per-task beyond the system's limit).
    case threadLimit = 3
    /// The run was stopped from outside before it ended (Ctrl-C, SIGTERM): its tasks were cancelled.
    case stopped = 4

    public var description: String {
        switch self {
        case .completed: "completed"
        case .failed: "failed"
        case .deadlocked: "deadlocked"
        case .threadLimit: "thread-limit"
        case .stopped: "stopped"
        }
    }
}
