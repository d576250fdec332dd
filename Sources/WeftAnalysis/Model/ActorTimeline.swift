import WeftTrace

/// One Swift actor the run saw: its type, the actor jobs that ran its queued work, and the stretches of those jobs
/// that ran a known task's code (`ActorVisit`).
public struct ActorTimeline: Sendable, Equatable {
    /// The actor.
    public var id: ActorID
    /// Its type's name (`Cache`), "" when the runtime's layout was not recognised.
    public var typeName: String
    /// Its actor jobs, sorted by start.
    public var jobs: [ActorJob]
    /// The stretches of its jobs that ran a task's code, sorted by start; `task` is none when the task was not one
    /// of the run's.
    public var visits: [ActorVisit]

    /// A name for people: `ac1 Cache`, or `ac1 (an actor)` when its type is unknown.
    public var label: String { typeName.isEmpty ? "\(id) (an actor)" : "\(id) \(typeName)" }

    /// The time its jobs ran.
    public var busy: UInt64 { jobs.saturatingSum(\.duration) }

    /// The run's tasks whose code ran on it, by id.
    public var tasksServed: [TaskID] { Set(visits.map(\.task)).subtracting([.none]).sorted() }

    public init(id: ActorID, typeName: String, jobs: [ActorJob] = [], visits: [ActorVisit] = []) {
        self.id = id
        self.typeName = typeName
        self.jobs = jobs
        self.visits = visits
    }
}

/// One actor job: a thread running the work queued on the actor, from `actorJobBegin` to `actorJobEnd`.
public struct ActorJob: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    /// The thread that ran it.
    public var thread: ThreadID

    public init(start: UInt64, end: UInt64, thread: ThreadID) {
        self.start = start
        self.end = end
        self.thread = thread
    }
}

/// A task's code running on an actor, inside one of its jobs (from the job's begin or the previous visit's end to the
/// `actorSlice` that names the task).
public struct ActorVisit: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    /// The task (none when it was not one of the run's tasks).
    public var task: TaskID
    /// The thread that ran it.
    public var thread: ThreadID

    public init(start: UInt64, end: UInt64, task: TaskID, thread: ThreadID) {
        self.start = start
        self.end = end
        self.task = task
        self.thread = thread
    }
}
