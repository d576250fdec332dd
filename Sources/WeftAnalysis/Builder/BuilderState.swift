import WeftTrace

/// A task while the builder reads the trace: its finished intervals and its open state.
///
/// A million-task trace holds a million of these until the end, so the record is kept small: what most tasks never
/// use (waits on wait groups and conditions, lock requests, regions, selects, a picture's joined pieces) lives in
/// `TaskBuildExtras`, allocated for the tasks that do, and the one-byte fields sit in the optionals' spare bytes.
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
    /// The `block` recorded during the current slice, waiting for its `runEnd(blocked)`.
    var pendingBlock: (reason: BlockReason, object: ObjectID)?
    /// Set when an `unblock` arrived before the task's `runEnd(blocked)`: the waker.
    var wokenEarly: TaskID?
    /// How it ended; nil if it has not.
    var outcome: TaskOutcome?
    /// The thread it last ran on.
    var lastThread: ThreadID?
    /// Whether any interval of it ever finished.
    var hasIntervals = false
    var ended: UInt64?
    /// Set when the task's code left an actor (`actorSlice`): the `unblock` that follows is that hop, not a wake-up.
    var leftActor = false
    /// The duration of a `sleep` recorded during the current slice.
    var pendingSleep: UInt64?
    /// The last block of this task not yet matched by a send or receive (for `senderBlocked`/`receiverBlocked`).
    var lastBlock: (reason: BlockReason, object: ObjectID)?

    // Cold: identity and family.
    var id: TaskID
    var created: UInt64
    var name = ""
    var site = ""
    var parent = TaskID.none
    var children: [TaskID] = []
    var message = ""
    /// The last `block` and its wake-up.
    var lastWait: AnnouncedWait?
    /// The rarely used parts, nil until one is set.
    private var extras: TaskBuildExtras?

    /// The joined pieces at the end of `intervals` (a model built for a picture).
    var cellGroup: CellGroup {
        get { extras?.cellGroup ?? CellGroup() }
        _modify { yield &uniqueExtras().cellGroup }
    }
    /// An open wait on a wait group or condition.
    var openWait: OpenWait? {
        get { extras?.openWait }
        _modify { yield &uniqueExtras().openWait }
    }
    /// A mutex requested and not yet acquired.
    var lockRequest: (mutex: MutexID, time: UInt64, contended: Bool)? {
        get { extras?.lockRequest }
        _modify { yield &uniqueExtras().lockRequest }
    }
    /// Set when the task, woken for a mutex, was blocked on it again because another task took it first (a lost
    /// lock, `TimelineState.loseLock`): the mutex's position, when, and how the task had become runnable, which it is
    /// again when that other task lets go. Stale once the task has left that wait.
    var lostLock: (mutex: Int, since: UInt64, cause: RunnableCause)? {
        get { extras?.lostLock }
        _modify { yield &uniqueExtras().lostLock }
    }
    /// Open regions (name, start) and closed ones.
    var openRegions: [(name: String, start: UInt64)] {
        get { extras?.openRegions ?? [] }
        _modify { yield &uniqueExtras().openRegions }
    }
    var regions: [Region] {
        get { extras?.regions ?? [] }
        _modify { yield &uniqueExtras().regions }
    }
    /// The channels of each select this task blocked in, in order (from `selectWait`), from the one its last
    /// blocked interval belonged to.
    var selectWaits: [SelectWaitBuild] {
        get { extras?.selectWaits ?? [] }
        _modify { yield &uniqueExtras().selectWaits }
    }

    /// The extras, made (or copied, when another copy of this record shares them) before a change.
    private mutating func uniqueExtras() -> TaskBuildExtras {
        if extras == nil {
            extras = TaskBuildExtras()
        } else if !isKnownUniquelyReferenced(&extras!) {
            extras = extras!.copy()
        }
        return extras!
    }

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
    }
}

/// The parts of a `TaskBuild` most tasks never use, kept apart (see `TaskBuild`); copied on change when shared.
final class TaskBuildExtras {
    var cellGroup = CellGroup()
    var openWait: OpenWait?
    var lockRequest: (mutex: MutexID, time: UInt64, contended: Bool)?
    var lostLock: (mutex: Int, since: UInt64, cause: RunnableCause)?
    var openRegions: [(name: String, start: UInt64)] = []
    var regions: [Region] = []
    var selectWaits: [SelectWaitBuild] = []

    /// A copy with the same values.
    func copy() -> TaskBuildExtras {
        let other = TaskBuildExtras()
        other.cellGroup = cellGroup
        other.openWait = openWait
        other.lockRequest = lockRequest
        other.lostLock = lostLock
        other.openRegions = openRegions
        other.regions = regions
        other.selectWaits = selectWaits
        return other
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
