/// Lets `Weft.run` wait until the scheduler's threads have started (and registered with the trace) before the main
/// task is spawned: a worker still starting up cannot be woken or steal, so work spawned meanwhile would queue
/// behind the main task on one worker while the trace shows the other idle.
final class StartGate: @unchecked Sendable {
    private let lock = PThreadLock()
    private let condition = PThreadCondition()
    private var expected = 0
    private var arrived = 0

    /// Counts a thread that has been created and will call `arrive`.
    func expect() { lock.withLock { expected += 1 } }

    /// Called by a started thread once it is ready to take work.
    func arrive() {
        lock.withLock {
            arrived += 1
            if arrived >= expected { condition.broadcast() }
        }
    }

    /// Blocks until every expected thread has arrived.
    func waitForAll() {
        lock.lock()
        while arrived < expected { condition.wait(lock) }
        lock.unlock()
    }
}
