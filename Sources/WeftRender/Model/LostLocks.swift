import WeftTrace

/// Where a task waiting for a mutex lost it to another: an unlock woke the waiter, but another task took the lock
/// before the waiter's thread ran (a lock is not handed over: the woken task competes for it again). While that other
/// task held the lock the waiter could not have had it, whatever its thread did, so that part of its wait is drawn as
/// blocked on the mutex, not as ready to run, with a mark where the lock was lost.
enum LostLocks {
    /// One hold of a mutex, in picture time: asked for at `requested`, held from `start` to `end`.
    struct Hold {
        var task: TaskID
        var requested: UInt64
        var start: UInt64
        var end: UInt64
    }

    /// For each task that waited for the mutex, the holds by other tasks taken while it waited (after it asked, before
    /// it got the lock), as time spans. `holds` are one mutex's, in the order they were taken.
    static func stretches(_ holds: [Hold]) -> [TaskID: [TimeSpan]] {
        var out: [TaskID: [TimeSpan]] = [:]
        for (index, hold) in holds.enumerated() where hold.requested < hold.start {
            // The first hold taken after the request, found by binary search on the starts.
            let low = holds[..<index].partitionPoint { $0.start > hold.requested }
            for other in holds[low..<index] where other.task != hold.task && other.end > other.start {
                out[hold.task, default: []].append(TimeSpan(other.start, other.end))
            }
        }
        return out
    }
}

extension TaskTrack {
    /// Redraws the task's ready time inside `lost` (sorted, disjoint: the holds of a mutex it waited for, taken by
    /// others) as blocked on the mutex, and marks each loss that found it ready (woken, its thread not yet run).
    mutating func relabelLostLocks(_ lost: [TimeSpan]) {
        var added = false
        for stretch in lost where spans.contains(where: { $0.state == .runnable && $0.start <= stretch.start && stretch.start < $0.end }) {
            marks.append(Mark(time: stretch.start, kind: .lostLock))
            added = true
        }
        spans = SpanRelabel.relabel(spans, inside: lost, as: .mutex) { $0 == .runnable }
        if added { marks.sort { $0.time < $1.time } }
    }
}
