import WeftTrace

/// One Swift actor's lane (drawn as a lock lane is): when its jobs ran (its busy time), whose code ran in them, and
/// when tasks waited to enter it.
public struct ActorTrack: Sendable {
    public var actor: ActorID
    /// Its type's name ("Cache"), "" when the runtime's layout was not recognised.
    public var typeName: String
    /// Its actor jobs (a thread running the work queued on it), sorted by start, not overlapping.
    public var jobs: [TimeSpan]
    /// The stretches of its jobs that ran a task's code, sorted by start; `task` is `.none` where Weft could not
    /// name the task.
    public var visits: [ThreadSlice]
    /// Times some task waited to enter it (from leaving its slice suspended until its code ran on the actor), sorted
    /// by start; they may overlap.
    public var waits: [TimeSpan]

    public init(actor: ActorID, typeName: String, jobs: [TimeSpan] = [], visits: [ThreadSlice] = [], waits: [TimeSpan] = []) {
        self.actor = actor
        self.typeName = typeName
        self.jobs = jobs
        self.visits = visits
        self.waits = waits
    }

    /// The time its jobs ran.
    public var busy: UInt64 { jobs.saturatingSum { $0.end &- $0.start } }

    /// Its type's name for people: "Cache", or "an actor" when unknown.
    public var typeWords: String { typeName.isEmpty ? "an actor" : typeName }

    /// How many tasks waited to enter it at once, at most.
    public var peakQueue: Int { Self.queueSteps(waits).map(\.count).max() ?? 0 }

    /// How many tasks were waiting to enter it over time: one step per change, each from `start` to the next step's
    /// start (the last ends at the last wait's end), zero steps included.
    public static func queueSteps(_ waits: [TimeSpan]) -> [(start: UInt64, end: UInt64, count: Int)] {
        var changes: [(UInt64, Int)] = []
        changes.reserveCapacity(waits.count * 2)
        for wait in waits where wait.end > wait.start {
            changes.append((wait.start, 1))
            changes.append((wait.end, -1))
        }
        // At one instant, ends before starts: a hand-over is not two waiting at once.
        changes.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var steps: [(start: UInt64, end: UInt64, count: Int)] = []
        var count = 0
        var i = 0
        while i < changes.count {
            let time = changes[i].0
            while i < changes.count && changes[i].0 == time {
                count += changes[i].1
                i += 1
            }
            if !steps.isEmpty { steps[steps.count - 1].end = time }
            if i < changes.count { steps.append((time, time, count)) }
        }
        return steps
    }
}
