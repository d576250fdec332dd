import WeftTrace

/// A task while the builder reads the trace: its finished intervals and its open state.
struct TaskBuild {
    // Hot: touched by most events of the task (kept together, first, to share cache lines).
    /// The state the task is in since `stateStart` (not yet in `intervals`).
    var state: TaskState
    var stateStart: UInt64
    /// Its finished intervals not yet handed on (`TimelineState.settleIntervals`), or all of them when the model
    /// keeps them.
    var intervals: [StateInterval] = []
    /// How many of `intervals` were handed on already.
    var settled = 0
    /// The joined pieces at the end of `intervals` (a model built for a picture).
    var cellGroup = CellGroup()
    /// Whether any interval of it ever finished.
    var hasIntervals = false
    /// The `block` recorded during the current slice, waiting for its `runEnd(blocked)`.
    var pendingBlock: (reason: BlockReason, object: ObjectID)?
    /// Set when an `unblock` arrived before the task's `runEnd(blocked)`: the waker.
    var wokenEarly: TaskID?
    /// The thread it last ran on.
    var lastThread: ThreadID?
    var ended: UInt64?
    /// The duration of a `sleep` recorded during the current slice.
    var pendingSleep: UInt64?
    /// An open wait on a wait group or condition.
    var openWait: OpenWait?
    /// The last block of this task not yet matched by a send or receive (for `senderBlocked`/`receiverBlocked`).
    var lastBlock: (reason: BlockReason, object: ObjectID)?
    /// A mutex requested and not yet acquired.
    var lockRequest: (mutex: MutexID, time: UInt64, contended: Bool)?
    /// Set when the task's code left an actor (`actorSlice`): the `unblock` that follows is that hop, not a wake-up.
    var leftActor = false
    /// Set while the task, woken for a mutex, is blocked on it again because another task took it first (a lost lock,
    /// `TimelineState.loseLock`): the mutex's position, and how the task had become runnable, which it is again when
    /// that other task lets go.
    var lostLock: (mutex: Int, cause: RunnableCause)?

    // Cold: identity and family.
    var id: TaskID
    var created: UInt64
    var name = ""
    var site = ""
    var parent = TaskID.none
    var children: [TaskID] = []
    var outcome: TaskOutcome?
    var message = ""
    /// Open regions (name, start) and closed ones.
    var openRegions: [(name: String, start: UInt64)] = []
    var regions: [Region] = []
    /// The last `block` and its wake-up.
    var lastWait: AnnouncedWait?
    /// The channels of each select this task blocked in, in order (from `selectWait`), from the one its last
    /// blocked interval belonged to.
    var selectWaits: [SelectWaitBuild] = []

    init(id: TaskID, created: UInt64) {
        self.id = id
        self.created = created
        self.state = .runnable(.created)
        self.stateStart = created
    }

    var isRunning: Bool { if case .running = state { true } else { false } }
    var isWaiting: Bool {
        switch state {
        case .blocked, .sleeping: true
        default: false
        }
    }

    /// Ends the open state at `time` (never before it began) and enters `next`. Zero-length intervals are dropped.
    mutating func transition(to next: TaskState, at time: UInt64) {
        let end = max(time, stateStart)
        if end > stateStart {
            intervals.append(StateInterval(start: stateStart, end: end, state: state))
            hasIntervals = true
        }
        state = next
        stateStart = end
        lostLock = nil
    }
}

/// An open `waitGroupWait` or `conditionWait`.
struct OpenWait {
    var isCondition: Bool
    /// Position of the object in the builder's wait group or condition array.
    var objectPosition: Int
    /// Position of the episode in that object's episode array (none when the builder only summarises).
    var episode: Int
    /// When the wait began.
    var start: UInt64
    var blocked = false
}

/// A thread while the builder reads the trace.
struct ThreadBuild {
    var id: ThreadID
    var tid: UInt64 = 0
    var role = ThreadRole.other
    var index: UInt64 = 0
    var started: UInt64
    var stopped: UInt64?
    /// Its run slices (none when the builder only summarises).
    var slices: [RunSlice] = []
    /// Its wake-ups from parking, in order (`threadWake`; none when the builder only summarises).
    var wakes: [SignalledWake] = []
    /// The joined pieces at the end of `slices` and of `wakes` (a model built for a picture).
    var sliceGroup = CellGroup()
    var wakeGroup = CellGroup()
    /// When its last wake-up ended.
    var lastWakeEnd: UInt64 = 0
    /// The last `threadCPU` sample of this thread inside its open slice: when, its CPU clock, and the slice's start.
    var lastCPU: (time: UInt64, cpu: UInt64, slice: UInt64)?
    /// The stretches of its slices without CPU (`CPUStarvation`; none when the builder only summarises).
    var starved: [CPUStarvation] = []
    /// The slice open on this thread (task, start, migrated).
    var open: (task: TaskID, start: UInt64, migrated: Bool)?
    /// The actor job open on this thread: its actor's position, its start, and where its current stretch began.
    var actorJob: (actor: Int, start: UInt64, stretch: UInt64)?
    /// The task whose end (`taskEnd`) this thread recorded last, until its next slice begins: the runtime may wake an
    /// `async let` child's parent just after the child's last slice has ended (see `TimelineState.childAwaited`).
    var lastEnded: TaskID = .none
}

/// A mutex while the builder reads the trace.
struct MutexBuild {
    var timeline: MutexTimeline
    /// Its finished holds, in order (none when the builder only summarises).
    var holds: [LockHold] = []
    /// The hold still open.
    var openHold: LockHold?
    /// The positions of the tasks that asked for it and have not got it yet (a few: the tasks waiting for it).
    var waiters: [Int] = []
}

/// A wait group while the builder reads the trace.
struct WaitGroupBuild {
    var timeline: WaitGroupTimeline
    var waits: [WaitEpisode] = []
}

/// A condition while the builder reads the trace.
struct ConditionBuild {
    var timeline: ConditionTimeline
    var waits: [WaitEpisode] = []
}

/// The channels one blocking select waited on: its `block(select)` time and each `selectWait`.
struct SelectWaitBuild {
    var blocked: UInt64
    var channels: [(channel: UInt64, send: Bool)]
}
