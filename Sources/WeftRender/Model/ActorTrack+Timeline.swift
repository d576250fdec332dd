import WeftAnalysis
import WeftTrace

extension ActorTrack {
    /// One track per actor of the model, in id order: its jobs, the stretches of them that ran a task's code, and the
    /// model's waits for it (a task's `BlockReason.actor` intervals, the figure `weft stats` sums), in ns from `origin`.
    static func tracks(_ timeline: Timeline, origin: UInt64) -> [ActorTrack] {
        guard !timeline.actors.isEmpty else { return [] }
        func t(_ time: UInt64) -> UInt64 { time > origin ? time - origin : 0 }
        var waits: [ObjectID: [TimeSpan]] = [:]
        for task in timeline.tasks {
            for interval in task.intervals {
                guard case .blocked(let object, .actor?) = interval.state else { continue }
                waits[object, default: []].append(TimeSpan(t(interval.start), t(interval.end)))
            }
        }
        return timeline.actors.sorted { $0.id < $1.id }.map { actor in
            ActorTrack(actor: actor.id, typeName: actor.typeName,
                       jobs: actor.jobs.map { TimeSpan(t($0.start), t($0.end)) }.sorted { $0.start < $1.start },
                       visits: actor.visits.map { ThreadSlice(start: t($0.start), end: t($0.end), task: $0.task) }
                           .sorted { $0.start < $1.start },
                       waits: (waits[actor.id.object] ?? []).sorted { $0.start < $1.start })
        }
    }
}
