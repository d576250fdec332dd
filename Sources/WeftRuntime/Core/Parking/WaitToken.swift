import Glibc
import Synchronization

/// One suspension of one task: whoever claims the token first (a primitive, the timer, or the run's teardown)
/// resumes it, exactly once.
final class WaitToken: @unchecked Sendable {
    /// The waiting task; nil when the waiter is code outside any Weft task.
    let task: TaskRecord?
    /// Whether this wait counts towards deadlock detection (false for sleeps and selects with a timeout).
    let countsAsStuck: Bool
    /// Set before the token is published (under the primitive's lock); read only by the claimer. Nil for the
    /// `Task.sleep` of a plain Swift task, which is resumed by handing its `job` back to the scheduler.
    let continuation: UnsafeContinuation<Int, any Error>?
    /// The wake-up job of a `Task.sleep` (see `RunCore.sleepSwiftJob`).
    let job: UnownedJob?
    private let claimed = Atomic<Bool>(false)
    /// Set by the claimer once `resume` has returned (see `settle`).
    private let resumed = Atomic<Bool>(false)

    init(task: TaskRecord?, countsAsStuck: Bool, continuation: UnsafeContinuation<Int, any Error>) {
        self.task = task
        self.countsAsStuck = countsAsStuck && task != nil
        self.continuation = continuation
        job = nil
    }

    /// A token that stands for no task and resumes no one: a wait never published, for `WaitPathWarmUp`.
    init(resumingNoOne: ()) {
        task = nil
        countsAsStuck = false
        continuation = nil
        job = nil
    }

    /// A `Task.sleep` of `task`: resuming it runs `job`, the runtime's wake-up job that resumes the sleeper.
    init(task: TaskRecord, job: UnownedJob) {
        self.task = task
        countsAsStuck = false
        continuation = nil
        self.job = job
    }

    /// Resumes the wait: the continuation, or the sleeping job back on the scheduler.
    @inline(__always)
    func resume(returning index: Int) {
        if let continuation {
            continuation.resume(returning: index)
        } else if let job, let task {
            task.core.runWakeUpJob(job, of: task)
        }
    }

    /// Resumes the wait with an error; a `Task.sleep` is woken early instead.
    func resume(throwing error: any Error) {
        if let continuation {
            continuation.resume(throwing: error)
        } else if let job, let task {
            task.core.runWakeUpJob(job, of: task)
        }
    }

    /// Takes the right to resume this wait; true for exactly one caller.
    @inline(__always)
    func claim() -> Bool {
        claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged
    }

    /// Whether someone has claimed this wait.
    var isClaimed: Bool { claimed.load(ordering: .acquiring) }

    /// Called by the claimer after `continuation.resume` returned.
    @inline(__always) func markResumed() { resumed.store(true, ordering: .releasing) }

    /// Called by the waiting task once it runs again: waits (a few nanoseconds at most) until the claimer is out of
    /// `resume`. The Swift runtime already orders the two, with atomics ThreadSanitizer cannot see when the task was
    /// resumed before it finished suspending; this makes the order visible, so TSan runs stay clean.
    @inline(__always) func settle() {
        while !resumed.load(ordering: .acquiring) { sched_yield() }
    }
}
