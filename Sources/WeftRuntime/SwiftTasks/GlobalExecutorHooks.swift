import CWeftSupport

/// Routes jobs of the runtime's global executor to the runs that own them: `Task {}` and `Task.detached {}` made
/// inside a run (they do not inherit the creator's executor preference, so every job of theirs goes to the global
/// executor) and the structured children of such tasks.
///
/// The runtime's global-executor hooks are installed while at least one run is going on and removed after the last
/// one. A job is taken when it is enqueued during a slice of a Weft task (a new unstructured task is made a task of
/// that run) or belongs to a Swift task a run already knows; every other job passes through to the global executor.
enum GlobalExecutorHooks {
    private static let lock = PThreadLock()
    nonisolated(unsafe) private static var runs: [RunCore] = []

    /// Counts `core` among the runs going on, installing the hooks for the first one.
    static func runBegan(_ core: RunCore) {
        lock.withLock {
            runs.append(core)
            if runs.count == 1 { cweft_install_global_hooks(takeJob, takeDelayedJob) }
        }
    }

    /// Forgets `core` once all its tasks have ended, removing the hooks after the last run.
    static func runEnded(_ core: RunCore) {
        lock.withLock {
            runs.removeAll { $0 === core }
            if runs.isEmpty { cweft_remove_global_hooks() }
        }
    }

    /// The run and record of Swift task `id`, if a run going on knows it.
    private static func owner(of id: UInt64) -> TaskRecord? {
        lock.withLock {
            for core in runs {
                if let record = core.swiftTasks.record(for: id) { return record }
            }
            return nil
        }
    }

    /// `swift_task_enqueueGlobal`: the job goes to the run of the Weft task running on this thread, or of the Swift
    /// task it belongs to; 0 lets the runtime's global executor have it.
    private static let takeJob: cweft_global_job_handler = { raw in
        guard let raw else { return 0 }
        let job = unsafeBitCast(raw, to: UnownedJob.self)
        let id = SwiftJob.taskID(job)
        if let current = ThreadLocals.currentTask {
            return current.core.takeGlobalJob(job, taskID: id, enqueuedBy: current) ? 1 : 0
        }
        if let actorJob = ThreadLocals.actorJobRecord {
            // Code running on an actor in a traced run: the task running there, when the run knows it, is the one
            // making this job (a `Task {}`, a waiter it resumes).
            let running = SwiftJob.currentTaskID()
            if running != 0, let runner = actorJob.core.swiftTasks.record(for: running) {
                return actorJob.core.takeGlobalJob(job, taskID: id, enqueuedBy: runner) ? 1 : 0
            }
            if running == 0, id != 0, owner(of: id) == nil {
                actorJob.core.noteLeavingActor(nil, actorJob: actorJob)  // a task from outside the run leaves the actor
                return 0
            }
        }
        guard id != 0, let record = owner(of: id) else { return 0 }
        record.core.resume(job, of: record)
        return 1
    }

    /// `swift_task_enqueueGlobalWithDelay` and `…WithDeadline` (`Task.sleep` of a task with no executor preference):
    /// a sleep of the Weft task running on this thread.
    private static let takeDelayedJob: cweft_global_delayed_job_handler = { raw, nanoseconds in
        guard let raw, let current = ThreadLocals.currentTask else { return 0 }
        current.core.sleepSwiftJob(unsafeBitCast(raw, to: UnownedJob.self), nanoseconds: nanoseconds,
                                   arrivedAt: current)
        return 1
    }
}
