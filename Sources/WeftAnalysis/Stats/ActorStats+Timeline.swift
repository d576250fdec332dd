import WeftTrace

extension ActorStats {
    /// One row per actor of the timeline, in id order.
    static func all(in timeline: Timeline) -> [ActorStats] {
        var waits: [ObjectID: (count: Int, time: UInt64)] = [:]
        for task in timeline.tasks {
            for interval in task.intervals {
                guard case .blocked(let object, .actor?) = interval.state else { continue }
                waits[object, default: (0, 0)].count += 1
                waits[object, default: (0, 0)].time &+= interval.duration
            }
        }
        return timeline.actors.map { actor in
            let waited = waits[actor.id.object] ?? (0, 0)
            return ActorStats(id: actor.id.description, typeName: actor.typeName, jobs: actor.jobs.count,
                              slices: actor.visits.filter { $0.task != .none }.count, busy: actor.busy,
                              tasksServed: actor.tasksServed.count, waits: waited.count, waited: waited.time)
        }
    }
}
