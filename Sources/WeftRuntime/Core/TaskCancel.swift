import WeftTrace

extension TaskRecord {
    /// Cancels the task: records `taskCancel` (on the caller's thread), then resumes its current wait, if it waits,
    /// with `CancellationError`; every later wait of the task throws it at once. Cancelling again, or a task that has
    /// ended, does nothing.
    func cancel() {
        if outcome != nil { return }  // it has ended: nothing to cancel
        let shard = core.registry.shard(for: id)
        shard.lock.lock()
        if cancelled {
            shard.lock.unlock()
            return
        }
        cancelled = true
        let wait = currentWait
        shard.lock.unlock()
        core.tracer?.record(TaskCancelEvent(task: id))
        if let wait, wait.claim() { core.wake(wait, throwing: CancellationError()) }
    }

    /// Whether `cancel()` was called on this task.
    var isCancelled: Bool { core.registry.shard(for: id).lock.withLock { cancelled } }
}

extension TaskHandle {
    /// Asks the task to stop, as Go's context cancellation and Rust's `JoinHandle::abort` do: the wait it is blocked
    /// in now (a receive, a lock, a sleep, …), and every wait it starts later, throws `CancellationError`, so a task
    /// that lets the error propagate ends at its next wait. Code that never waits is not interrupted; it can check
    /// `Runtime.isCancelled`. The cancellation is recorded in the trace (`taskCancel`) and drawn on the task's lane.
    /// Cancelling a task that has ended, or again, does nothing.
    public func cancel() { record.cancel() }

    /// Whether `cancel()` was called on this task.
    public var isCancelled: Bool { record.isCancelled }
}

extension Runtime {
    /// Whether the calling task was cancelled (`TaskHandle.cancel()`); false outside any task.
    public var isCancelled: Bool { ThreadLocals.currentTask?.isCancelled ?? false }

    /// Throws `CancellationError` when the calling task was cancelled.
    public func checkCancellation() throws(CancellationError) {
        if isCancelled { throw CancellationError() }
    }
}
