import Synchronization

/// A job of a task, as the multiplexed workers queue it.
struct PoolItem {
    var job: UnownedJob
    var record: Unmanaged<TaskRecord>
}

/// A FIFO ring of jobs guarded by a pthread lock, with its size readable without the lock (for idle checks).
final class JobQueue: @unchecked Sendable {
    private let lock = PThreadLock()
    private var storage: UnsafeMutablePointer<PoolItem>
    private var capacity = 256
    private var head = 0
    private var count = 0
    /// The number of queued jobs, stored with sequential consistency after every change (see `WorkerPool.park`).
    let size = Atomic<Int>(0)
    /// How many jobs the owner has taken with `pop`: a thief that sees it unchanged over a nap knows the owner is busy.
    let ownerTakes = Atomic<UInt64>(0)

    init() { storage = .allocate(capacity: capacity) }
    deinit { storage.deallocate() }

    func push(_ item: PoolItem) {
        lock.lock()
        if count == capacity { grow() }
        (storage + ((head + count) & (capacity - 1))).initialize(to: item)
        count += 1
        size.store(count, ordering: .sequentiallyConsistent)
        lock.unlock()
    }

    func pop() -> PoolItem? {
        if size.load(ordering: .relaxed) == 0 { return nil }
        lock.lock()
        defer { lock.unlock() }
        let item = takeLocked()
        if item != nil { ownerTakes.wrappingAdd(1, ordering: .relaxed) }
        return item
    }

    /// Moves about half of this queue's jobs into `thief` and returns one more to run at once.
    func steal(into thief: JobQueue) -> PoolItem? {
        if size.load(ordering: .relaxed) == 0 { return nil }
        lock.lock()
        let first = takeLocked()
        var taken: [PoolItem] = []
        let half = count / 2
        if half > 0 {
            taken.reserveCapacity(half)
            for _ in 0..<half { taken.append(takeLocked()!) }
        }
        lock.unlock()
        if !taken.isEmpty { thief.pushAll(taken) }
        return first
    }

    private func pushAll(_ items: [PoolItem]) {
        lock.lock()
        for item in items {
            if count == capacity { grow() }
            (storage + ((head + count) & (capacity - 1))).initialize(to: item)
            count += 1
        }
        size.store(count, ordering: .sequentiallyConsistent)
        lock.unlock()
    }

    private func takeLocked() -> PoolItem? {
        guard count > 0 else { return nil }
        let item = (storage + head).move()
        head = (head + 1) & (capacity - 1)
        count -= 1
        size.store(count, ordering: .relaxed)
        return item
    }

    private func grow() {
        let bigger = UnsafeMutablePointer<PoolItem>.allocate(capacity: capacity * 2)
        for i in 0..<count { (bigger + i).initialize(to: (storage + ((head + i) & (capacity - 1))).move()) }
        storage.deallocate()
        storage = bigger
        capacity *= 2
        head = 0
    }
}
