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
        let woken = joinWaiters.claimAll()
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    /// Waits for the task's result.
    /// - Throws: what the task threw; `.cancelled` when the run shuts down; `.misuse` after the run has returned
    ///   (when the task never ended).
    func join() async throws -> any Sendable {
        if let result = outcome { return try result.get() }
        _ = try await park(core, holding: core.registry.joinLock(for: id)) {
            result != nil ? .proceed(0) : .wait(WaitSite(.join, object: id.rawValue, name: name, target: self))
        } enqueue: { token in
            joinWaiters.enqueue(token)
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
    ///   `RuntimeError` (`.cancelled`) when the run shuts down while waiting; `RuntimeError` (`.misuse`) when the
    ///   task was spawned after its run returned.
    public var value: T {
        get async throws { try await record.join() as! T }
    }

    /// The result if the task has ended.
    var outcome: Result<T, any Error>? {
        record.outcome.map { $0.map { $0 as! T } }
    }
}
