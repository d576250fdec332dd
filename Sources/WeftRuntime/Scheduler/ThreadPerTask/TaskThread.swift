import Glibc
import WeftTrace

/// The thread-per-task scheduler's executor for one task: one OS thread, created at spawn and ended with the task,
/// that runs the task's jobs and sleeps in `pthread_cond_wait` whenever the task awaits.
final class TaskThread: @unchecked Sendable {
    private let lock = PThreadLock()
    private let condition = PThreadCondition()
    private var jobs: [UnownedJob] = []
    private var sleeping = false

    /// Stack size of a task thread: enough for deep synchronous code, small enough for tens of thousands of threads.
    static let stackSize = 512 * 1024

    /// Creates the thread for `record`; it waits for the task's first job.
    static func start(for record: TaskRecord, core: RunCore) -> ThreadStartFailure? {
        guard core.threads.reserve(limit: core.maxThreads) else { return ThreadStartFailure(errno: EAGAIN) }
        let taskThread = TaskThread()
        record.thread = taskThread
        switch OSThread.start(stackSize: stackSize, { taskThread.run(record, core: core) }) {
        case .success: return nil
        case .failure(let failure):
            record.thread = nil
            core.threads.cancelReservation()
            return failure
        }
    }

    func enqueue(_ job: UnownedJob) {
        lock.lock()
        jobs.append(job)
        if sleeping { condition.signal() }
        lock.unlock()
    }

    private func run(_ record: TaskRecord, core: RunCore) {
        core.tracer?.beginThread(role: .taskThread, index: record.id.rawValue)
        var batch: [UnownedJob] = []
        while !record.bodyFinished {
            lock.lock()
            while jobs.isEmpty {
                sleeping = true
                condition.wait(lock)
            }
            sleeping = false
            swap(&batch, &jobs)
            lock.unlock()
            for job in batch { record.runSlice(job) }
            batch.removeAll(keepingCapacity: true)
        }
        core.tracer?.endThread()
        core.threadExited(pthread_self())
        core.threads.ended()
    }
}
