import WeftTrace

/// Plain Swift tasks inside a run: every job the Swift runtime hands to a Weft task's executor is routed to the
/// record of the Swift task it belongs to, which Weft creates when the task's first job arrives.
///
/// Structured children (`withTaskGroup` and its throwing and discarding variants, `async let`) inherit their
/// parent's task executor preference, so all their jobs arrive at the executor of their nearest spawned ancestor.
extension RunCore {
    /// Hands a job of `record`'s task to the scheduler. During an `async let` child's slice the job is held until
    /// the slice has ended (`TaskRecord.defersEnqueues`); so is a task-group child's wake-up of its parent suspended
    /// outside Weft (the child's end completing `group.next()`), so that the trace records the parent's `unblock`
    /// after the child's `taskEnd`, as for an `async let`, and the analysis can tell the wait was a join on that child.
    @inline(__always)
    func resume(_ job: UnownedJob, of record: TaskRecord) {
        if let actorJob = ThreadLocals.actorJobRecord { noteLeavingActor(record, actorJob: actorJob) }
        if let current = ThreadLocals.currentTask, current.defersEnqueues
            || current.structuredChild && current.swiftParent === record && record.isSuspendedOutside {
            current.deferJob(job, of: record)
            return
        }
        record.noteEnqueued(tracer)
        scheduler.enqueue(job, of: record)
    }

    /// Routes a job that is not of the task whose executor it arrived at: the first job of a spawned task, a job
    /// of a plain Swift task (made a Weft task on first sight), or a job that belongs to no task.
    func routeSwiftJob(_ job: UnownedJob, arrivedAt: TaskRecord) {
        let swiftID = SwiftJob.taskID(job)
        if swiftID == 0 {
            runUntracked(job, arrivedAt: arrivedAt)
            return
        }
        if arrivedAt.origin == .spawned && arrivedAt.swiftTaskID == .max {
            // The first job of a spawned task arrives from `Task(executorPreference:)` on the spawner's thread,
            // before the task can run, so nothing reads `swiftTaskID` concurrently.
            arrivedAt.swiftTaskID = swiftID
            resume(job, of: arrivedAt)
            return
        }
        let parent = ThreadLocals.currentTask ?? arrivedAt
        let (record, isNew) = swiftTasks.record(for: swiftID) {
            makeSwiftRecord(job, swiftID: swiftID, parent: parent, preferred: arrivedAt.executorRecord)
        }
        if isNew && !admitSwiftTask(record, firstJob: job, parent: parent) {
            runUntracked(job, arrivedAt: parent)
            return
        }
        resume(job, of: record)
    }

    /// Takes a job the runtime handed to its global executor while `current` was running on this thread: a job of a
    /// Swift task the run knows, the first job of a `Task {}` or `Task.detached {}` made in this slice (or of a
    /// structured child of such a task), or a job of no task (an actor's drain job). Returns false for a job of a
    /// task from outside the run (such as the caller of `Weft.run`, resumed as the run ends), and for a new task
    /// made while the run is being torn down: those run on the global executor, untraced.
    func takeGlobalJob(_ job: UnownedJob, taskID swiftID: UInt64, enqueuedBy current: TaskRecord) -> Bool {
        if swiftID == 0 {
            runUntracked(job, arrivedAt: current)
            return true
        }
        if let known = swiftTasks.record(for: swiftID) {
            resume(job, of: known)
            return true
        }
        guard swiftID > swiftTaskIDFloor, !isTearingDown else { return false }
        let (record, isNew) = swiftTasks.record(for: swiftID) {
            makeSwiftRecord(job, swiftID: swiftID, parent: current, preferred: nil)
        }
        if isNew && !admitSwiftTask(record, firstJob: job, parent: current) {
            runUntracked(job, arrivedAt: current)
            return true
        }
        resume(job, of: record)
        return true
    }

    /// The record of a plain Swift task found when its first job arrived, named after its kind and its place among
    /// `parent`'s Swift children ("group child 3 of t1", "async let 1 of t2", "task 2 of t1"). Called under the Swift
    /// task table's lock.
    /// - Parameter preferred: the spawned ancestor whose executor the task's jobs run on; nil for a task with no
    ///   executor preference (a `Task {}` and its structured children), whose jobs run on its own record: the
    ///   runtime then sees the record as the current task executor, so that `Task.sleep` reaches it (the global
    ///   executor's delay hooks never see a sleep).
    private func makeSwiftRecord(_ job: UnownedJob, swiftID: UInt64, parent: TaskRecord,
                                 preferred: TaskRecord?) -> TaskRecord {
        let flags = SwiftJob.flags(job)
        parent.swiftChildren += 1
        let what = flags.isGroupChild ? "group child" : flags.isAsyncLet ? "async let" : "task"
        return TaskRecord(id: newTaskID(), name: "\(what) \(parent.swiftChildren) of \(parent.id)", core: self,
                          origin: .swift, preferred: preferred, swiftTaskID: swiftID,
                          retainsJob: flags.isGroupChild, defersEnqueues: flags.isAsyncLet,
                          structuredChild: flags.isGroupChild || flags.isAsyncLet)
    }

    /// Starts a plain Swift task's life in the run: its thread under thread-per-task, its place among the live
    /// tasks, its `taskCreate`, and for an unstructured task the hold on its object (`TaskRecord.heldTask`). Returns
    /// false (and fails the run) when its thread cannot be created.
    private func admitSwiftTask(_ record: TaskRecord, firstJob: UnownedJob, parent: TaskRecord) -> Bool {
        if let failure = scheduler.admit(record, core: self) {
            swiftTasks.remove(record.swiftTaskID)
            fail(RuntimeError(kind: .threadLimit, message:
                "thread limit: could not create the OS thread for Swift task \(record.id) \"\(record.name)\": "
                + "\(failure.explanation) (errno \(failure.errno)); \(registry.count) tasks alive; \(Limits.describe()). "
                + "Use the multiplexed scheduler, keep fewer tasks alive at once, or raise the limit (ulimit -u)."))
            return false
        }
        if !record.structuredChild {
            SwiftJob.retain(firstJob)  // a task's first job is the task object itself
            record.heldTask = firstJob
        }
        record.swiftParent = parent
        parent.liveSwiftChildren.wrappingAdd(1, ordering: .sequentiallyConsistent)
        taskStarted(record)
        if let tracer {
            tracer.record(TaskCreateEvent(task: record.id, parent: parent.id, name: tracer.intern(record.name),
                                          site: .empty))
        }
        return true
    }

    /// Runs a job that belongs to no task (an actor job, `Task.yield`'s continuation job) near the task that
    /// enqueued it: under thread-per-task on that task's thread. A continuation job enqueued by a running task is its
    /// `Task.yield`: its slice ends as yielded, and the job is enqueued once the slice has ended. An actor job runs
    /// under its actor's record (`ActorTable`).
    private func runUntracked(_ job: UnownedJob, arrivedAt: TaskRecord) {
        let current = ThreadLocals.currentTask
        let flags = SwiftJob.flags(job)
        if flags.isSeparateActorJob {
            enqueueUntrackedJob(job, near: current ?? arrivedAt,
                                helper: actors.helper(for: job, core: self))
            return
        }
        if let current, flags.kind == 0xC3, current.holdYieldJob(job) {
            // Held until the slice has ended, so that the yield always gives up the thread: run at once on another
            // thread, the job could resume the task before it suspended, and the task would go on in the same slice.
            if ThreadLocals.endReasonIfSet == nil { ThreadLocals.endReason = .yielded }
            return
        }
        enqueueUntrackedJob(job, near: current ?? arrivedAt)
    }

    /// A job of task `task` is being enqueued while this thread runs an actor job. When the runtime has no current
    /// task here, a stretch of the actor job has just ended: either `task` is hopping off the actor (the runtime clears
    /// the current task before it enqueues a task elsewhere), and the stretch was its code, recorded as
    /// `actorSlice(actor, task)`; or a task whose code ran on the actor has just completed there and wakes `task`,
    /// which awaited it. The two look alike, so a task with live Swift children (it may await one of them) gets an
    /// unnamed stretch, `actorSlice(actor, -)`, as does a task from outside the run (nil). An enqueue made by a task
    /// still running on the actor (a child it creates, a waiter it resumes) is not a boundary. The task's previous
    /// slice may still be recording its end on the thread that ran it: that end is recorded first, so the trace never
    /// shows the task's code on the actor before the slice it came from has ended.
    func noteLeavingActor(_ task: TaskRecord?, actorJob: TaskRecord) {
        guard let tracer = actorJob.core.tracer, let actor = actorJob.drainedActor,
              SwiftJob.currentTaskID() == 0 else { return }
        guard let task, task.liveSwiftChildren.load(ordering: .sequentiallyConsistent) == 0 else {
            tracer.record(ActorSliceEvent(actor: actor.id, task: .none))
            return
        }
        task.waitForSliceEnd()
        tracer.record(ActorSliceEvent(actor: actor.id, task: task.id))
    }

    /// A plain Swift task has finished: its last slice has ended, or (`outside`) it completed where Weft saw no slice
    /// of it end (on an actor), and its thread, if it has one of its own, must be told to stop.
    func swiftTaskEnded(_ record: TaskRecord, outside: Bool = false) {
        endStructuredChildren(of: record)
        swiftTasks.remove(record.swiftTaskID)
        if outside {
            scheduler.endedOutside(record)
        } else {
            record.bodyFinished = true
        }
        record.swiftParent?.liveSwiftChildren.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        record.swiftParent = nil
        if record.heldTask != nil { actorEnds.forget(record) }
        taskEnded(record, isMain: false)
    }

    /// `record` (an unstructured task holding its object) has ended a slice suspended outside Weft: it may be on an
    /// actor and complete there, so it is watched from now on (`ActorEndWatch`), and ended at once if it already has.
    func watchForEndOnActor(_ record: TaskRecord) {
        if actorEnds.watch(record) {
            endTasksCompletedOnActors([record])
        } else {
            timer.pollForEndsOutside()  // it may complete on the main actor, where no job of the run ends
        }
    }

    /// Ends tasks found completed inside a job of no task (an actor's job): each was claimed from its suspension
    /// outside Weft, so its `taskEnd` is recorded here, on this thread, after the job that ran it; under
    /// thread-per-task its thread stops.
    func endTasksCompletedOnActors(_ records: [TaskRecord]) {
        for record in records {
            suspensionEnded()
            tracer?.record(TaskEndEvent(task: record.id, outcome: .returned, message: .empty))
            swiftTaskEnded(record, outside: true)
        }
    }

    /// `parent` is ending: its task-group children and `async let`s have all completed, as Swift guarantees. One whose
    /// code completed while on an actor did so inside the actor's job, where Weft sees no end (the runtime neither
    /// enqueues it nor tells an executor): it is still suspended outside Weft, so it is ended now, with its `taskEnd`
    /// recorded on this thread. (Without this the run would wait for it forever.)
    func endStructuredChildren(of parent: TaskRecord) {
        guard parent.liveSwiftChildren.load(ordering: .sequentiallyConsistent) > 0 else { return }
        let left = swiftTasks.records { $0.swiftParent === parent && $0.structuredChild }
        for child in left where child.claimCompletionOutside() {
            suspensionEnded()
            tracer?.record(TaskEndEvent(task: child.id, outcome: .returned, message: .empty))
            swiftTaskEnded(child, outside: true)
        }
    }

    /// `Task.sleep` of the running task: the runtime hands its executor a small wake-up task to run after the delay.
    /// Weft records a sleep of the running task and lets its own timer run the wake-up job at the deadline (virtual
    /// time under `deterministic`), near the sleeper (under thread-per-task on its thread).
    func sleepSwiftJob(_ job: UnownedJob, nanoseconds: UInt64, arrivedAt: TaskRecord) {
        guard let sleeper = ThreadLocals.currentTask else {
            runUntracked(job, arrivedAt: arrivedAt)  // a sleep outside any Weft task's slice: not traced, not delayed
            return
        }
        tracer?.record(SleepEvent(duration: nanoseconds))
        let deadline = timer.now() &+ nanoseconds
        let token = WaitToken(task: sleeper, job: job)
        guard beginWait(token, WaitSite(.sleep, deadline: deadline)) else {
            runWakeUpJob(job, of: sleeper)  // the run is ending: the sleep returns at once
            return
        }
        timer.schedule(at: deadline, token, index: 0)
    }

    /// Runs the wake-up job of `sleeper`'s `Task.sleep` (untraced: it only resumes the sleeper).
    func runWakeUpJob(_ job: UnownedJob, of sleeper: TaskRecord) {
        enqueueUntrackedJob(job, near: sleeper)
    }
}
