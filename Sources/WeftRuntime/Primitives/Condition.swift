import WeftTrace

/// A condition variable bound to a `Mutex`, as Go's `sync.Cond`.
public final class Condition: @unchecked Sendable {
    public let name: String
    public let id: ConditionID
    public let mutex: TaskMutex
    let core: RunCore
    private let lock = PThreadLock()
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, mutex: TaskMutex, name: String) {
        self.core = core
        self.mutex = mutex
        self.name = name
        id = ConditionID(core.newObjectID())
        core.tracer?.record(ConditionMakeEvent(condition: id, mutex: mutex.id, name: core.string(name)))
    }

    /// Releases the mutex (which the caller holds), waits for a signal, and locks the mutex again before returning.
    /// - Throws: `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public func wait() async throws {
        core.tracer?.record(ConditionWaitEvent(condition: id))
        do {
            _ = try await park(core, holding: lock) {
                // Release the mutex before counting this task as stuck: the unlock may wake another task.
                mutex.unlock()
                return .wait(WaitSite(.condition, object: id.rawValue, name: name))
            } enqueue: { token in
                waiters.enqueue(token)
            }
        } catch {
            _ = mutex.tryLock()  // give the caller back the mutex it expects to hold, if it is free
            throw error
        }
        try await mutex.lock()
    }

    /// Wakes one waiting task, if any.
    public func signal() {
        lock.lock()
        let woken = waiters.claimFirst()
        core.tracer?.record(ConditionSignalEvent(condition: id, woken: woken?.task?.id ?? .none))
        lock.unlock()
        if let woken { core.wake(woken) }
    }

    /// Wakes every waiting task.
    public func broadcast() {
        lock.lock()
        let woken = waiters.claimAll()
        core.tracer?.record(ConditionBroadcastEvent(condition: id, woken: UInt64(woken.count)))
        lock.unlock()
        for token in woken { core.wake(token) }
    }
}
