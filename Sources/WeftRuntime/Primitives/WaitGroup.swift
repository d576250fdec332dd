import WeftTrace

/// Go's `sync.WaitGroup`: a counter that tasks add to and mark done, and that others wait on until it reaches zero.
public final class WaitGroup: @unchecked Sendable {
    public let name: String
    public let id: WaitGroupID
    let core: RunCore
    private let lock = PThreadLock()
    private var count = 0
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, name: String) {
        self.core = core
        self.name = name
        id = WaitGroupID(core.newObjectID())
        core.tracer?.record(WaitGroupMakeEvent(group: id, name: core.string(name)))
    }

    /// Adds `n` (may be negative) to the counter; at zero every waiter is released.
    /// - Warning: a negative counter stops the program, as in Go.
    public func add(_ n: Int = 1) {
        lock.lock()
        let woken = changeLocked(by: n)
        core.tracer?.record(WaitGroupAddEvent(group: id, delta: Int64(n), count: UInt64(count)))
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    /// Marks one unit of work done.
    public func done() {
        lock.lock()
        let woken = changeLocked(by: -1)
        core.tracer?.record(WaitGroupDoneEvent(group: id, count: UInt64(count)))
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    /// The state change: returns the waiters to wake (after unlocking) when the counter reaches zero.
    private func changeLocked(by n: Int) -> [WaitToken] {
        count += n
        if count < 0 {
            let now = count
            lock.unlock()
            preconditionFailure("negative counter (\(now)) in wait group \(id) \"\(name)\": done() called more often than add()")
        }
        return count == 0 && !waiters.isEmpty ? waiters.claimAll() : []
    }

    /// Waits until the counter is zero (returns at once if it is).
    /// - Throws: `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public func wait() async throws {
        core.tracer?.record(WaitGroupWaitEvent(group: id))
        if lock.withLock({ count == 0 }) { return }
        _ = try await park(core, holding: lock) {
            count == 0 ? .proceed(0) : .wait(WaitSite(.waitGroup, object: id.rawValue, name: name))
        } enqueue: { token in
            waiters.enqueue(token)
        }
    }
}
