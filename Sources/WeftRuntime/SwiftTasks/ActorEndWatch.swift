import Synchronization

/// Finds the unstructured plain Swift tasks (`Task {}`, `Task.detached {}`) that completed inside a job of no task (an
/// actor's job), where Weft runs no slice of theirs and so never reads their end after a slice.
///
/// A task whose last statement is an actor call completes inside the actor's job: the runtime runs the task's code
/// there and never hands the task back to an executor. Its end is read from its future status
/// (`TaskCompletionLayout`), or where that layout is not recognised from its job's voucher slot (the dead voucher
/// marker, `SwiftJob.hasFinished`), which holds the same marker while the task's code runs. So it is read only when
/// no job of no task is running anywhere in the run: a task suspended outside Weft and not enqueued since can run
/// only inside such a job (or on an executor Weft does not see, which only the future status tells apart). Every job of no task is counted while it runs (`helperJobBegan`/`helperJobEnded`);
/// the last one to end reads the watched tasks, and a task that suspends outside Weft after that is read at once
/// (`watch`), so one of the two always sees a completion. The reading is valid only if no job of no task began while
/// it went on (the count's high half counts the jobs begun), else the job that began reads again when it ends.
///
/// Each watched task's object is retained from its first job until its end is recorded (`TaskRecord.heldTask`): a
/// `Task {}` whose handle was dropped is otherwise freed as it completes. The object is released under the watch's
/// lock, which every reading holds, so that a task ending in a slice of its own is never read after it was freed.
final class ActorEndWatch: @unchecked Sendable {
    private let lock = PThreadLock()
    /// Unstructured tasks that suspended outside Weft and may have completed on an actor since; guarded by `lock`.
    private var watched: [ObjectIdentifier: TaskRecord] = [:]
    /// Watched tasks the polls saw completed, with when they first did (`pollCompleted`); guarded by `lock`.
    private var completedSince: [ObjectIdentifier: UInt64] = [:]
    /// How many tasks `watched` holds, read without the lock to skip an empty reading.
    private let watchedCount = Atomic<Int>(0)
    /// Jobs of no task running now (low 32 bits) and begun so far (high 32 bits).
    private let helperJobs = Atomic<UInt64>(0)
    private static let runningMask: UInt64 = 0xFFFF_FFFF
    private static let begunUnit: UInt64 = 1 << 32

    /// A job of no task is about to run (its code may run tasks' code).
    @inline(__always)
    func helperJobBegan() {
        helperJobs.wrappingAdd(Self.begunUnit &+ 1, ordering: .sequentiallyConsistent)
    }

    /// A job of no task has run. Returns the tasks it (or another job that ran meanwhile) completed, each claimed
    /// (its suspension outside Weft ended) and no longer watched; empty unless it was the last job running.
    @inline(__always)
    func helperJobEnded() -> [TaskRecord] {
        let now = helperJobs.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue
        guard now & Self.runningMask == 0, watchedCount.load(ordering: .sequentiallyConsistent) > 0 else { return [] }
        return lock.withLock {
            var ended: [TaskRecord] = []
            reading: for (key, record) in watched {
                switch read(record, quiet: now) {
                case .suspended: continue
                case .notSuspended: watched.removeValue(forKey: key)
                case .ended:
                    watched.removeValue(forKey: key)
                    ended.append(record)
                case .helperJobBegan: break reading  // the job that began reads again when it ends
                }
            }
            watchedCount.store(watched.count, ordering: .sequentiallyConsistent)
            return ended
        }
    }

    /// `record` has just ended a slice suspended outside Weft: watches it and, when no job of no task is running,
    /// reads it at once. Returns true when it had already completed (claimed and no longer watched).
    func watch(_ record: TaskRecord) -> Bool {
        lock.withLock {
            watched[ObjectIdentifier(record)] = record
            watchedCount.store(watched.count, ordering: .sequentiallyConsistent)
        }
        let now = helperJobs.load(ordering: .sequentiallyConsistent)
        guard now & Self.runningMask == 0 else { return false }
        return lock.withLock {
            guard watched[ObjectIdentifier(record)] != nil, read(record, quiet: now) == .ended else { return false }
            watched.removeValue(forKey: ObjectIdentifier(record))
            watchedCount.store(watched.count, ordering: .sequentiallyConsistent)
            return true
        }
    }

    /// Whether any task is watched (read without the lock: a hint for the timer's polling).
    var isWatching: Bool { watchedCount.load(ordering: .sequentiallyConsistent) > 0 }

    /// The watched tasks whose future status says they have completed, each claimed and no longer watched: the timer
    /// thread's poll for tasks that completed where no job of the run ends, on the main actor, whose jobs the main
    /// thread runs without Weft. Only the future status is trusted here (complete is final); where its layout is not
    /// recognised, nothing is read. A task is claimed only once polls have seen it completed for `claimAfter`
    /// nanoseconds (`now` is the monotonic clock), so that one that completed in an actor's job is ended, as usual,
    /// by that job's thread (`helperJobEnded`), right after the job, even when a loaded machine delays that thread.
    func pollCompleted(now: UInt64, claimAfter: UInt64) -> [TaskRecord] {
        guard isWatching, TaskCompletionLayout.statusOffset != nil else { return [] }
        return lock.withLock {
            var ended: [TaskRecord] = []
            var completed: [ObjectIdentifier: UInt64] = [:]
            for (key, record) in watched {
                guard let held = record.heldTask, record.isSuspendedOutside,
                      TaskCompletionLayout.hasCompleted(held) == true else { continue }
                let since = completedSince[key] ?? now
                guard now &- since >= claimAfter else {
                    completed[key] = since
                    continue
                }
                watched.removeValue(forKey: key)
                if record.claimCompletionOutside() { ended.append(record) }
            }
            completedSince = completed
            watchedCount.store(watched.count, ordering: .sequentiallyConsistent)
            return ended
        }
    }

    /// `record` has ended (however Weft learned it): stops watching it and releases its task object.
    func forget(_ record: TaskRecord) {
        lock.withLock {
            if watched.removeValue(forKey: ObjectIdentifier(record)) != nil {
                watchedCount.store(watched.count, ordering: .sequentiallyConsistent)
            }
            // A record allocated later at the same address must not inherit this one's first sighting.
            completedSince.removeValue(forKey: ObjectIdentifier(record))
            if let held = record.heldTask {
                record.heldTask = nil
                SwiftJob.release(held)
            }
        }
    }

    private enum Reading { case suspended, notSuspended, ended, helperJobBegan }

    /// Whether `record`'s task completed, read while no job of no task ran (`quiet` is the count seen then). Under
    /// the lock. A task enqueued since it suspended may be running in a slice: the enqueue count, read before and
    /// after the voucher, tells.
    private func read(_ record: TaskRecord, quiet: UInt64) -> Reading {
        guard let held = record.heldTask else { return .notSuspended }
        let enqueuedBefore = record.enqueueCount
        guard record.isSuspendedOutside else { return .notSuspended }
        guard TaskCompletionLayout.hasCompleted(held) ?? SwiftJob.hasFinished(held) else { return .suspended }
        guard helperJobs.load(ordering: .sequentiallyConsistent) == quiet else { return .helperJobBegan }
        guard record.enqueueCount == enqueuedBefore, record.claimCompletionOutside() else { return .notSuspended }
        return .ended
    }
}
