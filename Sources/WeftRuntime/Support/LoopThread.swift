import Glibc

/// One OS thread of a run that loops until told to stop (the timer thread, the deterministic scheduler's thread):
/// the lock and condition its loop waits on, its stop flag, and starting, stopping and joining it, written once.
///
/// - Warning: read `stopping` and wait on `condition` holding `lock`.
final class LoopThread: @unchecked Sendable {
    let lock = PThreadLock()
    let condition = PThreadCondition()
    /// Set by `requestStop`; under `lock`.
    private(set) var stopping = false
    private var thread: pthread_t?

    /// Starts the thread running `body`, counted among the run's threads; `body` must call `core.startGate.arrive()`
    /// once ready.
    /// - Throws: the failure when the thread limit is reached or the system refuses the thread.
    func start(core: RunCore, _ body: @escaping () -> Void) throws(ThreadStartFailure) {
        guard core.threads.reserve(limit: core.maxThreads) else { throw ThreadStartFailure(errno: EAGAIN) }
        switch OSThread.start(body) {
        case .success(let handle):
            thread = handle
            core.startGate.expect()
        case .failure(let failure):
            core.threads.cancelReservation()
            throw failure
        }
    }

    /// Tells the loop to stop, waking it; `join` waits for it.
    func requestStop() {
        lock.withLock {
            stopping = true
            condition.signal()
        }
    }

    /// Waits for the thread to end (after `requestStop`).
    func join() {
        if let thread { OSThread.join(thread) }
        thread = nil
    }
}
