/// Waiting to enter a busy actor (`TaskState.blocked(object:reason:)` with reason `.actor`, the object the actor).
///
/// Under multiplexed the trace records the wait as a suspension (`block(suspended)`) that the actor ends when it runs
/// the task's code. Under thread-per-task a task whose next code runs on a busy actor is not resumed on its own
/// thread until the actor is free: it is recorded ready to run (woken) while the actor runs other tasks' jobs, then
/// runs only for the hop onto the actor (at most `hopLimit`), then is suspended until the actor runs its code. The
/// model calls the ready part from when the actor was first busy in it a wait for the actor too, so that such a call
/// reads as a wait, a hop, and a wait: one wait to enter the actor, counted once (`continues(_:after:)`).
public enum ActorEntry {
    /// The longest run between a ready stretch and the actor's wait that still counts as the hop onto the actor (ns).
    public static let hopLimit: UInt64 = 100_000

    /// Whether `run` is short enough to be only the hop onto an actor.
    public static func isHop(_ run: StateInterval) -> Bool {
        guard case .running = run.state else { return false }
        return run.duration <= hopLimit
    }

    /// Whether `wait` (a wait for an actor) goes on the wait for the same actor that ended where `hop`, a hop onto
    /// it, began: the two are one wait to enter the actor, split by the hop.
    public static func continues(_ wait: StateInterval, after earlier: StateInterval, hop: StateInterval) -> Bool {
        guard case let .blocked(object, .actor?) = wait.state, case let .blocked(first, .actor?) = earlier.state,
              object == first, isHop(hop) else { return false }
        return earlier.end == hop.start && hop.end == wait.start
    }

    /// Whether `intervals[i]` is the part of a ready stretch the model calls a wait for an actor (a wait for an actor
    /// that the hop onto it and a wait for it again follow): the trace recorded it ready to run, and the lints, which
    /// see each interval as the trace records it (`weft check`), read it so.
    public static func isEntryWait(_ i: Int, in intervals: IntervalList<StateInterval>) -> Bool {
        i + 2 < intervals.count && continues(intervals[i + 2], after: intervals[i], hop: intervals[i + 1])
    }
}
