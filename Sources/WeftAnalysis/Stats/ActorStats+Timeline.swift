import WeftTrace

extension ActorStats {
    /// One row per actor of the timeline, in id order; `waits` gives the blocked episodes on an object.
    static func all(in timeline: Timeline, waits: (BlockReason, UInt64) -> (count: Int, time: UInt64)) -> [ActorStats] {
        timeline.actors.map { actor in
            let waited = waits(.actor, actor.id.object.rawValue)
            return ActorStats(id: actor.id.description, typeName: actor.typeName, jobs: actor.jobs.count,
                              slices: actor.visits.filter { $0.task != .none }.count, busy: actor.busy,
                              tasksServed: actor.tasksServed.count, waits: waited.count, waited: waited.time)
        }
    }
}
