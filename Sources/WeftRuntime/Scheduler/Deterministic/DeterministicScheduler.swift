import Glibc
import WeftTrace

/// The deterministic scheduler: one OS thread runs every task; whenever more than one task could run, a seeded
/// `ScheduleChooser` picks one; sleeps and timeouts wait on a virtual clock that jumps to the next deadline as soon
/// as no task can run. The same program and seed therefore give the same schedule, the same trace and the same
/// outcome on every run, however loaded the machine.
///
/// Its `VirtualTimer` is the other half of the seam (the virtual clock); both run on this one thread. Every task job is enqueued from the scheduler's own thread while it runs a slice, except the main task's
/// first job, which the caller of `Weft.run` enqueues before it waits: the order of the run queue is therefore fixed
/// by the schedule alone.
///
/// - Warning: a task must await only Weft primitives. A job that comes back from elsewhere (another executor, a
///   `Task.sleep`) arrives at a time the scheduler does not control and breaks determinism.
final class DeterministicScheduler: Scheduler, @unchecked Sendable {
    /// Virtual time one run slice takes: a task that loops on `yield` still sees time go by.
    static let sliceNanoseconds: UInt64 = 1_000

    private struct Runnable {
        var job: UnownedJob
        var task: TaskRecord
    }

    /// The scheduler's one thread, its lock and condition, and its stop flag.
    private let loop = LoopThread()
    private var lock: PThreadLock { loop.lock }
    private var condition: PThreadCondition { loop.condition }
    // Under `lock`:
    private var runnable: [Runnable] = []
    // Only on the scheduler's thread (and the caller's before it starts):
    private var chooser: ScheduleChooser
    private var candidates: [TaskID] = []
    /// The virtual clock and its deadlines.
    let timer: VirtualTimer
    private var clock: VirtualTraceClock { timer.clock }

    init(seed: UInt64, strategy: ScheduleStrategy, clock: VirtualTraceClock) {
        chooser = ScheduleChooser(seed: seed, strategy: strategy)
        timer = VirtualTimer(clock: clock)
    }

    /// Scheduling decisions made so far (for PCT's estimate of a run's length).
    var steps: Int { chooser.steps }

    // MARK: Scheduler

    func start(core: RunCore) throws(ThreadStartFailure) {
        try loop.start(core: core) { [self] in run(core) }
    }

    /// Every task runs on the scheduler's one thread: nothing to prepare.
    func admit(_ task: TaskRecord, core: RunCore) -> ThreadStartFailure? { nil }

    func enqueue(_ job: UnownedJob, of task: TaskRecord) {
        lock.withLock {
            runnable.append(Runnable(job: job, task: task))
            condition.signal()
        }
    }

    func enqueueUntracked(_ job: UnownedJob, near task: TaskRecord, helper: TaskRecord) {
        enqueue(job, of: helper)
    }

    func requestStop() { loop.requestStop() }

    func join() { loop.join() }

    /// A select's starting case, from the run's seeded generator. Called inside a slice, on the scheduler's thread.
    func randomIndex(below count: Int) -> Int { chooser.index(below: count) }

    // MARK: The loop

    private func run(_ core: RunCore) {
        core.tracer?.beginThread(role: .worker, index: 0)
        core.startGate.arrive()
        lock.lock()
        while true {
            if !runnable.isEmpty {
                candidates.removeAll(keepingCapacity: true)
                for item in runnable { candidates.append(item.task.id) }
                let chosen = runnable.remove(at: chooser.choose(among: candidates))
                lock.unlock()
                clock.nanoseconds = clock.nanoseconds &+ Self.sliceNanoseconds
                chosen.task.runSlice(chosen.job)
                lock.lock()
                continue
            }
            lock.unlock()
            // No task can run: move the clock to the next deadline and resume what is due there.
            if let (deadline, due) = timer.popEarliest() {
                clock.nanoseconds = deadline
                for entry in due where entry.token.claim() {
                    core.wake(ClaimedWait(token: entry.token, index: entry.index))
                }
                lock.lock()
                continue
            }
            lock.lock()
            if loop.stopping && runnable.isEmpty { break }
            if runnable.isEmpty { condition.wait(lock) }
        }
        lock.unlock()
        timer.removeAll()
        core.tracer?.endThread()
        core.threads.ended()
    }
}
