import WeftTrace

/// What `RunStats` counts, gathered one finished piece at a time: each task's state intervals (in order), each
/// thread's run slices, each message received, each mutex hold; and one event at a time: each read acquisition and
/// release, semaphore change, tick and sample.
///
/// The one definition of those figures. It is fed either by the builder as it reads a trace, which then forgets each
/// piece (`TimelineBuilder.summarize`), or from a whole `Timeline` (`RunStats.init(_:)`). Its memory grows with the
/// tasks, threads and objects, never with the events: distributions are `DurationHistogram`s.
struct RunStatsAccumulator {
    /// One task's time per state, and what its latency count needs.
    struct TaskTally {
        var running: UInt64 = 0
        var runnable: UInt64 = 0
        var sleeping: UInt64 = 0
        /// Blocked time per reason (nil: unknown), in the order first seen.
        var blocked: [(reason: BlockReason?, time: UInt64)] = []
        var slices = 0
        /// Running intervals that followed a runnable one (their latency was that interval).
        var measured = 0
        /// The duration of the last interval when it was runnable.
        var previousRunnable: UInt64?
        /// Its raw id, and the threads (by position) it ran on.
        var id: UInt64 = 0
        var threadsRun = DistinctThreads()
        /// The thread position of its last slice (to skip `threadsRun` for its consecutive slices on one thread).
        var lastThread = -1
        /// Its last wait for an actor (the actor's raw id), where it or the hop onto the actor after it ended, and
        /// whether that hop came: a wait for the same actor that begins there goes on it (`ActorEntry.continues`).
        var actorWait: (object: UInt64, end: UInt64, hopped: Bool)?
    }

    /// One thread's run slices.
    struct ThreadTally {
        var busy: UInt64 = 0
        var slices = 0
        var migrations = 0
        /// How many distinct tasks ran on it (each counted when its first slice here is added).
        var tasks = 0
    }

    /// One mutex's holds.
    struct MutexTally {
        var acquisitions = 0
        var contended = 0
        var wait = DurationHistogram()
        var hold = DurationHistogram()
        /// Time held over every hold, released or still held at the end (saturating).
        var held: UInt64 = 0
    }

    /// One read-write mutex's readers.
    struct ReadTally {
        var acquisitions = 0
        /// The most read holds open at once.
        var overlap = OverlapPeak()
        /// Read holds open now.
        var open = 0
    }

    /// One semaphore's acquisitions, and the fewest permits it had free after a change (nil: no change).
    struct PermitTally {
        var acquisitions = 0
        var fewestFree: UInt64?

        /// The most of `permits` in use at once.
        func peakInUse(of permits: UInt64) -> UInt64 { fewestFree.map { permits &- Swift.min(permits, $0) } ?? 0 }
    }

    /// One ticker's or timer's ticks taken (or firings seen) and ticks missed (saturating).
    struct TickTally {
        var ticks = 0
        var missed: UInt64 = 0
    }

    private(set) var tasks: [TaskTally] = []
    private var taskIndex = DenseIndex()
    private(set) var threads: [ThreadTally] = []
    private var threadIndex = DenseIndex()
    /// Send → receive time of each channel's received messages, by channel raw id.
    private(set) var inFlight: [UInt64: DurationHistogram] = [:]
    private(set) var mutexes: [UInt64: MutexTally] = [:]
    /// Runnable → running, over every task.
    private(set) var latency = DurationHistogram()
    /// Blocked episodes (count, time) on actors, read locks, semaphores, onces and timers, by reason and object.
    private(set) var objectWaits: [BlockReason: [UInt64: (count: Int, time: UInt64)]] = [:]

    /// Read acquisitions and holds, by read-write mutex raw id.
    private(set) var readers: [UInt64: ReadTally] = [:]
    /// Acquisitions and peak use, by semaphore raw id.
    private(set) var permits: [UInt64: PermitTally] = [:]
    /// Ticks, by ticker or timer raw id.
    private(set) var ticks: [UInt64: TickTally] = [:]
    /// How many samples of each name the run took.
    private(set) var samplesTaken: [String: Int] = [:]

    /// Whether ready stretches and run slices are swept for `WokenThreadLatency` (thread-per-task runs only).
    var keepsWokenWaits = false
    /// The ready stretches after a wake and after a yield, and the run slices, when `keepsWokenWaits`: their edges
    /// wait there until the feeder says no earlier piece can come (`settleWokenWaits(before:)`).
    private(set) var wokenWaits = WokenLatencySweep()
    /// The fewest edges between two settlings of `wokenWaits` (a test lowers it to settle often).
    var wokenWaitsBatch = 1 << 16 {
        didSet { wokenWaitsSettleAt = wokenWaitsBatch }
    }
    /// How many edges `wokenWaits` may hold before `add` asks to be settled.
    private var wokenWaitsSettleAt = 1 << 16

    /// Whether ready stretches, run slices and each task's last blocked stretch are kept for `PoolIdleAtEnd` (pool
    /// runs only).
    var keepsPoolSpans = false
    var poolReady: [Range<UInt64>] = []
    var poolSlices: [ThreadID: [PoolIdleAtEnd.Slice]] = [:]
    var lastBlocked: [TaskID: Range<UInt64>] = [:]

    /// Makes room for `count` tasks' tallies ahead (`TimelineState.expect`).
    mutating func reserveTasks(_ count: Int) { tasks.reserveCapacity(count) }

    /// Sweeps the woken waits' edges before `time`: no interval or slice added later starts before it. Asked for by
    /// `add` returning true (when the builder feeds it; from a whole model, everything is swept at the end).
    mutating func settleWokenWaits(before time: UInt64, lookedAt tasksAndThreads: Int) {
        wokenWaits.settle(before: time)
        // The next settling after a batch more, and no sooner than `tasksAndThreads` more: the caller's look at every
        // task and thread to find `time` then costs one step per edge added.
        wokenWaitsSettleAt = wokenWaits.pendingCount + Swift.max(wokenWaitsBatch, tasksAndThreads)
    }

    /// Adds the next finished interval of task `task` (a task's intervals come in time order). Returns whether the
    /// woken waits' edges should be settled (`settleWokenWaits`).
    @inline(__always) @discardableResult
    mutating func add(_ interval: StateInterval, of task: TaskID) -> Bool {
        var settles = false
        if keepsWokenWaits, case .runnable(let cause) = interval.state, interval.end > interval.start {
            switch cause {
            case .woken: wokenWaits.add(interval.start ..< interval.end, woken: true)
            case .yielded: wokenWaits.add(interval.start ..< interval.end, woken: false)
            case .created: break
            }
            settles = wokenWaits.pendingCount >= wokenWaitsSettleAt
        }
        if keepsPoolSpans, interval.end > interval.start {
            switch interval.state.category {
            case .runnable: poolReady.append(interval.start ..< interval.end)
            case .blocked: lastBlocked[task] = interval.start ..< interval.end
            default: break
            }
        }
        let t = taskIndex.position(task.rawValue, in: &tasks) { TaskTally(id: task.rawValue) }
        let d = interval.duration
        switch interval.state {
        case .running:
            tasks[t].running &+= d
            tasks[t].slices += 1
            if let wait = tasks[t].previousRunnable {
                latency.add(wait)
                tasks[t].measured += 1
            }
        case .runnable:
            tasks[t].runnable &+= d
        case .blocked(let object, let reason):
            if let i = tasks[t].blocked.firstIndex(where: { $0.reason == reason }) {
                tasks[t].blocked[i].time &+= d
            } else {
                tasks[t].blocked.append((reason, d))
            }
            if let reason, reason == .actor || reason == .readLock || reason == .semaphore || reason == .once
                || reason == .timer {
                var entry = objectWaits[reason, default: [:]][object.rawValue, default: (0, 0)]
                if reason == .actor, let earlier = tasks[t].actorWait, earlier.hopped, earlier.object == object.rawValue,
                   earlier.end == interval.start {
                    // The same wait to enter the actor, after the hop onto it: counted once.
                } else {
                    entry.count += 1
                }
                entry.time &+= d
                objectWaits[reason, default: [:]][object.rawValue] = entry
            }
        case .sleeping:
            tasks[t].sleeping &+= d
        case .finished:
            break
        }
        if case .runnable = interval.state { tasks[t].previousRunnable = d } else { tasks[t].previousRunnable = nil }
        if case let .blocked(object, .actor?) = interval.state {
            tasks[t].actorWait = (object.rawValue, interval.end, false)
        } else if let earlier = tasks[t].actorWait, !earlier.hopped, earlier.end == interval.start, ActorEntry.isHop(interval) {
            tasks[t].actorWait = (earlier.object, interval.end, true)
        } else if tasks[t].actorWait != nil {
            tasks[t].actorWait = nil
        }
        return settles
    }

    /// Adds a finished run slice of thread `thread`. Returns whether the woken waits' edges should be settled
    /// (`settleWokenWaits`).
    @inline(__always) @discardableResult
    mutating func add(_ slice: RunSlice, on thread: ThreadID) -> Bool {
        var settles = false
        if keepsWokenWaits {
            wokenWaits.add(slice.start ..< slice.end, woken: false)
            settles = wokenWaits.pendingCount >= wokenWaitsSettleAt
        }
        if keepsPoolSpans { poolSlices[thread, default: []].append((slice.start, slice.end, slice.task)) }
        let th = threadIndex.position(thread.rawValue, in: &threads) { ThreadTally() }
        let (sum, overflow) = threads[th].busy.addingReportingOverflow(slice.duration)
        threads[th].busy = overflow ? .max : sum
        threads[th].slices += 1
        if slice.migrated { threads[th].migrations += 1 }
        let t = taskIndex.position(slice.task.rawValue, in: &tasks) { TaskTally(id: slice.task.rawValue) }
        if tasks[t].lastThread != th {
            tasks[t].lastThread = th
            if tasks[t].threadsRun.insert(th) { threads[th].tasks += 1 }
        }
        return settles
    }

    /// Adds a message; only one both sent and received counts (toward its channel's in-flight time).
    @inline(__always)
    mutating func add(_ flow: MessageFlow) {
        guard let d = flow.inFlight else { return }
        inFlight[flow.channel.rawValue, default: DurationHistogram()].add(d)
    }

    /// Adds a hold of mutex `mutex` (released, or still held at the end of the trace).
    @inline(__always)
    mutating func add(_ hold: LockHold, of mutex: MutexID) {
        var tally = mutexes.removeValue(forKey: mutex.rawValue) ?? MutexTally()
        tally.acquisitions += 1
        if hold.contended { tally.contended += 1 }
        tally.wait.add(hold.wait)
        if hold.released { tally.hold.add(hold.duration) }
        tally.held = tally.held.addingSaturated(hold.duration)
        mutexes[mutex.rawValue] = tally
    }

    /// A read hold of mutex `mutex` began at `time` (in time order with the other read edges of that mutex).
    mutating func readAcquired(_ mutex: UInt64, at time: UInt64) {
        readers[mutex, default: ReadTally()].acquisitions += 1
        readers[mutex]!.overlap.start(at: time)
        readers[mutex]!.open += 1
    }

    /// A read hold of mutex `mutex` ended at `time` (released, or open at the end of the trace).
    mutating func readReleased(_ mutex: UInt64, at time: UInt64) {
        readers[mutex, default: ReadTally()].overlap.end(at: time)
        readers[mutex]!.open -= 1
    }

    /// Adds every read hold of a whole model's read-write mutex, its edges in time order.
    mutating func add(readHolds holds: [LockHold], of mutex: UInt64) {
        guard !holds.isEmpty else { return }
        readers[mutex] = ReadTally(acquisitions: holds.count,
                                   overlap: OverlapPeak(holds.lazy.map { (start: $0.start, end: $0.end) }))
    }

    /// Adds an acquisition (positive weight) or release of semaphore `semaphore`, leaving `available` permits free.
    mutating func add(_ change: PermitChange, of semaphore: UInt64) {
        var tally = permits.removeValue(forKey: semaphore) ?? PermitTally()
        if change.weight > 0 { tally.acquisitions += 1 }
        tally.fewestFree = Swift.min(tally.fewestFree ?? .max, change.available)
        permits[semaphore] = tally
    }

    /// Adds a tick of ticker or timer `timer` (a timer's firing is one tick, none missed).
    mutating func add(_ tick: TimerTick, of timer: UInt64) {
        ticks[timer, default: TickTally()].ticks += 1
        ticks[timer]!.missed = ticks[timer]!.missed.addingSaturated(tick.missed)
    }

    /// Adds a sample.
    mutating func add(_ sample: Sample) { samplesTaken[sample.name, default: 0] += 1 }

    /// The tally of a task, if any interval or slice of it was added.
    func task(_ id: TaskID) -> TaskTally? { taskIndex.position(id.rawValue).map { tasks[$0] } }

    /// The tally of a thread, if any slice of it was added.
    func thread(_ id: ThreadID) -> ThreadTally? { threadIndex.position(id.rawValue).map { threads[$0] } }

    /// Per thread position, how many of the distinct tasks that ran on it `isKnown` accepts (the tasks of a
    /// model: a slice may name a task the model does not have).
    func tasksRun(where isKnown: (TaskID) -> Bool) -> [Int] {
        var counts = threads.map(\.tasks)
        for tally in tasks where tally.lastThread >= 0 && !isKnown(TaskID(tally.id)) {
            for th in tally.threadsRun.positions { counts[th] -= 1 }
        }
        return counts
    }

    /// The position of a thread among the tallies, if any slice of it was added.
    func threadPosition(_ id: ThreadID) -> Int? { threadIndex.position(id.rawValue) }

    /// How many times tasks blocked on this object for this reason, and for how long in all.
    func waits(_ reason: BlockReason, on object: UInt64) -> (count: Int, time: UInt64) {
        objectWaits[reason]?[object] ?? (0, 0)
    }
}
