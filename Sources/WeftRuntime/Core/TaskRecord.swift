import Glibc
import Synchronization
import WeftTrace

/// The runtime's record of one task. It is also the task's `TaskExecutor`: every job of the task comes through
/// `enqueue`, so the scheduler always knows which task a job belongs to.
final class TaskRecord: TaskExecutor, @unchecked Sendable {
    let id: TaskID
    let name: String
    let core: RunCore
    /// The scheduler's state for this task (thread-per-task: its `TaskThread`); set by `Scheduler.admit` before the
    /// task is created, never changed after.
    var schedulerState: AnyObject?
    /// Set by the task's own code on its own thread when its body has returned or thrown.
    var bodyFinished = false

    // What the task waits on; guarded by the registry lock of this task (`core.registry.lock(for: id)`).
    var currentWait: WaitToken?
    var blockReason: BlockReason = .sleep
    var blockObject: ObjectID = .none
    var blockObjectName = ""
    var blockTarget: (any WaitTarget)?
    /// Set by `TaskHandle.cancel()`: the task's current wait and every later one throw `CancellationError`.
    var cancelled = false

    /// True from a traced slice's `runBegin` until its `runEnd` is recorded (see `runSlice`).
    private let sliceOpen = Atomic<Bool>(false)

    // Links of the registry shard's list; guarded by the shard's lock.
    var registryNext: TaskRecord?
    unowned(unsafe) var registryPrevious: TaskRecord?

    // The task's result and the tasks joining it; guarded by `core.registry.joinLock(for: id)`.
    var result: Result<any Sendable, any Error>?
    var joinWaiters = WaitQueue<WaitToken>()

    init(id: TaskID, name: String, core: RunCore) {
        self.id = id
        self.name = name
        self.core = core
    }

    func enqueue(_ job: consuming ExecutorJob) {
        core.scheduler.enqueue(UnownedJob(job), of: self)
    }

    /// Runs one job of this task as one run slice, recording `runBegin`/`runEnd` on the calling thread; then runs the
    /// deadlock check a wait in the slice asked for. Schedulers run every job through it. Traced slices of one task
    /// never overlap in time, even when the task is resumed on another thread before this one recorded its end.
    @inline(__always)
    func runSlice(_ job: UnownedJob) {
        ThreadLocals.setCurrentTask(self)
        if let tracer = core.tracer {
            // A task suspends inside `runSynchronously`, before the thread that ran it records `runEnd`: a waker may
            // resume it at once on another thread. That thread waits here (for as long as the first one takes to
            // return and record, well under a microsecond unless it is preempted) so that the trace never shows one
            // task running on two threads at once, nor its next events before the end of its previous slice.
            while sliceOpen.load(ordering: .acquiring) { sched_yield() }
            sliceOpen.store(true, ordering: .relaxed)
            tracer.record(RunBeginEvent(task: id))
            job.runSynchronously(on: asUnownedTaskExecutor())
            tracer.record(RunEndEvent(task: id, reason: ThreadLocals.endReason))
            sliceOpen.store(false, ordering: .releasing)
        } else {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
        ThreadLocals.endReason = .yielded
        ThreadLocals.setCurrentTask(nil)
        core.checkAfterSlice()
    }
}
