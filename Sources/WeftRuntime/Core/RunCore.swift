import CWeftSupport
import Glibc
import Synchronization
import WeftTrace

/// The shared state of one run: the scheduler, the timer, the live tasks, the deadlock accounting and the trace.
final class RunCore: @unchecked Sendable {
    let scheduler: SchedulerKind
    let tracer: TraceRecorder?
    /// The worker pool under `multiplexed`; nil under thread-per-task.
    let pool: WorkerPool?
    let timer: TimerThread
    let threads: ThreadCounters
    let registry = TaskRegistry()
    /// The scheduler's threads (workers, timer) report here once they are ready for work.
    let startGate = StartGate()
    let maxThreads: Int?

    /// Live tasks in the high 32 bits, live tasks blocked with no timer in the low 32: equal means deadlock.
    private let accounting = Atomic<UInt64>(0)
    private static let liveUnit: UInt64 = 1 << 32
    /// 0 while running, 1 once the run is being torn down (main ended, deadlock, thread limit).
    private let phase = Atomic<UInt8>(0)
    private let nextTask = Atomic<UInt64>(1)
    private let nextObject = Atomic<UInt64>(1)
    let tasksCreated = Atomic<Int>(0)
    let spawnNanoseconds = Atomic<UInt64>(0)

    private let endLock = PThreadLock()
    private var failure: RuntimeError?
    private var allEnded = false
    private var endWaiter: UnsafeContinuation<Void, Never>?
    /// The thread-per-task threads that have ended and wait to be joined.
    private var exitedThreads: [pthread_t] = []

    init(scheduler: SchedulerKind, tracer: TraceRecorder?, maxThreads: Int?) {
        self.scheduler = scheduler
        self.tracer = tracer
        self.maxThreads = maxThreads
        let threads = ThreadCounters()
        self.threads = threads
        timer = TimerThread()
        if case .multiplexed(let workers) = scheduler {
            pool = WorkerPool(workers: max(1, workers))
        } else {
            pool = nil
        }
    }

    /// Starts the timer and, under `multiplexed`, the workers, and waits until every thread started is ready, so that
    /// the main task never runs (and spawns) while a worker is still starting up.
    func start() throws(RuntimeError) {
        defer { startGate.waitForAll() }
        do throws(ThreadStartFailure) {
            try timer.start(core: self)
            try pool?.start(core: self)
        } catch {
            throw RuntimeError(kind: .threadLimit, message: "could not start the \(scheduler.name) scheduler's threads: "
                + "\(error.explanation); \(Limits.describe()). Free some threads or raise the limit.")
        }
    }

    // MARK: Identities

    func newTaskID() -> TaskID { TaskID(nextTask.wrappingAdd(1, ordering: .relaxed).oldValue) }
    func newObjectID() -> UInt64 { nextObject.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Interns `text` when tracing; 0 otherwise.
    @inline(__always) func string(_ text: String) -> UInt64 { tracer?.intern(text).rawValue ?? 0 }

    var isTearingDown: Bool { phase.load(ordering: .acquiring) != 0 }

    // MARK: Task life

    /// Counts a new live task (before it can run).
    func taskStarted(_ record: TaskRecord) {
        registry.insert(record)
        _ = tasksCreated.wrappingAdd(1, ordering: .relaxed)
        accounting.wrappingAdd(Self.liveUnit, ordering: .sequentiallyConsistent)
    }

    /// Counts a task's end; the last one lets `Weft.run` finish.
    func taskEnded(_ record: TaskRecord, isMain: Bool) {
        registry.remove(record)
        let now = accounting.wrappingSubtract(Self.liveUnit, ordering: .sequentiallyConsistent).newValue
        if isMain { tearDown(because: nil) }
        if now >> 32 == 0 {
            endLock.withLock {
                allEnded = true
                let waiter = endWaiter
                endWaiter = nil
                return waiter
            }?.resume()
        } else {
            checkQuiescence(now)
        }
    }

    /// Waits until every task of the run has ended.
    func waitForAllTasks() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let done = endLock.withLock {
                if allEnded { return true }
                endWaiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    // MARK: Blocking

    /// Registers `token` as its task's wait, records `block`, and counts the task as stuck when it should be.
    /// Call it holding the primitive's lock, before the token is published. Returns false when the run is being
    /// torn down: the caller must not publish the token and resumes it with `cancelledError()` instead.
    func beginWait(_ token: WaitToken, reason: BlockReason, object: UInt64, name: String, target: (any WaitTarget)? = nil) -> Bool {
        guard let task = token.task else { return true }
        let shard = registry.shard(for: task.id)
        shard.lock.lock()
        if isTearingDown {
            shard.lock.unlock()
            return false
        }
        task.currentWait = token
        task.blockReason = reason
        task.blockObject = ObjectID(object)
        task.blockObjectName = name
        task.blockTarget = target
        shard.lock.unlock()
        tracer?.record(.block, reason.rawValue, object)
        if token.countsAsStuck { accounting.wrappingAdd(1, ordering: .sequentiallyConsistent) }
        ThreadLocals.endReason = .blocked
        return true
    }

    /// After a task published a wait and released the primitive's lock: ends the run if every live task is stuck.
    @inline(__always)
    func afterWait(_ token: WaitToken) {
        if token.countsAsStuck { checkQuiescence(accounting.load(ordering: .sequentiallyConsistent)) }
    }

    /// Resumes a claimed wait with `index`, recording `unblock` on the waker's thread.
    @inline(__always)
    func wake(_ token: WaitToken, returning index: Int) {
        if token.countsAsStuck { accounting.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
        if let tracer, let task = token.task { tracer.record(.unblock, task.id.rawValue) }
        token.continuation.resume(returning: index)
        token.markResumed()
    }

    /// Resumes a claimed wait with an error.
    func wake(_ token: WaitToken, throwing error: any Error) {
        if token.countsAsStuck { accounting.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
        if let tracer, let task = token.task { tracer.record(.unblock, task.id.rawValue) }
        token.continuation.resume(throwing: error)
        token.markResumed()
    }

    /// The error every wait gets once the run is being torn down.
    func cancelledError() -> RuntimeError {
        let reason = endLock.withLock { failure?.kind }
        let why = switch reason {
        case .deadlock: "a deadlock was detected"
        case .threadLimit: "a thread could not be created"
        default: "the main task has ended"
        }
        return RuntimeError(kind: .cancelled, message: "wait cancelled: the run is shutting down because \(why)")
    }

    // MARK: Ending the run

    private func checkQuiescence(_ value: UInt64) {
        let live = value >> 32
        let stuck = value & 0xFFFF_FFFF
        guard live > 0, live == stuck, !isTearingDown else { return }
        let waiting = registry.waitingTasks()
        let report = DeadlockReport(waiting: waiting)
        guard report.blocked.count == Int(live) else { return }  // a wait is being resumed right now
        var message = "deadlock: all \(live) live task\(live == 1 ? " is" : "s are") blocked and no timer is pending.\n"
        message += report.description
        message += "\nFix: make sure every wait has a task that will wake it (send/receive pairs, unlock after lock, "
        message += "done() for every add()), or take locks in one global order."
        var error = RuntimeError(kind: .deadlock, message: message)
        error.deadlock = report
        tearDown(because: error)
    }

    /// Records why the run fails (the first reason wins) and starts the teardown.
    func fail(_ error: RuntimeError) { tearDown(because: error) }

    /// Ends the run: from now on every wait throws `cancelled`, and every task blocked now is resumed with it.
    func tearDown(because error: RuntimeError?) {
        if let error {
            endLock.withLock { if failure == nil { failure = error } }
        }
        guard phase.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged else { return }
        let cancelled = cancelledError()
        for (_, token) in registry.waitingTasks() where token.claim() {
            wake(token, throwing: cancelled)
        }
    }

    /// Why the run failed, if it did.
    var failureReason: RuntimeError? { endLock.withLock { failure } }

    // MARK: Threads

    /// Notes that a thread-per-task thread has ended; it is joined by the next spawn or at the end of the run.
    func threadExited(_ thread: pthread_t) {
        endLock.withLock { exitedThreads.append(thread) }
    }

    /// Joins the thread-per-task threads that have ended.
    func joinExitedThreads() {
        let ended = endLock.withLock {
            let list = exitedThreads
            exitedThreads.removeAll()
            return list
        }
        for thread in ended { OSThread.join(thread) }
    }

    /// Stops the workers and the timer and joins every thread; call once every task has ended.
    func shutdown() {
        // Wake every scheduler thread for the stop at once, then join them: each wake-up costs a scheduling delay
        // (long on a loaded machine), so they must not be paid one after another.
        pool?.requestStop()
        timer.requestStop()
        pool?.join()
        timer.join()
        // Task threads end just after their task does; wait for the last ones so that they are joined and have
        // handed their trace buffers over before the trace is finished.
        while threads.alive.load(ordering: .acquiring) > 0 {
            joinExitedThreads()
            usleep(50)
        }
        joinExitedThreads()
    }
}
