import WeftTrace

/// A task's result and the tasks waiting for it.
final class TaskBox<T: Sendable>: @unchecked Sendable, WaitTarget {
    let id: TaskID
    let name: String
    let core: RunCore
    private let lock = PThreadLock()
    private var result: Result<T, any Error>?
    private var waiters: [WaitToken] = []

    init(id: TaskID, name: String, core: RunCore) {
        self.id = id
        self.name = name
        self.core = core
    }

    var waitOwner: TaskID? { id }

    /// The result, if the task has ended.
    var outcome: Result<T, any Error>? { lock.withLock { result } }

    /// Stores the result and wakes the waiters.
    func complete(_ outcome: Result<T, any Error>) {
        let woken = lock.withLock {
            result = outcome
            let list = waiters
            waiters.removeAll()
            return list
        }
        for token in woken where token.claim() { core.wake(token, returning: 0) }
    }

    /// Waits for the task's result.
    func value() async throws -> T {
        if let result = outcome { return try result.get() }
        let task = ThreadLocals.currentTask
        _ = try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Int, any Error>) in
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
            waiters.append(token)
            lock.unlock()
            core.afterWait(token)
        }
        return try outcome!.get()
    }
}

/// A spawned task: its id and name, and its result once it ends.
public struct TaskHandle<T: Sendable>: Sendable {
    let box: TaskBox<T>

    public var id: TaskID { box.id }
    public var name: String { box.name }

    /// The task's return value, waiting for it to end.
    /// - Throws: whatever the task threw; `RuntimeError` (`.threadLimit`) if it could not be started;
    ///   `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public var value: T {
        get async throws { try await box.value() }
    }
}
