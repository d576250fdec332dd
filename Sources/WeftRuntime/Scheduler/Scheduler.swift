import WeftTrace

/// The seam between the runtime and a scheduler: what decides which task runs when, and on which thread.
///
/// The core (spawn, parking, the primitives) talks to the scheduler only through this protocol; each implementation
/// lives in its own folder (`Multiplexed/`, `ThreadPerTask/`). A scheduler receives every job of every task through
/// `enqueue` (each `TaskRecord` is its task's `TaskExecutor`), chooses when and on which thread to run it, and runs it
/// with `TaskRecord.runSlice`. The clock of sleeps and timeouts is the other half of the seam (`DeadlineTimer`): a
/// deterministic scheduler would bring a virtual clock there and choose the next runnable task here.
protocol Scheduler: AnyObject, Sendable {
    /// Starts the scheduler's threads; each calls `core.startGate.arrive()` once it is ready for work.
    /// - Throws: the failure of the first thread that could not be created.
    func start(core: RunCore) throws(ThreadStartFailure)

    /// Prepares for a new task before its Swift task exists (thread-per-task creates the task's thread here).
    /// - Returns: nil, or why the task cannot run (its thread could not be created).
    func admit(_ task: TaskRecord, core: RunCore) -> ThreadStartFailure?

    /// Queues a job of `task` to be run (with `task.runSlice`) on a thread the scheduler chooses.
    func enqueue(_ job: UnownedJob, of task: TaskRecord)

    /// Queues a job that belongs to no task (an actor job, `Task.yield`'s continuation job), to be run with
    /// `helper.runSlice`: under thread-per-task on the thread of `task`, which enqueued it.
    func enqueueUntracked(_ job: UnownedJob, near task: TaskRecord, helper: TaskRecord)

    /// Tells the scheduler's threads to stop once no work is left, waking the idle ones; `join` waits for them.
    func requestStop()

    /// Waits until every thread of the scheduler has ended and handed its trace buffers over.
    func join()

    /// `task` ended without a last slice of its own (it completed while on an actor; see
    /// `RunCore.endStructuredChildren`): under thread-per-task its thread, which waits for the task's next job, stops.
    func endedOutside(_ task: TaskRecord)

    /// A uniform index in `0..<count` for a choice inside a primitive (a select's starting case); the deterministic
    /// scheduler draws it from its seeded generator.
    func randomIndex(below count: Int) -> Int
}

extension Scheduler {
    func randomIndex(below count: Int) -> Int { Int.random(in: 0..<count) }
    /// Schedulers whose threads are not a task's own have nothing to do.
    func endedOutside(_ task: TaskRecord) {}
}

extension SchedulerKind {
    /// A fresh scheduler of this kind for one run, and its timer: the monotonic clock and a timer thread, or under
    /// `deterministic` the virtual clock `clock` (a fresh one when nil).
    func makeSchedulerAndTimer(clock: VirtualTraceClock?) -> (any Scheduler, any DeadlineTimer) {
        switch self {
        case .multiplexed(let workers):
            return (WorkerPool(workers: max(1, workers)), TimerThread())
        case .threadPerTask:
            return (ThreadPerTaskScheduler(), TimerThread())
        case .deterministic(let seed, let strategy):
            let scheduler = DeterministicScheduler(seed: seed, strategy: strategy, clock: clock ?? VirtualTraceClock())
            return (scheduler, scheduler.timer)
        }
    }
}
