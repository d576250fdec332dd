import Glibc
import Synchronization

/// The thread-per-task (1:1) scheduler: every task gets its own OS thread (a `TaskThread`) when it is spawned, runs
/// only on it, and the thread ends with the task. Ended threads are joined by the next spawn or at the end of the run.
final class ThreadPerTaskScheduler: Scheduler, @unchecked Sendable {
    private let lock = PThreadLock()
    /// The task threads that have ended and wait to be joined.
    private var exited: [pthread_t] = []
    /// Task threads started and not yet ended.
    private let alive = Atomic<Int>(0)

    /// Task threads start with their task: nothing to start up front.
    func start(core: RunCore) throws(ThreadStartFailure) {}

    /// Creates the task's thread (within `RunOptions.maxThreads`); it waits for the task's first job.
    func admit(_ task: TaskRecord, core: RunCore) -> ThreadStartFailure? {
        joinExitedThreads()
        guard core.threads.reserve(limit: core.maxThreads) else { return ThreadStartFailure(errno: EAGAIN) }
        let thread = TaskThread()
        task.schedulerState = thread
        alive.wrappingAdd(1, ordering: .relaxed)
        switch OSThread.start(stackSize: TaskThread.stackSize, { [self] in
            thread.run(task, core: core)
            threadEnded(pthread_self())
            core.threads.ended()
        }) {
        case .success: return nil
        case .failure(let failure):
            task.schedulerState = nil
            alive.wrappingSubtract(1, ordering: .relaxed)
            core.threads.cancelReservation()
            return failure
        }
    }

    @inline(__always)
    func enqueue(_ job: UnownedJob, of task: TaskRecord) {
        unsafeDowncast(task.schedulerState.unsafelyUnwrapped, to: TaskThread.self).enqueue(job, of: task)
    }

    /// Runs the job on the thread of the task that enqueued it, as that task's OS thread would in a 1:1 program.
    func enqueueUntracked(_ job: UnownedJob, near task: TaskRecord, helper: TaskRecord) {
        unsafeDowncast(task.schedulerState.unsafelyUnwrapped, to: TaskThread.self).enqueue(job, of: helper)
    }

    /// Stops the thread of a task that ended without a last slice of its own.
    func endedOutside(_ task: TaskRecord) {
        unsafeDowncast(task.schedulerState.unsafelyUnwrapped, to: TaskThread.self).stop()
    }

    /// Task threads stop by themselves when their task ends.
    func requestStop() {}

    /// Waits for the last task threads (they end just after their task does), so that they are joined and have
    /// handed their trace buffers over before the trace is finished.
    func join() {
        while alive.load(ordering: .acquiring) > 0 {
            joinExitedThreads()
            usleep(50)
        }
        joinExitedThreads()
    }

    private func threadEnded(_ thread: pthread_t) {
        lock.withLock { exited.append(thread) }
        alive.wrappingSubtract(1, ordering: .releasing)
    }

    private func joinExitedThreads() {
        let ended = lock.withLock {
            let list = exited
            exited.removeAll()
            return list
        }
        for thread in ended { OSThread.join(thread) }
    }
}
