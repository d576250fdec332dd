import WeftTrace

/// Waits to enter a busy actor that the trace records as runnable (under thread-per-task: `ActorEntry`). From the
/// first moment the actor was busy in the ready stretch before the hop onto it to the stretch's end, the task waited
/// for the actor: the model says so (`.blocked(object:reason:)` with reason `.actor`), not runnable.
///
/// Whether a ready stretch is such a wait is known only when the actor runs the task's code (`actorSlice`), after
/// the stretch and the hop have ended: the builder holds those two intervals back, unsettled, while they may still
/// be one (at most two intervals a task, and only in runs with actors). The lints, which see each interval as it ends
/// (`weft check`), see the ready stretch whole, and read it whole from a model too (`ActorEntry.isEntryWait`).
extension TimelineState {
    /// The position in task position `t`'s intervals from which they are held back: the runnable interval just before
    /// its current run, or the runnable interval and the short run before its current suspension (`block(suspended)`,
    /// which an `actorSlice` may show to be a wait for an actor). The interval count when none is.
    /// Mutating although it changes nothing: called (after most events) from the builder's mutating path, a
    /// non-mutating method is handed a copy of the whole builder state, over a kilobyte, on every call.
    mutating func heldBack(_ t: Int) -> Int {
        let all = tasks[t].intervals.count
        guard threadPerTask, !checksLints, !actors.isEmpty, coalescing?.resolution ?? 0 == 0, tasks[t].ended == nil else { return all }
        let settled = tasks[t].settled
        switch tasks[t].state {
        case .running:
            guard all > settled, case .runnable = tasks[t].intervals[all - 1].state else { return all }
            return all - 1
        case .blocked(_, .suspended?):
            guard all >= settled + 2, ActorEntry.isHop(tasks[t].intervals[all - 1]),
                  case .runnable = tasks[t].intervals[all - 2].state else { return all }
            return all - 2
        default:
            return all
        }
    }

    /// Task position `t`, suspended on its way to actor position `a`, is about to run there: if it ran only for the
    /// hop after a ready stretch (both held back), the part of that stretch from when the actor was first busy in it
    /// becomes a wait for the actor. `thread` is the position of the thread whose job of the actor runs the code.
    mutating func enterActor(_ t: Int, actor a: Int, thread: Int) {
        let all = tasks[t].intervals.count
        guard threadPerTask, all >= tasks[t].settled + 2, ActorEntry.isHop(tasks[t].intervals[all - 1]),
              case .runnable = tasks[t].intervals[all - 2].state else { return }
        let ready = tasks[t].intervals[all - 2]
        guard let busy = firstBusy(actor: a, thread: thread, from: ready.start, to: ready.end) else { return }
        let wait = StateInterval(start: max(busy, ready.start), end: ready.end,
                                 state: .blocked(object: actors[a].id.object, reason: .actor))
        if wait.start > ready.start {
            tasks[t].intervals[all - 2].end = wait.start
            tasks[t].intervals.insert(wait, at: all - 1)
        } else {
            tasks[t].intervals[all - 2] = wait
        }
    }

    /// When actor position `a` was first busy (running a job) in `from ..< to`, if it was; its job open now runs on
    /// thread position `thread`.
    private func firstBusy(actor a: Int, thread: Int, from: UInt64, to: UInt64) -> UInt64? {
        // Its jobs run one at a time, kept as they end: those that overlap a recent stretch are at the end.
        var first: UInt64?
        for job in actors[a].jobs.reversed() {
            if job.end <= from { break }
            if job.start < to { first = job.start }
        }
        if let first { return first }
        // The job open now.
        guard let job = threads[thread].actorJob, job.actor == a, job.start < to else { return nil }
        return job.start
    }
}
