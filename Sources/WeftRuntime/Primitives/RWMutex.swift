import Synchronization
import WeftTrace

/// A readers-writer lock for tasks, as Go's `sync.RWMutex` and Rust's `RwLock`: any number of readers, or one writer.
///
/// Writers are preferred: once a writer waits, new readers wait behind it, so a stream of readers cannot starve it;
/// when the writer unlocks, every reader waiting then is let in together. The lock is handed over: the unlocking task
/// grants it to the waiters it wakes, so no one can barge in between. Traced with the mutex events for the writer
/// (`lockRequest`, `lockAcquire`, `lockRelease`: the writer's holds are drawn in the lock lane like a mutex's) and the
/// read events (`readRequest`, `readAcquire`, `readRelease`) for readers, drawn in the same lane.
public final class RWMutex: @unchecked Sendable, WaitTarget {
    public let name: String
    public let id: MutexID
    let core: RunCore

    private let lock = PThreadLock()
    // Guarded by `lock`:
    private var readers = 0
    private var writing = false
    private var waitingReaders = WaitQueue<WaitToken>()
    private var waitingWriters = WaitQueue<WaitToken>()
    /// The raw id of the writing task (0: none), for deadlock reports.
    private let writer = Atomic<UInt64>(0)

    init(core: RunCore, name: String) {
        self.core = core
        self.name = name
        id = MutexID(core.newObjectID())
        core.tracer?.record(RWMutexMakeEvent(mutex: id, name: core.string(name)))
    }

    var waitOwner: TaskID? {
        let raw = writer.load(ordering: .relaxed)
        return raw == 0 ? nil : TaskID(raw)
    }

    // MARK: Writing

    /// Locks for writing, waiting until no reader and no other writer holds the lock.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when
    ///   the run shuts down.
    public func lock() async throws {
        core.tracer?.record(LockRequestEvent(mutex: id))
        do {
            _ = try await park(core, holding: lock) {
                if !writing && readers == 0 && !waitingWriters.hasWaiting() {
                    writing = true
                    return .proceed(0)
                }
                return .wait(WaitSite(.mutex, object: id.rawValue, name: name, target: self))
            } enqueue: { token in
                waitingWriters.enqueue(token)
            }
        } catch {
            admitAfterLeaving()  // readers queued behind this writer may go in now
            throw error
        }
        // Granted (at once, or by the task that woke this one): the lock is ours.
        writer.store(ThreadLocals.currentTask?.id.rawValue ?? 0, ordering: .relaxed)
        core.tracer?.record(LockAcquireEvent(mutex: id))
    }

    /// Locks for writing if no one holds the lock and no writer waits; never waits.
    public func tryLock() -> Bool {
        core.tracer?.record(LockRequestEvent(mutex: id))
        let taken = lock.withLock {
            guard !writing && readers == 0 && !waitingWriters.hasWaiting() else { return false }
            writing = true
            return true
        }
        guard taken else { return false }
        writer.store(ThreadLocals.currentTask?.id.rawValue ?? 0, ordering: .relaxed)
        core.tracer?.record(LockAcquireEvent(mutex: id))
        return true
    }

    /// Unlocks after writing and hands the lock to every waiting reader, or else to the first waiting writer.
    /// - Warning: unlocking a lock not held for writing stops the program, as in Go (except during the teardown).
    public func unlock() {
        lock.lock()
        guard writing else {
            lock.unlock()
            precondition(core.isTearingDown, "unlock of read-write mutex \(id) \"\(name)\" not locked for writing")
            return
        }
        writing = false
        writer.store(0, ordering: .relaxed)
        core.tracer?.record(LockReleaseEvent(mutex: id))
        let woken = grantLocked(readersFirst: true)
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    // MARK: Reading

    /// Locks for reading, waiting while a writer holds the lock or waits for it.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when
    ///   the run shuts down.
    public func readLock() async throws {
        core.tracer?.record(ReadRequestEvent(mutex: id))
        let immediate = try await park(core, holding: lock) {
            if !writing && !waitingWriters.hasWaiting() {
                readers += 1
                core.tracer?.record(ReadAcquireEvent(mutex: id, readers: UInt64(readers)))
                return .proceed(1)
            }
            return .wait(WaitSite(.readLock, object: id.rawValue, name: name, target: self))
        } enqueue: { token in
            waitingReaders.enqueue(token)
        }
        if immediate == 0 {  // granted by the task that woke this one, which counted this reader in
            lock.withLock { core.tracer?.record(ReadAcquireEvent(mutex: id, readers: UInt64(readers))) }
        }
    }

    /// Locks for reading if no writer holds or waits for the lock; never waits.
    public func tryReadLock() -> Bool {
        core.tracer?.record(ReadRequestEvent(mutex: id))
        return lock.withLock {
            guard !writing && !waitingWriters.hasWaiting() else { return false }
            readers += 1
            core.tracer?.record(ReadAcquireEvent(mutex: id, readers: UInt64(readers)))
            return true
        }
    }

    /// Unlocks after reading; the last reader out hands the lock to the first waiting writer.
    /// - Warning: unlocking a lock not held for reading stops the program, as in Go (except during the teardown).
    public func readUnlock() {
        lock.lock()
        guard readers > 0 else {
            lock.unlock()
            precondition(core.isTearingDown, "readUnlock of read-write mutex \(id) \"\(name)\" not locked for reading")
            return
        }
        readers -= 1
        core.tracer?.record(ReadReleaseEvent(mutex: id, readers: UInt64(readers)))
        let woken = grantLocked()
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    /// Runs `body` holding the lock for writing.
    public func withLock<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await lock()
        defer { unlock() }
        return try await body()
    }

    /// Runs `body` holding the lock for reading.
    public func withReadLock<R: Sendable>(_ body: () async throws -> R) async throws -> R {
        try await readLock()
        defer { readUnlock() }
        return try await body()
    }

    // MARK: Handing over

    /// The state change when the lock may have become free. After a writer (`readersFirst`), every waiting reader
    /// goes in together, so that writers cannot starve readers; otherwise, when no one holds it, the first waiting
    /// writer; and with no writer waiting, every waiting reader. Returns the waiters to wake after unlocking.
    private func grantLocked(readersFirst: Bool = false) -> [WaitToken] {
        guard !writing else { return [] }
        if !(readersFirst && waitingReaders.hasWaiting()), readers == 0, let next = waitingWriters.claimFirst() {
            writing = true
            return [next]
        }
        guard readersFirst || !waitingWriters.hasWaiting() else { return [] }
        let admitted = waitingReaders.claimAll()
        readers += admitted.count
        return admitted
    }

    /// After a writer's wait was cancelled: lets in whoever waited behind it.
    private func admitAfterLeaving() {
        lock.lock()
        let woken = grantLocked()
        lock.unlock()
        for token in woken { core.wake(token) }
    }
}
