import WeftAnalysis
import WeftTrace

/// What the renderer draws: one run reduced to lanes, spans, marks and links (plain values, times in ns).
///
/// `RenderTimeline(timeline:)` builds it from the analysis model; tests build it by hand.
public struct RenderTimeline: Sendable {
    /// Facts for the header and the contrast panels.
    public var facts: RunFacts
    /// One lane per OS thread that ran tasks (the resources view), in display order.
    public var threads: [ThreadTrack]
    /// One lane per task (the control-flow view), in display order.
    public var tasks: [TaskTrack]
    /// Causal links between tasks, drawn as arrows.
    public var links: [Link]
    /// One lane per mutex that was ever held.
    public var locks: [LockTrack]
    /// One lane per Swift actor the run saw, in id order.
    public var actors: [ActorTrack]
    /// The deadlock the run ended in, if it did: when it was detected and its cycle.
    public var deadlock: DeadlockDrawing?
    /// Resident memory over time (the runtime's periodic samples) and the scheduler's threads alive (from the trace's
    /// thread starts and stops), when recorded.
    public var counters: [CounterTrack]
    /// The stretches in which the machine paused the whole process (`MachineStalls`): drawn as a band across the
    /// lanes, whatever state the lanes under it show.
    public var stalls: [TimeSpan] = []
    /// Where more threads ran tasks than the machine has cores, sorted and apart: a task's running there may include
    /// waiting for a CPU (`LaneState.runningOrWaitingForCPU`), in its task lane and in its thread's lane alike.
    public var oversubscribed: [TimeSpan] = []

    public init(facts: RunFacts, threads: [ThreadTrack] = [], tasks: [TaskTrack] = [], links: [Link] = [],
                locks: [LockTrack] = [], actors: [ActorTrack] = [], deadlock: DeadlockDrawing? = nil,
                counters: [CounterTrack] = []) {
        self.facts = facts
        self.threads = threads
        self.tasks = tasks
        self.links = links
        self.locks = locks
        self.actors = actors
        self.deadlock = deadlock
        self.counters = counters
    }
}

/// Facts about a run, shown in the header.
public struct RunFacts: Sendable, Equatable {
    public var program: String
    /// The program's arguments as the trace recorded them, joined by spaces ("" when none or unknown).
    public var arguments = ""
    /// What the program does in one line, as it said itself (`RunOptions.summary`); "" when it said nothing.
    public var summary = ""
    /// The command that ran: "weft run io-bound --tasks 1000".
    public var command: String { arguments.isEmpty ? program : program + " " + arguments }
    public var scheduler: String
    /// Worker threads of the multiplexed scheduler (nil when not set, e.g. thread-per-task).
    public var workers: Int?
    public var taskCount: Int
    public var threadCount: Int
    /// Wall time of the run in nanoseconds (first to last event).
    public var wallTime: UInt64
    /// The last event's time (ns since trace start): where the picture's time axis ends.
    public var traceEnd: UInt64
    public var eventCount: Int
    /// The largest `peak_rss_bytes` sample, if recorded.
    public var peakRSS: UInt64?
    /// The whole trace's span when notably longer than `wallTime` (thread start-up and shutdown), else nil.
    public var traceWallTime: UInt64?
    /// How the run ended when not normally ("deadlocked", "failed: …"); nil when it completed.
    public var problem: String?
    /// Online cores of the machine that ran it, when recorded.
    public var cores: Int?
    /// The run's threads by role (the same count as `weft stats`), when known.
    public var census: ThreadCensus?
    /// Time tasks spent ready while a pool thread sat idle (multiplexed: the pool's wake-up latency), summed over
    /// the run's tasks.
    public var wakeLatency = TaskSum()
    /// The part of `wakeLatency` after the pool had signalled an idle thread to take work: the OS's share, in ns.
    public var osWakeDelay: UInt64 = 0
    /// Time tasks spent ready while the pool thread that held them was not run by the OS (`ThreadTrack.frozen`),
    /// summed over the run's tasks: part of `runnable`, not of `wakeLatency`.
    public var frozenPoolThread: UInt64 = 0
    /// Time tasks spent ready while a pool thread sat idle yet queued behind the task that woke them on that task's
    /// pool thread, no thread signalled for them (`QueuedBehindWaker`), summed over the run's tasks, in ns: part of
    /// `runnable`, not of `wakeLatency`.
    public var queuedBehindWaker: UInt64 = 0
    /// Time tasks were "running" on a thread that the OS gave no CPU (`ThreadTrack.starved`), summed over the run's
    /// tasks: drawn as running or waiting for a CPU.
    public var cpuStarved: UInt64 = 0
    /// Every kind of runnable time (waiting for a pool thread, for the OS or a CPU, for its new thread to start, for
    /// an idle pool thread to wake), summed over the run's tasks: the one waiting figure both panels of a contrast
    /// picture open their Tasks header with, defined alike whatever the scheduler.
    public var runnable = TaskSum()
    /// The part of `runnable` before a task's new thread had started (thread-per-task), in ns.
    public var awaitingThread: UInt64 = 0
    /// Time waiting to enter a busy actor (the model's waits for an actor, `LaneState.actor`), summed over the tasks
    /// that waited so: not ready-to-run time, and said beside it.
    public var actorWait = TaskSum()
    /// Time blocked on locks (mutexes, read locks, semaphores: stats' `mutex`, `readlock` and `semaphore` waits),
    /// summed over the tasks that waited so: the Locks header's total.
    public var lockWait = TaskSum()
    /// How long creating the tasks took, from the first spawn to the last, in ns (`RunFigures.spawning`).
    public var spawning: UInt64?
    /// Time the run stood still, paused by the machine (`RunFigures.stalled`), in ns.
    public var stalled: UInt64 = 0
    /// The wall time cut where main began and ended (`WallTimeParts`), when the run had a main task that ended:
    /// before main (times from 0 to `beforeMain`) is the start-up, after main the runtime stopping.
    public var wallParts: WallTimeParts?
    /// The verdict's figures of the run, when it was built from the analysis model (`RunFigures(timeline)`): with
    /// the hand-offs, CPU and cores that a verdict's reason reads.
    public var measured: RunFigures?

    /// How the run ended in a word ("deadlocked", "failed"), when the trace says so.
    public var outcome: String?

    /// Whether the times are virtual (the deterministic scheduler's clock): the header says "virtual time", not "wall".
    public var virtualTime = false

    /// "wall 1.20 ms", or "virtual time 1.20 ms" for a deterministic run.
    public var wallTimeText: String {
        (virtualTime ? "virtual time " : "wall ") + DurationFormat.format(wallTime)
    }

    /// How the run ended, in a word or two for a title ("deadlocked"): the outcome, or the problem up to its first
    /// colon or line.
    public var problemSummary: String? {
        guard let problem else { return nil }
        if let outcome { return outcome }
        let firstLine = problem.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? problem
        return firstLine.split(separator: ":", maxSplits: 1).first.map(String.init) ?? firstLine
    }

    public init(program: String, scheduler: String, workers: Int? = nil, taskCount: Int, threadCount: Int,
                wallTime: UInt64, traceEnd: UInt64? = nil, eventCount: Int, peakRSS: UInt64? = nil, problem: String? = nil) {
        self.problem = problem
        traceWallTime = nil
        self.traceEnd = traceEnd ?? wallTime
        self.program = program
        self.scheduler = scheduler
        self.workers = workers
        self.taskCount = taskCount
        self.threadCount = threadCount
        self.wallTime = wallTime
        self.eventCount = eventCount
        self.peakRSS = peakRSS
    }
}

/// A time span [start, end) in nanoseconds.
public struct TimeSpan: Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public init(_ start: UInt64, _ end: UInt64) {
        self.start = start
        self.end = max(start, end)
    }
}

/// One OS thread's lane: the slices in which it ran a task, sorted by start, not overlapping.
public struct ThreadTrack: Sendable {
    public var thread: ThreadID
    /// "pool thread 1", "thread of t12", "caller thread", "timer thread" (`ThreadTimeline.label`).
    public var label: String
    public var slices: [ThreadSlice]
    /// From the thread's start to its stop, when known (drawn as a faint line: alive but idle).
    public var lifetime: TimeSpan?
    /// What the thread was for.
    public var role: ThreadRole
    /// Times the thread was held by its own task while that task was not running on it (thread-per-task: the task
    /// blocked, asleep or waiting for a CPU keeps its thread), sorted. Drawn hatched in the task's colour.
    public var held: [TimeSpan]
    /// The task that owns the thread (thread-per-task), if any.
    public var owner: TaskID?
    /// Stretches in which a pool thread had work and the OS did not run it (`FrozenPoolThreads`), each with the
    /// task that waited for it, sorted. Drawn hatched in that task's colour, not as a free thread.
    public var frozen: [ThreadSlice] = []
    /// A pool thread's signalled wake-ups, each from the signal to `threadWake` (when the OS ran it again), or on to
    /// its next run slice where that slice took a task waiting all the while in the pool's shared queue, sorted: the
    /// OS's doing, not free for any task. `PoolThreadWakes`.
    public var woken: [TimeSpan] = []
    /// Stretches of its slices in which the OS gave it no CPU, by its CPU clock (`CPUStarvation`), sorted and apart.
    /// Its run there is drawn as running or waiting for a CPU, as where more threads ran than cores.
    public var starved: [TimeSpan] = []
    /// Thread-per-task: when its task ran on another thread (its code on an actor that thread ran), neither held nor
    /// running here.
    public var ownerElsewhere: [TimeSpan] = []

    public init(thread: ThreadID, label: String, slices: [ThreadSlice], lifetime: TimeSpan? = nil,
                role: ThreadRole = .other, held: [TimeSpan] = [], owner: TaskID? = nil) {
        self.thread = thread
        self.label = label
        self.slices = slices
        self.lifetime = lifetime
        self.role = role
        self.held = held
        self.owner = owner
    }
}

/// A task running on a thread from `start` to `end`.
public struct ThreadSlice: Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var task: TaskID
    /// The type name of the actor the task's code ran on ("an actor" when unknown), for a stretch of an actor job.
    public var actor: String?
    public init(start: UInt64, end: UInt64, task: TaskID, actor: String? = nil) {
        self.start = start
        self.end = max(start, end)
        self.task = task
        self.actor = actor
    }
}

/// One task's lane: its states over time (sorted, not overlapping), the marks on it, and the mutexes it held.
public struct TaskTrack: Sendable {
    public var task: TaskID
    /// The task's name ("main", "worker 3"); the label adds the id.
    public var name: String
    public var spans: [StateSpan]
    public var marks: [Mark]
    /// Times it held a mutex (drawn under the lane, as Tracy draws locks).
    public var holds: [TimeSpan]
    /// How it failed, when it ended by throwing an error of its own (not the runtime cancelling its wait).
    public var failure: TaskFailure?

    public init(task: TaskID, name: String, spans: [StateSpan], marks: [Mark] = [], holds: [TimeSpan] = [],
                failure: TaskFailure? = nil) {
        self.task = task
        self.name = name
        self.spans = spans
        self.marks = marks
        self.holds = holds
        self.failure = failure
    }

    /// "t12 name" (or just "t12" without a name).
    public var label: String { name.isEmpty || name == task.description ? task.description : "\(task) \(name)" }
}

/// A task in one state from `start` to `end`.
public struct StateSpan: Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var state: LaneState
    public init(start: UInt64, end: UInt64, state: LaneState) {
        self.start = start
        self.end = max(start, end)
        self.state = state
    }
}

/// Something a task did at an instant.
public struct Mark: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case spawn, send, receive, lock, unlock, wait, wake, tick, timeout, cancel
        /// Woken by an unlock, but another task took the lock before the woken one ran.
        case lostLock

        public var description: String {
            switch self {
            case .tick: "tick / timer fired"
            case .timeout: "timeout: went on without a message"
            case .cancel: "cancelled"
            case .spawn: "spawn"
            case .send: "send"
            case .receive: "receive"
            case .lock: "lock"
            case .unlock: "unlock"
            case .wait: "wait"
            case .wake: "wake"
            case .lostLock: "lost the lock: woken, but another task took it first"
            }
        }
    }

    public var time: UInt64
    public var kind: Kind
    /// How many marks of its kind it stands for: more than 1 when the model joined a pair's repeated messages or
    /// wake-ups in one time cell (a model built for a picture), counted in its crowd's "×N".
    public var count: UInt32
    public init(time: UInt64, kind: Kind, count: UInt32 = 1) {
        self.time = time
        self.kind = kind
        self.count = count
    }
}

/// A causal link from one task at one time to another task at a later (or equal) time.
public struct Link: Sendable, Equatable {
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// A message: send → its receive.
        case message
        /// Spawn: parent → child's start.
        case spawn
        /// A mutex handed over: unlock → the next acquirer.
        case lock
        /// Another wake-up: waker → woken (wait groups, conditions, joins).
        case wake

        public var description: String {
            switch self {
            case .message: "send → receive"
            case .spawn: "spawn"
            case .lock: "unlock → next lock"
            case .wake: "wake"
            }
        }
    }

    public var kind: Kind
    /// How many links it stands for (see `Mark.count`), counted in the legend's "N of M arrows shown".
    public var count: UInt32
    public var fromTask: TaskID
    public var fromTime: UInt64
    public var toTask: TaskID
    public var toTime: UInt64

    public init(kind: Kind, from fromTask: TaskID, at fromTime: UInt64, to toTask: TaskID, at toTime: UInt64,
                count: UInt32 = 1) {
        self.kind = kind
        self.count = count
        self.fromTask = fromTask
        self.fromTime = fromTime
        self.toTask = toTask
        self.toTime = toTime
    }
}

extension RunFacts {
    /// Where the time axis ends: the last task's end or the run's wall time, whichever is later, so that the axis
    /// covers every figure the header names.
    public var axisEnd: UInt64 { max(traceEnd, wallTime) }

    /// The figures a verdict compares (`ContrastVerdict`): the model's, else made from these facts.
    public var figures: RunFigures {
        if let measured { return measured }
        return RunFigures(scheduler: scheduler, wallTime: wallTime, threads: threadCount, peakMemory: peakRSS, tasks: taskCount,
                   workers: workers, cores: cores, problem: problemSummary, spawning: spawning, stalled: stalled)
    }
}
