import WeftTrace

/// What a parked task waits on: recorded as the trace's `block` event and kept for deadlock reports.
struct WaitSite {
    var reason: BlockReason
    /// The raw id of the object waited on (the awaited task's for a join; 0 for a sleep or a select).
    var object: UInt64 = 0
    /// The object's name, for deadlock reports.
    var name: String = ""
    /// What knows the task that must act for this wait to end (a mutex, an awaited task), if anything.
    var target: (any WaitTarget)?
    /// When the timer resumes the wait (monotonic ns, on the run's timer clock) with `timeoutIndex`; nil: never.
    /// A wait with a deadline never counts towards a deadlock.
    var deadline: UInt64?
    var timeoutIndex = 0

    init(_ reason: BlockReason, object: UInt64 = 0, name: String = "", target: (any WaitTarget)? = nil,
         deadline: UInt64? = nil, timeoutIndex: Int = 0) {
        self.reason = reason
        self.object = object
        self.name = name
        self.target = target
        self.deadline = deadline
        self.timeoutIndex = timeoutIndex
    }
}

/// What a blocking operation decides, holding its primitive's lock, when its task is about to park.
enum ParkDecision {
    /// The operation can go on now: `park` returns this value at once, without waiting.
    case proceed(Int)
    /// The task must wait: `park` records the block and the caller queues the token.
    case wait(WaitSite)
}

/// The lock a primitive holds while it decides to park and queues its waiter.
protocol ParkLock {
    func lock()
    func unlock()
}

extension PThreadLock: ParkLock {}

/// For waits that need no primitive's lock (a sleep).
struct NoParkLock: ParkLock {
    @inline(__always) func lock() {}
    @inline(__always) func unlock() {}
}

/// The one way a Weft task blocks (Go's `gopark`). Every blocking operation (mutex, wait group, condition, join,
/// channel send and receive, select, sleep) goes through it, so the rules below hold everywhere:
///
/// 1. Under `lock`, `decide` looks at the primitive's state: if the operation can go on, `park` returns its value
///    without waiting.
/// 2. Otherwise, still under the lock, the wait is registered with the run (`RunCore.beginWait`): the trace's
///    `block` event is recorded here, before the waiter is visible to any waker, so a wake can never be recorded
///    before its block; and the task is counted as stuck before anyone can uncount it.
/// 3. `enqueue` publishes the token (in a `WaitQueue`); then the lock is released and the timer, if the wait has a
///    deadline, is armed.
/// 4. If the run is being torn down, nothing is published and the wait throws the run's cancellation at once; if the
///    task was cancelled (`TaskHandle.cancel()`), it throws `CancellationError` at once.
///
/// A waker claims the token (`WaitQueue.claimFirst`/`claimAll`, the timer, the teardown: exactly one wins), changes
/// state and records what it did under the primitive's lock, and calls `RunCore.wake` after unlocking, which
/// records `unblock` before resuming the task.
/// - Returns: `decide`'s value, or the claimed waiter's index (a select's case; the timeout's `timeoutIndex`).
/// - Throws: what the waker resumed the wait with (`RuntimeError` `.cancelled` at teardown, `ChannelError.closed`,
///   `CancellationError` when the task is cancelled).
@inline(__always)
func park<Lock: ParkLock>(_ core: RunCore, holding lock: Lock, decide: () -> ParkDecision,
                          enqueue: (WaitToken) -> Void) async throws -> Int {
    let task = ThreadLocals.currentTask
    defer {
        ThreadLocals.clearEndReason()
        if let token = ThreadLocals.currentTask?.currentWait, token.isClaimed { token.settle() }
    }
    return try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Int, any Error>) in
        lock.lock()
        let site: WaitSite
        switch decide() {
        case .proceed(let value):
            lock.unlock()
            continuation.resume(returning: value)
            return
        case .wait(let wait):
            site = wait
        }
        let token = WaitToken(task: task, countsAsStuck: site.deadline == nil, continuation: continuation)
        guard core.beginWait(token, site) else {
            lock.unlock()
            continuation.resume(throwing: core.refusedWaitError(for: task))
            return
        }
        enqueue(token)
        lock.unlock()
        if let deadline = site.deadline { core.timer.schedule(at: deadline, token, index: site.timeoutIndex) }
        core.afterWait(token)
    }
}
