import Synchronization
import WeftTrace

/// A mutual-exclusion lock for tasks (`rt.mutex(name)`; named so that it does not clash with `Synchronization.Mutex`).
/// Locking an uncontended mutex is one atomic operation and never suspends; a contended lock spins briefly, then
/// parks the task (not its thread) until an unlock wakes it to try again.
public final class TaskMutex: @unchecked Sendable, WaitTarget {
    public let name: String
    public let id: MutexID
    let core: RunCore

    /// 0 unlocked, 1 locked, 2 locked and maybe waited on (the classic three-state futex mutex).
    private let state = Atomic<Int>(0)
    /// The raw id of the holding task (0: none or outside any task), for deadlock reports.
    private let holder = Atomic<UInt64>(0)
    private let lock = PThreadLock()
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, name: String) {
        self.core = core
        self.name = name
        id = MutexID(core.newObjectID())
        core.tracer?.record(MutexMakeEvent(mutex: id, name: core.string(name)))
    }

    var waitOwner: TaskID? {
        let raw = holder.load(ordering: .relaxed)
        return raw == 0 ? nil : TaskID(raw)
    }

    /// Locks the mutex, waiting for it if another task holds it.
    ///
    /// Inlined into the caller, so that an uncontended lock is a plain call and one compare-exchange: calling an
    /// async function costs an executor check (`swift_task_switch`) and a frame from the task allocator, several
    /// times the lock itself; only a contended lock makes that call.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when
    ///   the run shuts down while waiting.
    @inlinable
    public func lock() async throws {
        if lockIfFree() { return }
        try await lockContended()
    }

    /// Records the request and takes the mutex if it is free (the uncontended path of `lock`).
    @usableFromInline
    func lockIfFree() -> Bool {
        core.tracer?.record(LockRequestEvent(mutex: id))
        guard state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else { return false }
        acquired()
        return true
    }

    private static let spins = 64

    /// Spins briefly, then parks until the mutex is ours (the request is recorded already).
    @usableFromInline
    func lockContended() async throws {
        for _ in 0..<Self.spins {
            if state.load(ordering: .relaxed) == 0,
               state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged {
                acquired()
                return
            }
        }
        while true {
            let result = try await park(core, holding: lock) {
                // Mark the mutex as waited on; if it was free meanwhile, it is now ours.
                if state.exchange(2, ordering: .acquiring) == 0 { return .proceed(1) }
                return .wait(WaitSite(.mutex, object: id.rawValue, name: name, target: self))
            } enqueue: { token in
                waiters.enqueue(token)
            }
            if result == 1 {
                acquired()
                return
            }
        }
    }

    @inline(__always)
    private func acquired() {
        holder.store(ThreadLocals.currentTask?.id.rawValue ?? 0, ordering: .relaxed)
        core.tracer?.record(LockAcquireEvent(mutex: id))
    }

    /// Unlocks the mutex and wakes one waiter, which then competes for it again.
    /// - Warning: unlocking a mutex that is not locked stops the program, as in Go (except while the run is being
    ///   torn down, when cancelled waits may leave a mutex unlocked).
    public func unlock() {
        if state.load(ordering: .relaxed) == 0 {
            precondition(core.isTearingDown, "unlock of unlocked mutex \(id) \"\(name)\"")
            return
        }
        holder.store(0, ordering: .relaxed)
        core.tracer?.record(LockReleaseEvent(mutex: id))
        if state.exchange(0, ordering: .releasing) == 2 { wakeOne() }
    }

    /// Locks the mutex if it is free; never waits.
    public func tryLock() -> Bool {
        guard state.compareExchange(expected: 0, desired: 1, ordering: .acquiring).exchanged else { return false }
        acquired()
        return true
    }

    private func wakeOne() {
        lock.lock()
        let woken = waiters.claimFirst()
        lock.unlock()
        if let woken { core.wake(woken) }
    }

    /// Runs `body` holding the mutex, unlocking it however `body` ends.
    public func withLock<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await lock()
        defer { unlock() }
        return try await body()
    }
}
