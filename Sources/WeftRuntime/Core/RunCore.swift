import CWeftSupport
import Glibc
import Synchronization
import WeftTrace

/// The shared state of one run: the scheduler, the timer, the live tasks, the deadlock accounting and the trace.
final class RunCore: @unchecked Sendable {
    let kind: SchedulerKind
    let tracer: TraceRecorder?
    /// The CPU clocks of the threads inside a run slice, which the timer thread's sampler reads (traced runs in real
    /// time only).
    let sliceClocks: SliceClocks?
    /// Which task runs when and on which thread (see `Scheduler`).
    let scheduler: any Scheduler
    /// The clock of sleeps and timeouts, and what resumes them.
    let timer: any DeadlineTimer
    let threads: ThreadCounters
    let registry = TaskRegistry()
    /// The plain Swift tasks of the run, by the runtime's task id (see `routeSwiftJob`).
    let swiftTasks = SwiftTaskTable()
    /// The default actors whose jobs the run has seen (see `actorJobArrived`).
    let actors = ActorTable()
    /// The unstructured Swift tasks that may complete on an actor, and the jobs of no task running now.
    let actorEnds = ActorEndWatch()
    /// Swift tasks with this runtime id or a lower one were made before the run (the caller of `Weft.run` among
    /// them): the global executor's hooks never adopt them. Set before the main task is spawned.
    var swiftTaskIDFloor: UInt64 = .max
    /// The record under which jobs that belong to no task run (see `TaskRecord.Origin.helper`).
    private(set) var helper: TaskRecord!
    /// The scheduler's threads (workers, timer) report here once they are ready for work.
    let startGate = StartGate()
    let maxThreads: Int?
    /// Notes each channel's message order when `Weft.explore` asks for it; set before the run starts.
    var messageOrders: MessageOrderLog?

    /// Live tasks in the high 32 bits, live tasks blocked with no timer in the low 32: equal means deadlock.
    private let accounting = Atomic<UInt64>(0)
    /// Live tasks suspended outside Weft and not enqueued since (see `TaskRecord.endSuspended`).
    private let suspended = Atomic<UInt64>(0)
    /// Jobs of no task queued and not yet run (see `enqueueUntrackedJob`).
    private let pendingUntracked = Atomic<Int>(0)
    private static let liveUnit: UInt64 = 1 << 32
    /// 0 while running, 1 once the run is being torn down (main ended, deadlock, thread limit), 2 once `Weft.run`
    /// has returned (the runtime handle must not be used any more).
    private let phase = Atomic<UInt8>(0)
    private let nextTask = Atomic<UInt64>(1)
    private let nextObject = Atomic<UInt64>(1)
    let tasksCreated = Atomic<Int>(0)
    /// CPU time the creating threads spent in the spawns measured (ns): every spawn of the first 255 tasks, then
    /// every 16th (see `spawn`).
    let spawnNanoseconds = Atomic<UInt64>(0)
    /// How many spawns `spawnNanoseconds` sums.
    let spawnsMeasured = Atomic<Int>(0)
    /// The highest resident memory the timer thread's sampler read during the run (bytes; 0 when it took no sample):
    /// the run's peak is never below it (`RunReport.peakResidentBytes`).
    let sampledResidentPeak = Atomic<UInt64>(0)

    private let endLock = PThreadLock()
    private var failure: RuntimeError?
    private var allEnded = false
    private var endWaiter: UnsafeContinuation<Void, Never>?
    /// A stop asked for from outside (`RunStop`) that the caller of `Weft.run` has not carried out yet.
    private var pendingStop: String?

    /// - Parameter virtualClock: the clock of a deterministic run, shared with its trace recorder.
    init(scheduler kind: SchedulerKind, tracer: TraceRecorder?, maxThreads: Int?, virtualClock: VirtualTraceClock? = nil) {
        self.kind = kind
        self.tracer = tracer
        sliceClocks = tracer != nil && virtualClock == nil ? SliceClocks() : nil
        self.maxThreads = maxThreads
        threads = ThreadCounters()
        (scheduler, timer) = kind.makeSchedulerAndTimer(clock: virtualClock)
        helper = TaskRecord(id: .none, name: "", core: self, origin: .helper)
    }

    /// Starts the timer and, under `multiplexed`, the workers, and waits until every thread started is ready, so that
    /// the main task never runs (and spawns) while a worker is still starting up.
    func start() throws(RuntimeError) {
        defer { startGate.waitForAll() }
        do throws(ThreadStartFailure) {
            try timer.start(core: self)
            try scheduler.start(core: self)
        } catch {
            throw RuntimeError(kind: .threadLimit, message: "could not start the \(kind.name) scheduler's threads: "
                + "\(error.explanation); \(Limits.describe()). Free some threads or raise the limit.")
        }
    }

    // MARK: Identities

    func newTaskID() -> TaskID { TaskID(nextTask.wrappingAdd(1, ordering: .relaxed).oldValue) }
    func newObjectID() -> UInt64 { nextObject.wrappingAdd(1, ordering: .relaxed).oldValue }

    /// Interns `text` when tracing; 0 otherwise.
    @inline(__always) func string(_ text: String) -> StringID { tracer?.intern(text) ?? .empty }

    var isTearingDown: Bool { phase.load(ordering: .acquiring) != 0 }

    /// Whether `Weft.run` has returned: the run's handle and objects may no longer wait or spawn.
    var hasFinished: Bool { phase.load(ordering: .acquiring) == 2 }

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

    /// Waits until every task of the run has ended, or until a stop is asked for (see `takeStopRequest`).
    func waitForAllTasks() async {
        await withUnsafeContinuation { (continuation: UnsafeContinuation<Void, Never>) in
            let done = endLock.withLock {
                if allEnded || pendingStop != nil { return true }
                endWaiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }

    /// Hands a stop asked for from outside to the caller of `Weft.run`, waking it if it waits for the tasks. Records
    /// nothing: the thread calling this (a signal watcher's) must not appear in the trace.
    func requestStop(_ reason: String) {
        endLock.withLock { () -> UnsafeContinuation<Void, Never>? in
            guard !allEnded, pendingStop == nil else { return nil }
            pendingStop = reason
            let waiter = endWaiter
            endWaiter = nil
            return waiter
        }?.resume()
    }

    /// The stop asked for and not yet carried out, taken (nil when none, or when every task has ended anyway).
    func takeStopRequest() -> String? {
        endLock.withLock {
            defer { pendingStop = nil }
            return allEnded ? nil : pendingStop
        }
    }

    // MARK: Blocking (see `park` for the rules)

    /// Registers `token` as its task's wait on `site`, records `block`, and counts the task as stuck when it should
    /// be. Called by `park` holding the primitive's lock, before the token is published. Returns false when the run
    /// is being torn down (or is over), or the task was cancelled: then nothing may be published and the wait fails
    /// with `refusedWaitError(for:)`.
    func beginWait(_ token: WaitToken, _ site: WaitSite) -> Bool {
        guard let task = token.task else { return !isTearingDown }
        let shard = registry.shard(for: task.id)
        shard.lock.lock()
        if isTearingDown || task.cancelled {
            shard.lock.unlock()
            return false
        }
        task.currentWait = token
        task.blockReason = site.reason
        task.blockObject = ObjectID(site.object)
        task.blockObjectName = site.name
        task.blockTarget = site.target
        shard.lock.unlock()
        tracer?.record(BlockEvent(reason: site.reason, object: ObjectID(site.object)))
        if token.countsAsStuck { accounting.wrappingAdd(1, ordering: .sequentiallyConsistent) }
        ThreadLocals.endReason = .blocked
        return true
    }

    /// Called by `park` once the wait is published and the primitive's lock released. Inside a task's slice the
    /// deadlock check is left to the end of the slice (`checkAfterSlice`), so that the task's block and `runEnd` are
    /// recorded before a deadlock is declared; elsewhere it runs at once.
    @inline(__always)
    func afterWait(_ token: WaitToken) {
        guard token.countsAsStuck else { return }
        if token.task != nil {
            ThreadLocals.deadlockCheckPending = true
        } else {
            checkQuiescence(accounting.load(ordering: .sequentiallyConsistent))
        }
    }

    /// Called by the scheduler after each slice it ran (its `runEnd` recorded): runs the deadlock check a wait in
    /// that slice asked for.
    @inline(__always)
    func checkAfterSlice() {
        guard ThreadLocals.deadlockCheckPending else { return }
        ThreadLocals.deadlockCheckPending = false
        checkQuiescence(accounting.load(ordering: .sequentiallyConsistent))
    }

    /// Resumes a claimed waiter with its index, recording `unblock` on the waker's thread first.
    @inline(__always)
    func wake(_ waiter: some Waiter) {
        let token = waiter.token
        if token.countsAsStuck { accounting.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
        if let tracer, let task = token.task { tracer.record(UnblockEvent(task: task.id)) }
        token.resume(returning: waiter.index)
        token.markResumed()
    }

    /// Resumes a claimed wait with `index` (the timer: a sleep's or select's timeout).
    @inline(__always)
    func wake(_ token: WaitToken, returning index: Int) {
        wake(ClaimedWait(token: token, index: index))
    }

    /// Resumes a claimed wait with an error, recording `unblock` first.
    func wake(_ token: WaitToken, throwing error: any Error) {
        if token.countsAsStuck { accounting.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
        if let tracer, let task = token.task { tracer.record(UnblockEvent(task: task.id)) }
        token.resume(throwing: error)
        token.markResumed()
    }

    /// Why `beginWait` refused a wait of `task`: the task was cancelled, or the run is being torn down.
    func refusedWaitError(for task: TaskRecord?) -> any Error {
        if let task, !isTearingDown, registry.shard(for: task.id).lock.withLock({ task.cancelled }) {
            return CancellationError()
        }
        return cancelledError()
    }

    /// The error every wait gets once the run is being torn down.
    func cancelledError() -> RuntimeError {
        if hasFinished { return Self.finishedError("wait") }
        let reason = endLock.withLock { failure?.kind }
        let why = switch reason {
        case .deadlock: "a deadlock was detected"
        case .threadLimit: "a thread could not be created"
        case .stopped: "it was stopped from outside"
        default: "the main task has ended"
        }
        return RuntimeError(kind: .cancelled, message: "wait cancelled: the run is shutting down because \(why)")
    }

    /// The error for using the run's handle or objects after `Weft.run` returned.
    static func finishedError(_ what: String) -> RuntimeError {
        RuntimeError(kind: .misuse, message: "cannot \(what): the Weft.run this runtime belongs to has already returned. "
            + "A Runtime handle and the channels, locks and tasks it made are valid only inside their Weft.run: "
            + "spawn, wait and communicate before the run's body returns.")
    }

    // MARK: Ending the run

    /// Queues a job of no task (an actor's drain job, a wake-up job) near `task`, counting it as pending until it
    /// has run: while one is pending, a suspended task may be about to be resumed by it.
    /// - Parameter runner: the record to run it under: the run's helper, or an actor's (see `ActorTable`).
    func enqueueUntrackedJob(_ job: UnownedJob, near task: TaskRecord, helper runner: TaskRecord? = nil) {
        pendingUntracked.wrappingAdd(1, ordering: .sequentiallyConsistent)
        scheduler.enqueueUntracked(job, near: task, helper: runner ?? helper)
    }

    /// A job of no task has run; with none left pending the deadlock check runs again, in case the job resumed no one.
    func untrackedJobRan() {
        if pendingUntracked.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            checkQuiescence(accounting.load(ordering: .sequentiallyConsistent))
        }
    }

    /// A task began a suspension outside Weft.
    func suspensionBegan() { suspended.wrappingAdd(1, ordering: .sequentiallyConsistent) }

    /// A task's suspension outside Weft ended (it was enqueued).
    func suspensionEnded() { suspended.wrappingSubtract(1, ordering: .sequentiallyConsistent) }

    func checkQuiescence(_ value: UInt64) {
        let live = value >> 32
        let stuck = value & 0xFFFF_FFFF
        guard live > 0, !isTearingDown else { return }
        if live != stuck {
            if stuck > 0, pendingUntracked.load(ordering: .sequentiallyConsistent) == 0,
               live == stuck &+ suspended.load(ordering: .sequentiallyConsistent) {
                checkSuspendedParents(live: Int(live))
            }
            return
        }
        let waiting = registry.waitingTasks()
        let report = DeadlockReport(waiting: waiting)
        guard report.blocked.count == Int(live) else { return }  // a wait is being resumed right now
        var message = "deadlock: all \(live) live task\(live == 1 ? " is" : "s are") blocked and no timer is pending.\n"
        message += report.description
        message += "\n" + report.advice
        var error = RuntimeError(kind: .deadlock, message: message)
        error.deadlock = report
        tearDown(because: error)
    }

    /// Every live task is blocked on a Weft primitive with no timer, or suspended outside Weft. When each suspended
    /// task has live Swift children (it awaits a group, an `async let`, a task's value), and those are all blocked,
    /// nothing can wake anyone: a deadlock. A suspended task with no live Swift children may await something outside
    /// Weft (I/O, another thread), so it keeps the run going.
    private func checkSuspendedParents(live: Int) {
        let waiting = registry.waitingTasks()
        let report = DeadlockReport(waiting: waiting)
        let parents = registry.suspendedTasks()
        guard report.blocked.count + parents.count == live, !report.blocked.isEmpty,
              parents.allSatisfy({ $0.liveSwiftChildren.load(ordering: .sequentiallyConsistent) > 0 }) else { return }
        var message = "deadlock: all \(live) live tasks are blocked, or suspended awaiting their Swift tasks, and no "
        message += "timer is pending.\n"
        message += report.description
        for parent in parents {
            let children = parent.liveSwiftChildren.load(ordering: .sequentiallyConsistent)
            message += "\n  \(parent.id) \"\(parent.name)\" is suspended awaiting its \(children) live Swift "
            message += "task\(children == 1 ? "" : "s")"
        }
        message += "\n" + report.advice
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

    /// Stops the workers and the timer and joins every thread; call once every task has ended.
    func shutdown() {
        // Wake every scheduler thread for the stop at once, then join them: each wake-up costs a scheduling delay
        // (long on a loaded machine), so they must not be paid one after another.
        scheduler.requestStop()
        timer.requestStop()
        scheduler.join()
        timer.join()
        helper = nil  // it holds the core: break the cycle once no job can arrive any more
        actors.removeAll()
    }

    /// Marks the run as over once `Weft.run` is about to return: from now on a spawn or a wait through this run's
    /// handle fails at once with `.misuse` instead of waiting forever.
    func markFinished() {
        phase.store(2, ordering: .sequentiallyConsistent)
    }
}
