import WeftAnalysis
import WeftTrace

/// Under multiplexed, the ready stretches a task spent queued behind the task that woke it, on that task's own pool
/// thread: the waker was running on a pool thread when it woke the task (`unblock`), and the task's next run slice is
/// that thread's very next one, begun as the waker's slice ended. The pool put the woken task in the waker's thread's
/// "next to run" slot (as Go's runnext) rather than signalling an idle thread, so the wait is not an idle pool
/// thread waking, however idle the other threads were. The picture draws these stretches and its header counts them
/// apart from the idle pool's wake-up (a stretch in which the pool did signal a thread is left to that rule, since
/// the signal may have been for this task).
enum QueuedBehindWaker {
    /// Per task, its ready stretches after a wake that ran next on the waker's pool thread, in time order (trace
    /// times). Empty unless the run is multiplexed. Reads the tasks' intervals and the threads' slices: call it
    /// before either is let go.
    static func stretches(in timeline: Timeline) -> [TaskID: [Range<UInt64>]] {
        guard timeline.run.scheduler == "multiplexed" else { return [:] }
        let pool = timeline.threads.filter { $0.role == .worker }.map { $0.slices.elements }
        guard !pool.isEmpty else { return [:] }
        var result: [TaskID: [Range<UInt64>]] = [:]
        for task in timeline.tasks {
            for interval in task.intervals.elements where interval.end > interval.start {
                guard case .runnable(.woken(let waker)) = interval.state, waker != .none else { continue }
                if pool.contains(where: { ranNext(task.id, after: waker, woken: interval.start, ran: interval.end, on: $0) }) {
                    result[task.id, default: []].append(interval.start ..< interval.end)
                }
            }
        }
        return result
    }

    /// Whether, on the thread whose run slices are `slices` (sorted, apart), `waker` was running at `woken` and the
    /// thread's next slice, begun at `ran`, ran `task`.
    static func ranNext(_ task: TaskID, after waker: TaskID, woken: UInt64, ran: UInt64, on slices: [RunSlice]) -> Bool {
        // The last slice that starts at or before the wake.
        let index = slices.partitionPoint { $0.start > woken } - 1
        guard index >= 0, index + 1 < slices.count else { return false }
        let during = slices[index], next = slices[index + 1]
        return during.task == waker && during.end >= woken && next.task == task && next.start == ran
    }
}
