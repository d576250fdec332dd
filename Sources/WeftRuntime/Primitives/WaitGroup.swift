import WeftTrace

/// Go's `sync.WaitGroup`: a counter that tasks add to and mark done, and that others wait on until it reaches zero.
public final class WaitGroup: @unchecked Sendable {
    public let name: String
    public let id: WaitGroupID
    let core: RunCore
    private let lock = PThreadLock()
    private var count = 0
    private var waiters: [WaitToken] = []

    init(core: RunCore, name: String) {
        self.core = core
        self.name = name
        id = WaitGroupID(core.newObjectID())
        core.tracer?.record(.waitGroupMake, id.rawValue, core.string(name))
    }

    /// Adds `n` (may be negative) to the counter; at zero every waiter is released.
    /// - Warning: a negative counter stops the program, as in Go.
    public func add(_ n: Int = 1) {
        let now = change(by: n)
        core.tracer?.record(.waitGroupAdd, id.rawValue, Event.zigzag(Int64(n)), UInt64(now.count))
        release(now.woken)
    }

    /// Marks one unit of work done.
    public func done() {
        let now = change(by: -1)
        core.tracer?.record(.waitGroupDone, id.rawValue, UInt64(now.count))
        release(now.woken)
    }

    private func change(by n: Int) -> (count: Int, woken: [WaitToken]) {
        lock.lock()
        count += n
        let now = count
        precondition(now >= 0, "negative counter in wait group \(id) \"\(name)\": done() called more often than add()")
        var woken: [WaitToken] = []
        if now == 0 {
            woken = waiters
            waiters.removeAll()
        }
        lock.unlock()
        return (now, woken)
    }

    private func release(_ woken: [WaitToken]) {
        for token in woken where token.claim() { core.wake(token, returning: 0) }
    }

    /// Waits until the counter is zero (returns at once if it is).
    /// - Throws: `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public func wait() async throws {
        core.tracer?.record(.waitGroupWait, id.rawValue)
        if lock.withLock({ count == 0 }) { return }
        let task = ThreadLocals.currentTask
        _ = try await suspend { (continuation: UnsafeContinuation<Int, any Error>) in
            lock.lock()
            if count == 0 {
                lock.unlock()
                continuation.resume(returning: 0)
                return
            }
            let token = WaitToken(task: task, countsAsStuck: true, continuation: continuation)
            guard core.beginWait(token, reason: .waitGroup, object: id.rawValue, name: name) else {
                lock.unlock()
                continuation.resume(throwing: core.cancelledError())
                return
            }
            waiters.append(token)
            lock.unlock()
            core.afterWait(token)
        }
    }
}
