import WeftTrace

extension TaskRecord: WaitTarget {
    /// A task waiting to join this one waits for this task itself.
    var waitOwner: TaskID? { id }

    /// The task's result, if it has ended.
    var outcome: Result<any Sendable, any Error>? {
        let lock = core.registry.joinLock(for: id)
        lock.lock()
        defer { lock.unlock() }
        return result
    }

    /// Stores the task's result and wakes the tasks joining it.
    func complete(_ outcome: Result<any Sendable, any Error>) {
        let lock = core.registry.joinLock(for: id)
        lock.lock()
        result = outcome
        let woken = joinWaiters
        joinWaiters = []
        lock.unlock()
        for token in woken where token.claim() { core.wake(token, returning: 0) }
    }

    /// Waits for the task's result.
    func join() async throws -> any Sendable {
        if let result = outcome { return try result.get() }
        let task = ThreadLocals.currentTask
        let lock = core.registry.joinLock(for: id)
        _ = try await suspend { (continuation: UnsafeContinuation<Int, any Error>) in
            lock.lock()
            if result != nil {
                lock.unlock()
                continuation.resume(returning: 0)
                return
            }
            let token = WaitToken(task: task, countsAsStuck: true, continuation: continuation)
            guard core.beginWait(token, reason: .join, object: id.rawValue, name: name, target: self) else {
                lock.unlock()
                continuation.resume(throwing: core.cancelledError())
                return
            }
            joinWaiters.append(token)
            lock.unlock()
            core.afterWait(token)
        }
        return try outcome!.get()
    }
}

/// A spawned task: its id and name, and its result once it ends.
public struct TaskHandle<T: Sendable>: Sendable {
    let record: TaskRecord

    public var id: TaskID { record.id }
    public var name: String { record.name }

    /// The task's return value, waiting for it to end.
    /// - Throws: whatever the task threw; `RuntimeError` (`.threadLimit`) if it could not be started;
    ///   `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public var value: T {
        get async throws { try await record.join() as! T }
    }

    /// The result if the task has ended.
    var outcome: Result<T, any Error>? {
        record.outcome.map { $0.map { $0 as! T } }
    }
}
