import WeftTrace

/// The numbers `weft stats` prints, computed from a `Timeline`. Durations are nanoseconds; `Codable` for `--json`.
public struct RunStats: Sendable, Equatable, Codable {
    public var run: RunSummary
    /// Every task, in id order.
    public var tasks: [TaskStats]
    /// Every thread, in id order.
    public var threads: [ThreadStats]
    public var channels: [ChannelStats]
    public var mutexes: [MutexStats]
    /// Read-write mutexes' readers, semaphores, onces, tickers and timers (nil when the run used none).
    public var primitives: [PrimitiveStats]? = nil
    /// Swift actors whose jobs the run traced (nil when none).
    public var actors: [ActorStats]? = nil
    /// Runnable → running: how long tasks waited for a thread once ready.
    public var schedulerLatency: Percentiles
}

/// The run at a glance.
public struct RunSummary: Sendable, Equatable, Codable {
    public var program: String
    public var scheduler: String
    public var workers: Int?
    public var wallTime: UInt64
    public var outcome: String?
    public var tasks: Int
    /// The scheduler's OS threads (workers, task threads, timer), never the caller of `Weft.run`.
    public var threads: Int
    /// The threads by role, the caller apart.
    public var threadCensus: ThreadCensus
    public var events: Int
    public var dropped: UInt64
    public var anomalies: Int
    /// Peak RSS in bytes (`RunInfo.peakResidentBytes`: never below a sample) and CPU times, when the trace sampled them.
    public var peakRSSBytes: UInt64?
    public var cpuUser: UInt64?
    public var cpuSystem: UInt64?
    public var peakThreadsAlive: UInt64?
    /// The peaks of the quantities sampled during the run (`RunInfo.counters`), when the trace has them.
    public var sampledPeakRSSBytes: UInt64?
    public var sampledPeakThreads: UInt64?
    /// How many times the run was sampled.
    public var samplesTaken: Int
    /// True when the trace's times are virtual (the deterministic scheduler's clock); nil when they were measured.
    public var virtualTime: Bool? = nil
    /// How many tasks were cancelled (`TaskHandle.cancel()`); nil when none was.
    public var cancellations: Int? = nil
    /// How long threads inside a run slice were given (almost) no CPU, by their CPU clocks (`RunInfo.cpuStarved`,
    /// `CPUStarvation`), in ns; nil when the trace shows none.
    public var cpuStarved: UInt64? = nil
    /// Thread-per-task: time woken tasks were ready while a core was free, waiting for the OS to run their threads
    /// (`WokenThreadLatency`), summed over the tasks (ns); nil when none, and under multiplexed.
    public var wokenThreadLatency: UInt64? = nil
    /// Multiplexed: pool-thread time free with no task to run while another pool thread ran, in main's last wait
    /// (`PoolIdleAtEnd`), in ns; nil when none, and under thread-per-task.
    public var poolIdleAtEnd: UInt64? = nil
    /// The task that ran longest on the pool meanwhile (`PoolIdleAtEnd.runner`); nil with no `poolIdleAtEnd`.
    public var poolIdleRunner: String? = nil
    /// The wall time cut where main began and ended (`WallTimeParts`), in ns; nil without a main task that ended.
    public var beforeMain: UInt64? = nil
    public var mainLifetime: UInt64? = nil
    public var afterMain: UInt64? = nil
}

/// Where one task's lifetime went.
public struct TaskStats: Sendable, Equatable, Codable {
    public var id: UInt64
    public var name: String
    public var lifetime: UInt64
    public var running: UInt64
    public var runnable: UInt64
    /// Blocked time by reason (`send`, `receive`, `mutex`, … and `unknown`), named only when printed.
    public var blocked: BlockedTimes
    public var sleeping: UInt64
    public var slices: Int
    public var finished: Bool
    /// The error it failed with when it ended by throwing one of its own (`TaskTimeline.failure(in:)`), and when.
    public var failure: String?
    public var failedAt: UInt64?

    /// All blocked time.
    public var blockedTotal: UInt64 { blocked.total }
}

/// How busy one thread was.
public struct ThreadStats: Sendable, Equatable, Codable {
    public var id: UInt64
    public var label: String
    public var tid: UInt64
    public var role: String
    /// The thread's span: start to stop (or end of trace).
    public var alive: UInt64
    public var busy: UInt64
    public var slices: Int
    /// Distinct tasks that ran on it.
    public var tasksRun: Int
    /// Slices whose task last ran on another thread.
    public var migrationsIn: Int
}

/// One channel's traffic.
public struct ChannelStats: Sendable, Equatable, Codable {
    public var id: UInt64
    public var label: String
    public var capacity: UInt64
    public var messages: Int
    public var peakOccupancy: Int
    /// Sends that failed because the channel was closed.
    public var failedSends: Int
    /// Time tasks spent blocked sending to / receiving from it, a select's wait counted on each of its channels
    /// (`ChannelTimeline.senderWaits`, `receiverWaits`).
    public var sendersBlocked: UInt64
    public var receiversBlocked: UInt64
    /// How many times a task blocked sending to / receiving from it (in a select or not).
    public var senderWaits: Int
    public var receiverWaits: Int
    /// Send → receive time of the messages received.
    public var inFlight: Percentiles
    /// `trySend`s and `tryReceive`s that found nothing to do, and `receive(timeout:)`s that timed out (nil: none).
    public var tryMisses: Int? = nil
    public var timeouts: Int? = nil
}

/// One mutex's use.
public struct MutexStats: Sendable, Equatable, Codable {
    public var id: UInt64
    public var label: String
    public var acquisitions: Int
    public var contended: Int
    /// Request → acquire.
    public var wait: Percentiles
    /// Acquire → release.
    public var hold: Percentiles
    /// A read-write mutex's read acquisitions (nil for a plain mutex).
    public var readAcquisitions: Int? = nil
}

/// One read-write mutex's readers, semaphore, once, ticker or timer: what was done with it and how long tasks waited.
public struct PrimitiveStats: Sendable, Equatable, Codable {
    /// `read lock`, `semaphore`, `once`, `ticker` or `timer`.
    public var kind: String
    /// Its id (`mu3`, `sem4`, `on5`, `tm6`).
    public var id: String
    public var label: String
    /// Read acquisitions, permit acquisitions, body runs (0 or 1), ticks taken, or firings seen (0 or 1).
    public var operations: Int
    /// What else is worth knowing in a few words: peak permits in use, ticks missed, stopped.
    public var detail: String
    /// How many times a task blocked on it, and for how long in all.
    public var waits: Int
    public var blocked: UInt64
}

/// One Swift actor's work: its jobs, the stretches of them that ran a task's code, and the time tasks waited for it.
public struct ActorStats: Sendable, Equatable, Codable {
    /// Its id (`ac1`).
    public var id: String
    /// Its type's name, "" when unknown.
    public var typeName: String
    /// Actor jobs run (each a thread taking the actor's queued work until it was empty).
    public var jobs: Int
    /// Stretches of those jobs that ran a named task's code (`actorSlice`).
    public var slices: Int
    /// The time its jobs ran.
    public var busy: UInt64
    /// The run's tasks whose code ran on it.
    public var tasksServed: Int
    /// How many times a task waited to enter it, and for how long in all (see `BlockReason.actor`).
    public var waits: Int
    public var waited: UInt64
}
