import WeftTrace

/// One weighted semaphore: its permits and every acquisition and release, in order.
public struct SemaphoreTimeline: Sendable, Equatable {
    public var id: SemaphoreID
    /// Its name ("" when unnamed).
    public var name: String
    /// How many permits it has in all.
    public var permits: UInt64
    /// When it was made (or first seen).
    public var created: UInt64
    /// The task that made it.
    public var creator: TaskID
    /// Every acquisition (positive weight) and release (negative), in order, with the permits free after it.
    public var changes: [PermitChange]

    /// A name for people: the semaphore's name, or its id.
    public var label: String { name.isEmpty ? id.description : name }
    /// How many acquisitions there were.
    public var acquisitions: Int { changes.reduce(0) { $0 + ($1.weight > 0 ? 1 : 0) } }
    /// The most permits in use at once.
    public var peakInUse: UInt64 { changes.map { permits &- min(permits, $0.available) }.max() ?? 0 }

    public init(id: SemaphoreID, name: String = "", permits: UInt64 = 0, created: UInt64 = 0, creator: TaskID = .none,
                changes: [PermitChange] = []) {
        self.id = id
        self.name = name
        self.permits = permits
        self.created = created
        self.creator = creator
        self.changes = changes
    }
}

/// One acquisition (positive weight) or release (negative weight) of a semaphore's permits.
public struct PermitChange: Sendable, Equatable {
    public var time: UInt64
    public var task: TaskID
    public var weight: Int64
    /// Permits free after the change.
    public var available: UInt64
    public init(time: UInt64, task: TaskID, weight: Int64, available: UInt64) {
        self.time = time
        self.task = task
        self.weight = weight
        self.available = available
    }
}

/// One once: the run of its body (by the task that ran it).
public struct OnceTimeline: Sendable, Equatable {
    public var id: OnceID
    public var name: String
    public var created: UInt64
    public var creator: TaskID
    /// The task that ran the body, from `onceBegin`.
    public var runner: TaskID
    /// When the body began and ended (nil: not yet, within the trace).
    public var began: UInt64?
    public var ended: UInt64?

    /// A name for people: the once's name, or its id.
    public var label: String { name.isEmpty ? id.description : name }

    public init(id: OnceID, name: String = "", created: UInt64 = 0, creator: TaskID = .none, runner: TaskID = .none,
                began: UInt64? = nil, ended: UInt64? = nil) {
        self.id = id
        self.name = name
        self.created = created
        self.creator = creator
        self.runner = runner
        self.began = began
        self.ended = ended
    }
}

/// One ticker or one-shot timer: its period or delay, the ticks taken (or the firing), and its stop.
public struct TimerTimeline: Sendable, Equatable {
    public var id: TimerID
    public var name: String
    /// True for a ticker, false for a one-shot timer.
    public var isTicker: Bool
    /// The ticker's period, or the timer's delay.
    public var interval: UInt64
    public var created: UInt64
    public var creator: TaskID
    /// Each tick a task took (a ticker), or the firing as seen by the first task (a timer: at most one, tick 1).
    public var ticks: [TimerTick]
    /// When it was stopped (a timer: only if before it fired).
    public var stopped: UInt64?

    /// A name for people: the timer's name, or its id.
    public var label: String { name.isEmpty ? id.description : name }
    /// Ticks that passed with no task waiting for them.
    public var missed: UInt64 { ticks.saturatingSum(\.missed) }

    public init(id: TimerID, name: String = "", isTicker: Bool = true, interval: UInt64 = 0, created: UInt64 = 0,
                creator: TaskID = .none, ticks: [TimerTick] = [], stopped: UInt64? = nil) {
        self.id = id
        self.name = name
        self.isTicker = isTicker
        self.interval = interval
        self.created = created
        self.creator = creator
        self.ticks = ticks
        self.stopped = stopped
    }
}

/// A tick taken from a ticker (or a timer's firing).
public struct TimerTick: Sendable, Equatable {
    public var time: UInt64
    public var task: TaskID
    /// The tick's number, from 1.
    public var tick: UInt64
    /// Ticks skipped before it.
    public var missed: UInt64
    public init(time: UInt64, task: TaskID, tick: UInt64, missed: UInt64) {
        self.time = time
        self.task = task
        self.tick = tick
        self.missed = missed
    }
}

/// One `TaskHandle.cancel()`: who cancelled whom, when.
public struct Cancellation: Sendable, Equatable {
    public var time: UInt64
    /// The task that called `cancel()` (none: code outside any task).
    public var canceller: TaskID
    /// The task cancelled.
    public var task: TaskID
    public init(time: UInt64, canceller: TaskID, task: TaskID) {
        self.time = time
        self.canceller = canceller
        self.task = task
    }
}
