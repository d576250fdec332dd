import WeftTrace

/// One OS thread: what it was for, and which task ran on it when. The gaps between slices are idle time.
public struct ThreadTimeline: Sendable, Equatable {
    /// The thread as numbered in the trace.
    public var id: ThreadID
    /// The kernel's thread id (0 when the trace lacks its `threadStart`).
    public var tid: UInt64
    /// What the thread was for.
    public var role: ThreadRole
    /// The worker number (role worker) or the task's raw id (role taskThread); 0 otherwise.
    public var index: UInt64
    /// When it started (its `threadStart`, or its first event).
    public var started: UInt64
    /// When it stopped; nil if it was still alive at the end of the trace.
    public var stopped: UInt64?
    /// The run slices, sorted and non-overlapping.
    public var slices: IntervalList<RunSlice>
    /// The times this thread, parked, was signalled to take work, each until it ran again (its `threadWake` events):
    /// the OS's share of a wake-up. Empty for threads that never park, and in traces made before the event existed.
    public var wakes: IntervalList<SignalledWake>
    /// The stretches of its slices in which the OS gave it no CPU, by its CPU clock as the sampler read it
    /// (`threadCPU`, `CPUStarvation`), sorted and apart. Empty in traces made before the event existed.
    public var starved: IntervalList<CPUStarvation> = IntervalList(sorted: [])

    /// A name for people, the one spelling of a thread everywhere (stats, lints, pictures, export): `pool thread 2`
    /// (multiplexed), `thread of t7` (thread-per-task), `caller thread` (of `Weft.run`), `timer thread`,
    /// `thread T9`. No word of it is a task's: a task is always spelled from its id, `t7 …`.
    public var label: String {
        switch role {
        case .worker: "pool thread \(index)"
        case .taskThread: "thread of \(TaskID(index))"
        case .main: "caller thread"
        case .timer: "timer thread"
        case .other: "thread \(id)"
        }
    }

    /// True for the thread that called `Weft.run` (role `.main`): it waits for the run and is not one of the
    /// scheduler's threads. A trace holds at most one such record in the model, however many times it was recorded.
    public var isCaller: Bool { role == .main }

    /// The time during which some task ran on the thread.
    public var busy: UInt64 { slices.saturatingSum(\.duration) }

    public init(id: ThreadID, tid: UInt64 = 0, role: ThreadRole = .other, index: UInt64 = 0, started: UInt64,
                stopped: UInt64? = nil, slices: IntervalList<RunSlice>,
                wakes: IntervalList<SignalledWake> = IntervalList(sorted: [])) {
        self.id = id
        self.tid = tid
        self.role = role
        self.index = index
        self.started = started
        self.stopped = stopped
        self.slices = slices
        self.wakes = wakes
    }
}

/// A parked thread signalled to take work, from the signal to the thread running again: time the OS took, not the
/// scheduler (`threadWake`).
public struct SignalledWake: TimedInterval, Sendable, Equatable {
    /// When another thread signalled it.
    public var start: UInt64
    /// When it ran again (the `threadWake` event).
    public var end: UInt64

    public init(start: UInt64, end: UInt64) {
        self.start = start
        self.end = end
    }
}

/// A task running on a thread, from its `runBegin` to its `runEnd`, or its code running on an actor inside an actor
/// job (`actor` set; see `ActorVisit`).
public struct RunSlice: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    /// The task that ran.
    public var task: TaskID
    /// Why the slice ended; nil if it was still running at the end of the trace.
    public var endReason: RunEndReason?
    /// True when the task's previous slice ran on another thread (it migrated to this one).
    public var migrated: Bool
    /// The actor's raw id in 32 bits (0: none), so that a slice stays 32 bytes; an id that does not fit is dropped.
    private var actorRaw: UInt32

    /// The actor the task's code ran on, when the slice is a stretch of an actor job.
    public var actor: ActorID? {
        get { actorRaw == 0 ? nil : ActorID(UInt64(actorRaw)) }
        set { actorRaw = newValue.flatMap { UInt32(exactly: $0.rawValue) } ?? 0 }
    }

    public init(start: UInt64, end: UInt64, task: TaskID, endReason: RunEndReason?, migrated: Bool = false,
                actor: ActorID? = nil) {
        self.start = start
        self.end = end
        self.task = task
        self.endReason = endReason
        self.migrated = migrated
        self.actorRaw = actor.flatMap { UInt32(exactly: $0.rawValue) } ?? 0
    }
}
