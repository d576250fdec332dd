/// Settling thread-per-task's woken waits while summarising: the figures' sweep of run slices and ready stretches
/// (`WokenLatencySweep`) forgets the edges before the earliest time a piece not handed to it yet can start at, so its
/// memory follows the pieces open at once, not the run's slices.
extension TimelineState {
    /// Sweeps the figures' woken-wait edges that no later piece can precede: before the start of every open run slice,
    /// of every interval not handed on yet, of every open ready stretch, and of the next events (no earlier than the
    /// latest time read so far). The bound found at the previous settling is kept too: an event the reader held back
    /// for its cause may come a little earlier than the latest read.
    mutating func settleWokenWaits() {
        wokenWaitsDue = false
        var bound = lastTime
        for th in threads.indices {
            if let open = threads[th].open { bound = min(bound, open.start) }
        }
        for t in tasks.indices {
            let settled = tasks[t].settled
            if settled < tasks[t].intervals.count { bound = min(bound, tasks[t].intervals[settled].start) }
            guard tasks[t].ended == nil else { continue }
            if case .runnable = tasks[t].state { bound = min(bound, tasks[t].stateStart) }
        }
        let before = min(bound, wokenWaitsBound)
        wokenWaitsBound = bound
        summary?.settleWokenWaits(before: before, lookedAt: tasks.count + threads.count)
    }
}
