import WeftTrace

/// The live tasks, in shards each guarded by its own lock so that spawns and ends on different workers rarely meet.
/// A shard's lock also guards the wait state (`currentWait`, `block…`) of the tasks in it.
final class TaskRegistry: @unchecked Sendable {
    final class Shard: @unchecked Sendable {
        let lock = PThreadLock()
        var tasks: [UInt64: TaskRecord] = [:]
    }

    private static let shardMask: UInt64 = 15
    let shards: [Shard] = (0...shardMask).map { _ in Shard() }

    @inline(__always) func shard(for id: TaskID) -> Shard { shards[Int(id.rawValue & Self.shardMask)] }

    func insert(_ record: TaskRecord) {
        let shard = shard(for: record.id)
        shard.lock.withLock { shard.tasks[record.id.rawValue] = record }
    }

    func remove(_ record: TaskRecord) {
        let shard = shard(for: record.id)
        shard.lock.withLock { _ = shard.tasks.removeValue(forKey: record.id.rawValue) }
    }

    /// Every live task whose wait has not been claimed yet, with its wait, in task order.
    func waitingTasks() -> [(TaskRecord, WaitToken)] {
        var result: [(TaskRecord, WaitToken)] = []
        for shard in shards {
            shard.lock.withLock {
                for record in shard.tasks.values {
                    if let wait = record.currentWait, !wait.isClaimed { result.append((record, wait)) }
                }
            }
        }
        return result.sorted { $0.0.id < $1.0.id }
    }

    /// The number of live tasks.
    var count: Int { shards.reduce(0) { total, shard in total + shard.lock.withLock { shard.tasks.count } } }
}
