import WeftTrace

/// What `RunStats` counts, gathered one finished piece at a time: each task's state intervals (in order), each
/// thread's run slices, each message received, each mutex hold.
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
    }

    /// One thread's run slices.
    struct ThreadTally {
        var busy: UInt64 = 0
        var slices = 0
        var migrations = 0
        /// The distinct tasks that ran on it, and the last one (to skip the set for a task's consecutive slices).
        var tasks: Set<UInt64> = []
        var lastTask: UInt64?
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

    /// Adds the next finished interval of task `task` (a task's intervals come in time order).
    @inline(__always)
    mutating func add(_ interval: StateInterval, of task: TaskID) {
        let t = taskIndex.position(task.rawValue, in: &tasks) { TaskTally() }
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
                entry.count += 1
                entry.time &+= d
                objectWaits[reason, default: [:]][object.rawValue] = entry
            }
        case .sleeping:
            tasks[t].sleeping &+= d
        case .finished:
            break
        }
        if case .runnable = interval.state { tasks[t].previousRunnable = d } else { tasks[t].previousRunnable = nil }
    }

    /// Adds a finished run slice of thread `thread`.
    @inline(__always)
    mutating func add(_ slice: RunSlice, on thread: ThreadID) {
        let th = threadIndex.position(thread.rawValue, in: &threads) { ThreadTally() }
        let (sum, overflow) = threads[th].busy.addingReportingOverflow(slice.duration)
        threads[th].busy = overflow ? .max : sum
        threads[th].slices += 1
        if slice.migrated { threads[th].migrations += 1 }
        if threads[th].lastTask != slice.task.rawValue {
            threads[th].lastTask = slice.task.rawValue
            threads[th].tasks.insert(slice.task.rawValue)
        }
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

    /// The tally of a task, if any interval of it was added.
    func task(_ id: TaskID) -> TaskTally? { taskIndex.position(id.rawValue).map { tasks[$0] } }

    /// The tally of a thread, if any slice of it was added.
    func thread(_ id: ThreadID) -> ThreadTally? { threadIndex.position(id.rawValue).map { threads[$0] } }

    /// How many times tasks blocked on this object for this reason, and for how long in all.
    func waits(_ reason: BlockReason, on object: UInt64) -> (count: Int, time: UInt64) {
        objectWaits[reason]?[object] ?? (0, 0)
    }
}
