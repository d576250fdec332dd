import WeftAnalysis
import WeftTrace

/// An actor's lane in one panel: its key (the same actor in every panel of a picture), its label, and its track (nil
/// where this run has no such actor, so that both panels of a contrast picture list the same actors).
struct ActorLane {
    var key: String
    var label: String
    var track: ActorTrack?
}

extension LaneSelection {
    /// A key for each of `actors` that names the same actor in another run of one program: its type's name, and from
    /// the second actor of a type on, its place among them by id ("Cache", "Cache #2"; "an actor" when unknown).
    static func actorKeys(_ actors: [ActorTrack]) -> [String] {
        var seen: [String: Int] = [:]
        return actors.sorted { $0.actor < $1.actor }.map { actor in
            let type = actor.typeWords
            seen[type, default: 0] += 1
            let n = seen[type]!
            return n == 1 ? type : "\(type) #\(n)"
        }
    }

    /// The actors of `runs` together by key, busiest (their jobs' time summed over the runs) first.
    static func actorOrder(_ runs: [RenderTimeline]) -> [String] {
        var busy: [String: UInt64] = [:]
        for run in runs {
            let sorted = run.actors.sorted { $0.actor < $1.actor }
            for (key, actor) in zip(actorKeys(sorted), sorted) {
                busy[key] = busy[key, default: 0].addingSaturated(actor.busy)
            }
        }
        return busy.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
    }

    /// The actor lanes of `timeline` in `order` (nil: this run's own, busiest first), at most `limit`, and how many
    /// were left out.
    static func actorLanes(_ timeline: RenderTimeline, order: [String]?, limit: Int) -> ([ActorLane], Int) {
        guard limit > 0 else { return ([], 0) }
        let sorted = timeline.actors.sorted { $0.actor < $1.actor }
        let keys = actorKeys(sorted)
        var byKey: [String: ActorTrack] = [:]
        for (key, actor) in zip(keys, sorted) { byKey[key] = actor }
        var typeCount: [String: Int] = [:]
        for actor in sorted { typeCount[actor.typeWords, default: 0] += 1 }
        let order = order ?? actorOrder([timeline])
        let lanes = order.prefix(limit).map { key in
            guard let track = byKey[key] else { return ActorLane(key: key, label: key, track: nil) }
            return ActorLane(key: key, label: actorLabel(track, sharesType: typeCount[track.typeWords, default: 0] > 1), track: track)
        }
        return (lanes, order.count - lanes.count)
    }

    /// "Cache"; "Cache ac2" when the run has two actors of that type; "ac1 (an actor)" when its type is unknown.
    static func actorLabel(_ actor: ActorTrack, sharesType: Bool) -> String {
        if actor.typeName.isEmpty { return "\(actor.actor) (an actor)" }
        return sharesType ? "\(actor.typeName) \(actor.actor)" : actor.typeName
    }

    /// The note under an actor lane's label: how long the actor was busy (its jobs' time) and the most tasks that
    /// waited to enter it at once ("busy 96 µs · up to 8 waiting").
    static func actorQueueNote(_ lane: ActorLane) -> String {
        guard let track = lane.track else { return "not in this run" }
        let peak = track.peakQueue
        return "busy \(DurationFormat.format(track.busy)) · " + (peak == 0 ? "none waited" : "up to \(Format.count(peak)) waiting")
    }
}
