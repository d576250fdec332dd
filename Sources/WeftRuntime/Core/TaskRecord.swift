import Glibc
import Synchronization
import WeftTrace

/// The runtime's record of one task. It is also the task's `TaskExecutor`: every job of the task comes through
/// `enqueue`, so the scheduler always knows which task a job belongs to.
final class TaskRecord: TaskExecutor, @unchecked Sendable {
    /// Where a task comes from.
    enum Origin {
        /// Spawned by Weft (`Runtime.spawn`, the main task): its body is wrapped, so Weft sees its end.
        case spawned
        /// A plain Swift task Weft found when its first job arrived (a task-group child, an `async let`, a `Task {}`):
        /// its end is read from the runtime after each run (`SwiftJob.hasFinished`).
        case swift
        /// Not a task: the record under which the scheduler runs jobs that belong to no task (`Task.yield`'s
        /// continuation job, untraced; an actor job, traced as the actor's when `drainedActor` is set).
        case helper
    }

    let id: TaskID
    let name: String
    let core: RunCore
    let origin: Origin
    /// The record the Swift runtime sends this task's jobs to (the task's executor preference, inherited by
    /// structured children): the task's own record, or for a plain Swift child its spawned ancestor's. Jobs run on
    /// it, so that the runtime sees them on the executor they prefer and never hops.
    private let preferred: TaskRecord?
    /// The runtime's id of the Swift task this record stands for (`SwiftJob.taskID`); `.max` until a spawned task's
    /// first job arrives (on the spawner's thread, before the task can run or make children).
    var swiftTaskID: UInt64
    /// A plain Swift task whose object must be retained around each run, so that its end can be read afterwards.
    let retainsJob: Bool
    /// An unstructured plain Swift task's object (its first job), retained from then until its end is recorded: it
    /// may complete on an actor, where its end is read after the actor's job (`ActorEndWatch`, whose lock guards
    /// this once the task has run).
    var heldTask: UnownedJob?
    /// An `async let` child: its memory belongs to its parent, which frees it once it has seen the child end, so jobs
    /// the child's run enqueues (the parent's wake-up) are held until the end has been read (`deferredJobs`).
    let defersEnqueues: Bool
    /// For the helper record of one actor (see `ActorTable`): the actor whose jobs it runs.
    let drainedActor: DrainedActor?
    /// A task-group child or an `async let`: it has completed by the time the task that made it ends.
    let structuredChild: Bool
    /// Jobs held back during a run of this task (`defersEnqueues`, or a structured child's wake-up of its suspended
    /// parent: see `RunCore.resume`), under `deferredLock`: the slice that holds them
    /// back and the task's next slice, which may already run on another thread (its job enqueued from an actor's job),
    /// both touch them.
    private var deferredJobs: [(UnownedJob, TaskRecord)] = []
    private let deferredLock: PThreadLock?
    /// The continuation job of a `Task.yield` made in the running slice (its address; 0 for none), held until the
    /// slice has ended (`RunCore.runUntracked`). Only the thread running the slice touches it, but the task's slices
    /// move between threads through the work-stealing deques, whose fences ThreadSanitizer does not follow: an atomic,
    /// relaxed, costs nothing and keeps it quiet.
    private let heldYieldJobAddress = Atomic<UInt>(0)

    /// Holds `job`, the continuation job of a `Task.yield` made in the running slice, until the slice has ended;
    /// false when one is already held.
    func holdYieldJob(_ job: UnownedJob) -> Bool {
        guard heldYieldJobAddress.load(ordering: .relaxed) == 0 else { return false }
        heldYieldJobAddress.store(UInt(bitPattern: unsafeBitCast(job, to: UnsafeRawPointer.self)),
                                  ordering: .relaxed)
        return true
    }
    /// Plain Swift children found so far, to number them; guarded by the run's Swift task table lock.
    var swiftChildren = 0
    /// The Weft task whose slice made this plain Swift task (nil for a spawned task); set before the task can run.
    var swiftParent: TaskRecord?
    /// Plain Swift children of this task that have not ended: a task suspended outside Weft with live children is
    /// taken to await them when the deadlock check looks at it.
    let liveSwiftChildren = Atomic<Int>(0)
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
    /// Jobs of this task enqueued so far, and whether it is suspended on something outside Weft and not enqueued since
    /// (with its `unblock` not yet recorded, in a traced run; see `noteEnqueued` and `endSuspended`).
    private let enqueued = Atomic<UInt64>(0)
    private let suspendedOutside = Atomic<Bool>(false)

    // Links of the registry shard's list; guarded by the shard's lock.
    var registryNext: TaskRecord?
    unowned(unsafe) var registryPrevious: TaskRecord?

    // The task's result and the tasks joining it; guarded by `core.registry.joinLock(for: id)`.
    var result: Result<any Sendable, any Error>?
    var joinWaiters = WaitQueue<WaitToken>()

    init(id: TaskID, name: String, core: RunCore, origin: Origin = .spawned, preferred: TaskRecord? = nil,
         swiftTaskID: UInt64 = .max, retainsJob: Bool = false, defersEnqueues: Bool = false,
         drainedActor: DrainedActor? = nil, structuredChild: Bool = false) {
        self.id = id
        self.name = name
        self.core = core
        self.origin = origin
        self.preferred = preferred
        self.swiftTaskID = swiftTaskID
        self.retainsJob = retainsJob
        self.defersEnqueues = defersEnqueues
        self.deferredLock = defersEnqueues || structuredChild ? PThreadLock() : nil
        self.drainedActor = drainedActor
        self.structuredChild = structuredChild
    }

    /// The executor this task's jobs run on (see `preferred`).
    var executorRecord: TaskRecord { preferred ?? self }

    /// Every job of this task, and of the plain Swift tasks that inherited its executor preference, arrives here;
    /// a job of another Swift task goes to that task's own record (`RunCore.routeSwiftJob`).
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        if SwiftJob.taskID(job) == swiftTaskID {
            core.resume(job, of: self)
        } else {
            core.routeSwiftJob(job, arrivedAt: self)
        }
    }

    /// Counts a job of this task being enqueued and, when the task was suspended outside Weft, ends that suspension on
    /// the enqueuing thread, recording its `unblock` in a traced run (exactly once: see `endSuspended`).
    @inline(__always)
    func noteEnqueued(_ tracer: TraceRecorder?) {
        enqueued.wrappingAdd(1, ordering: .sequentiallyConsistent)
        if suspendedOutside.load(ordering: .sequentiallyConsistent),
           suspendedOutside.exchange(false, ordering: .sequentiallyConsistent) {
            core.suspensionEnded()
            tracer?.record(UnblockEvent(task: id))
        }
    }

    /// Waits until the task's traced slice, if one is open, has recorded its `runEnd`: the task's code may already run
    /// elsewhere (on an actor) while the thread that ran its slice is still recording the slice's end.
    func waitForSliceEnd() {
        while sliceOpen.load(ordering: .acquiring) { sched_yield() }
    }

    /// Ends the task's suspension outside Weft for good, when the task is known to have completed without Weft seeing
    /// it (see `RunCore.endStructuredChildren`); false when it was not suspended outside Weft, or someone else (an
    /// enqueue) ended the suspension first.
    func claimCompletionOutside() -> Bool {
        suspendedOutside.load(ordering: .sequentiallyConsistent)
            && suspendedOutside.exchange(false, ordering: .sequentiallyConsistent)
    }

    /// Whether the task is suspended outside Weft and not enqueued since.
    var isSuspendedOutside: Bool { suspendedOutside.load(ordering: .sequentiallyConsistent) }

    /// Jobs of this task enqueued so far.
    var enqueueCount: UInt64 { enqueued.load(ordering: .sequentiallyConsistent) }

    /// Runs one job of this task as one run slice, recording `runBegin`/`runEnd` on the calling thread; then runs the
    /// deadlock check a wait in the slice asked for. Schedulers run every job through it. Traced slices of one task
    /// never overlap in time, even when the task is resumed on another thread before this one recorded its end.
    @inline(__always)
    func runSlice(_ job: UnownedJob) {
        if origin == .helper {
            core.actorEnds.helperJobBegan()
            if drainedActor != nil, let tracer = core.tracer {
                runActorJob(job, tracer)
            } else {
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
            core.endTasksCompletedOnActors(core.actorEnds.helperJobEnded())
            core.untrackedJobRan()
            return
        }
        ThreadLocals.setCurrentTask(self)
        if retainsJob { SwiftJob.retain(job) }
        var ended = false
        var suspended = false
        if let tracer = core.tracer {
            // A task suspends inside `runSynchronously`, before the thread that ran it records `runEnd`: a waker may
            // resume it at once on another thread. That thread waits here (for as long as the first one takes to
            // return and record, well under a microsecond unless it is preempted) so that the trace never shows one
            // task running on two threads at once, nor its next events before the end of its previous slice.
            while sliceOpen.load(ordering: .acquiring) { sched_yield() }
            sliceOpen.store(true, ordering: .relaxed)
            let enqueuedBefore = enqueued.load(ordering: .sequentiallyConsistent)
            tracer.record(RunBeginEvent(task: id))
            // The thread's CPU clock is sampled while the slice lasts (`ProcessSampler`): not given a CPU, it shows.
            let clockSlot = core.sliceClocks.map { clocks in tracer.currentThread().map { clocks.enter($0) } ?? -1 } ?? -1
            job.runSynchronously(on: executorRecord.asUnownedTaskExecutor())
            core.sliceClocks?.leave(clockSlot)
            if let reason = ThreadLocals.endReasonIfSet {
                tracer.record(RunEndEvent(task: id, reason: reason))
            } else if origin == .swift && SwiftJob.hasFinished(job) {
                ended = true
                tracer.record(TaskEndEvent(task: id, outcome: .returned, message: .empty))
                tracer.record(RunEndEvent(task: id, reason: .finished))
            } else if enqueued.load(ordering: .sequentiallyConsistent) != enqueuedBefore {
                tracer.record(RunEndEvent(task: id, reason: .yielded))  // already resumed: it only hopped
            } else {
                suspended = endSuspended(tracer, enqueuedBefore: enqueuedBefore)
            }
            sliceOpen.store(false, ordering: .releasing)
        } else {
            let enqueuedBefore = enqueued.load(ordering: .sequentiallyConsistent)
            job.runSynchronously(on: executorRecord.asUnownedTaskExecutor())
            if ThreadLocals.endReasonIfSet == nil {
                ended = origin == .swift && SwiftJob.hasFinished(job)
                if !ended && enqueued.load(ordering: .sequentiallyConsistent) == enqueuedBefore {
                    suspended = endSuspended(nil, enqueuedBefore: enqueuedBefore)
                }
            }
        }
        ThreadLocals.clearEndReason()
        ThreadLocals.setCurrentTask(nil)
        if ended {
            core.swiftTaskEnded(self)
        } else if suspended && heldTask != nil {
            core.watchForEndOnActor(self)  // it may be on an actor, and complete there
        }
        if deferredLock != nil { flushDeferredJobs() }
        let yieldJob = heldYieldJobAddress.load(ordering: .relaxed)
        if yieldJob != 0 {
            heldYieldJobAddress.store(0, ordering: .relaxed)
            core.enqueueUntrackedJob(unsafeBitCast(UnsafeRawPointer(bitPattern: yieldJob), to: UnownedJob.self),
                                     near: self)
        }
        if retainsJob { SwiftJob.release(job) }
        core.checkAfterSlice()
    }

    /// Runs an actor job of this helper's actor between `actorJobBegin` and `actorJobEnd`, with the actor noted on the
    /// thread so that each task leaving the actor meanwhile is recorded as an `actorSlice` (`RunCore.resume`).
    private func runActorJob(_ job: UnownedJob, _ tracer: TraceRecorder) {
        let actor = drainedActor.unsafelyUnwrapped.id
        let outer = ThreadLocals.actorJobRecord
        ThreadLocals.actorJobRecord = self
        tracer.record(ActorJobBeginEvent(actor: actor))
        job.runSynchronously(on: asUnownedTaskExecutor())
        tracer.record(ActorJobEndEvent(actor: actor))
        ThreadLocals.actorJobRecord = outer
    }

    /// Ends a slice in which the task suspended on something Weft cannot see: in a traced run records
    /// `block(suspended)` and `runEnd(blocked)`; then publishes the suspension so that whoever enqueues the task next
    /// ends it (and records its `unblock`); if that enqueue came in between, ends it here (one of the two sides sees
    /// the other). While it lasts, the task counts as suspended for the deadlock check, which runs after the slice.
    /// Returns true when the task stays suspended (no enqueue came in between).
    private func endSuspended(_ tracer: TraceRecorder?, enqueuedBefore: UInt64) -> Bool {
        tracer?.record(BlockEvent(reason: .suspended, object: .none))
        tracer?.record(RunEndEvent(task: id, reason: .blocked))
        core.suspensionBegan()
        suspendedOutside.store(true, ordering: .sequentiallyConsistent)
        if enqueued.load(ordering: .sequentiallyConsistent) != enqueuedBefore,
           suspendedOutside.exchange(false, ordering: .sequentiallyConsistent) {
            core.suspensionEnded()
            tracer?.record(UnblockEvent(task: id))
            return false
        }
        ThreadLocals.deadlockCheckPending = true
        return true
    }

    /// Hands the jobs held back during an `async let` child's slice to the scheduler, now that its end has been read.
    private func flushDeferredJobs() {
        let jobs = deferredLock.unsafelyUnwrapped.withLock {
            let held = deferredJobs
            deferredJobs.removeAll()
            return held
        }
        for (job, record) in jobs { core.resume(job, of: record) }
    }

    /// Holds back a job enqueued during this task's slice (`defersEnqueues`, or a structured child's wake-up of its
    /// suspended parent) until the slice's end has been read.
    func deferJob(_ job: UnownedJob, of record: TaskRecord) {
        deferredLock.unsafelyUnwrapped.withLock { deferredJobs.append((job, record)) }
    }
}
