import WeftTrace

/// The live tasks, in shards each guarded by its own lock so that spawns and ends on different workers rarely meet.
/// Each shard is an intrusive doubly linked list through the records (no allocation per task). A shard's lock also
/// guards the wait state (`currentWait`, `block…`) of its tasks; a second family of locks guards their results and
/// joiners (taken before a registry lock, never after).
final class TaskRegistry: @unchecked Sendable {
    final class Shard: @unchecked Sendable {
        let lock = PThreadLock()
        var head: TaskRecord?
        var count = 0
    }

    private static let shardMask: UInt64 = 15
    let shards: [Shard] = (0...shardMask).map { _ in Shard() }
    private let joinLocks: [PThreadLock] = (0...shardMask).map { _ in PThreadLock() }

    @inline(__always) func shard(for id: TaskID) -> Shard { shards[Int(id.rawValue & Self.shardMask)] }
    @inline(__always) func joinLock(for id: TaskID) -> PThreadLock { joinLocks[Int(id.rawValue & Self.shardMask)] }

    func insert(_ record: TaskRecord) {
        let shard = shard(for: record.id)
        shard.lock.lock()
        record.registryNext = shard.head
        shard.head?.registryPrevious = record
        shard.head = record
        shard.count += 1
        shard.lock.unlock()
    }

    func remove(_ record: TaskRecord) {
        let shard = shard(for: record.id)
        shard.lock.lock()
        let next = record.registryNext
        if let previous = record.registryPrevious {
            previous.registryNext = next
        } else {
            shard.head = next
        }
        next?.registryPrevious = record.registryPrevious
        record.registryNext = nil
        record.registryPrevious = nil
        shard.count -= 1
        shard.lock.unlock()
    }

    /// Every live task whose wait has not been claimed yet, with its wait, in task order.
    func waitingTasks() -> [(TaskRecord, WaitToken)] {
        var result: [(TaskRecord, WaitToken)] = []
        for shard in shards {
            shard.lock.withLock {
                var record = shard.head
                while let current = record {
                    if let wait = current.currentWait, !wait.isClaimed { result.append((current, wait)) }
                    record = current.registryNext
                }
            }
        }
        return result.sorted { $0.0.id < $1.0.id }
    }

    /// Every live task suspended outside Weft and not enqueued since, in task order.
    func suspendedTasks() -> [TaskRecord] {
        var result: [TaskRecord] = []
        for shard in shards {
            shard.lock.withLock {
                var record = shard.head
                while let current = record {
                    if current.isSuspendedOutside { result.append(current) }
                    record = current.registryNext
                }
            }
        }
        return result.sorted { $0.id < $1.id }
    }

    /// The number of live tasks.
    var count: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.count } } }
}
