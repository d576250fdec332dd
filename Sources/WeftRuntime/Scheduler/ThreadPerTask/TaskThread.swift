import Glibc
import WeftTrace

/// The thread-per-task scheduler's thread for one task: created at spawn and ended with the task, it runs the task's
/// jobs and sleeps in `pthread_cond_wait` whenever the task awaits.
final class TaskThread: @unchecked Sendable {
    private let lock = PThreadLock()
    private let condition = PThreadCondition()
    /// Jobs to run, each with the record to run it as: the thread's task, or the run's helper for a job that belongs
    /// to no task (see `Scheduler.enqueueUntracked`).
    private var jobs: [(UnownedJob, TaskRecord)] = []
    private var sleeping = false
    /// Set by `stop` when the task ended without a last slice on this thread.
    private var stopped = false

    /// Stack size of a task thread: enough for deep synchronous code, small enough for tens of thousands of threads.
    static let stackSize = 512 * 1024

    func enqueue(_ job: UnownedJob, of record: TaskRecord) {
        lock.lock()
        jobs.append((job, record))
        if sleeping { condition.signal() }
        lock.unlock()
    }

    /// Ends the thread once it has run the jobs it has: its task ended elsewhere (on an actor).
    func stop() {
        lock.lock()
        stopped = true
        if sleeping { condition.signal() }
        lock.unlock()
    }

    /// The thread's body: runs the task's jobs until its body has finished (or `stop`).
    func run(_ record: TaskRecord, core: RunCore) {
        core.tracer?.beginThread(role: .taskThread, index: record.id.rawValue)
        var batch: [(UnownedJob, TaskRecord)] = []
        while !record.bodyFinished {
            lock.lock()
            while jobs.isEmpty && !stopped {
                sleeping = true
                condition.wait(lock)
            }
            sleeping = false
            if jobs.isEmpty {
                lock.unlock()
                break
            }
            swap(&batch, &jobs)
            lock.unlock()
            for (job, owner) in batch { owner.runSlice(job) }
            batch.removeAll(keepingCapacity: true)
        }
        core.tracer?.endThread()
    }
}
