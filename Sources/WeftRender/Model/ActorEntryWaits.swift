import WeftAnalysis
import WeftTrace

/// The stretches in which a ready task waited to enter a busy actor although the model calls it runnable: under
/// thread-per-task a task whose next code runs on an actor is not resumed on its own thread until the actor is free,
/// so it is recorded ready (woken) while the actor runs other tasks' jobs on other threads, then runs only for the
/// hop onto the actor (a run of at most `hopLimit`) before its code runs there. Under multiplexed the same wait is
/// recorded as a suspension the actor ends (`BlockReason.actor`); both are drawn as waiting to enter a busy actor.
enum ActorEntryWaits {
    /// The longest run between the ready stretch and the actor's wait that still counts as the hop onto the actor (ns).
    static let hopLimit: UInt64 = 100_000

    /// Per task, the stretches (in ns from `origin`) from the first moment the actor was busy in such a ready stretch
    /// to the stretch's end.
    static func stretches(_ timeline: Timeline, origin: UInt64) -> [TaskID: [TimeSpan]] {
        func t(_ time: UInt64) -> UInt64 { time > origin ? time - origin : 0 }
        var jobsOf: [ActorID: [ActorJob]] = [:]
        for actor in timeline.actors { jobsOf[actor.id] = actor.jobs }
        guard !jobsOf.isEmpty else { return [:] }
        var out: [TaskID: [TimeSpan]] = [:]
        for task in timeline.tasks {
            let intervals = Array(task.intervals)
            guard intervals.count >= 3 else { continue }
            for k in 0 ..< intervals.count - 2 {
                let ready = intervals[k], hop = intervals[k + 1], wait = intervals[k + 2]
                guard case .runnable = ready.state, case .running = hop.state, hop.end - hop.start <= hopLimit,
                      case let .blocked(object, .actor?) = wait.state,
                      let jobs = jobsOf[ActorID(object.rawValue)] else { continue }
                guard let busy = jobs.first(where: { $0.end > ready.start && $0.start < ready.end }) else { continue }
                let from = max(busy.start, ready.start)
                out[task.id, default: []].append(TimeSpan(t(from), t(ready.end)))
            }
        }
        return out
    }
}
