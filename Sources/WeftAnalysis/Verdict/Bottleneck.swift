import WeftTrace

/// The shared object that set a run's pace: an actor busy for most of the run that tasks queued to enter (it runs one
/// job at a time), or the lock the tasks waited on most when those waits were most of their waiting and a notable part
/// of the wall time. Its waits are the
/// tasks' blocked times on it, as `weft stats` counts them ("blocked on" actor, mutex, readlock, semaphore).
public struct Bottleneck: Sendable, Equatable {
    /// What kind of object it is.
    public enum Kind: Sendable, Equatable {
        /// A Swift actor: `busy` is the time its jobs ran.
        case actor
        /// A mutex or read-write mutex: `busy` is the time it was held (writers' holds).
        case lock
        /// A semaphore: `busy` is not measured (zero).
        case semaphore
    }

    public var kind: Kind
    /// How the verdict names it: the actor's type ("Cache", "" when unknown) or the lock's label ("mu1").
    public var name: String
    /// The time the actor was busy or the lock held (ns); zero for a semaphore.
    public var busy: UInt64
    /// The tasks' time waiting for it, summed over tasks (ns).
    public var waited: UInt64
    /// How many tasks waited for it, main included when it waited.
    public var tasks: Int
    /// Whether main (the task named "main", else the first without a parent) was among them: the panels count main
    /// apart from the tasks ("4 tasks + main"), and so does the verdict ("the 4 tasks and main").
    public var mainWaited: Bool

    public init(kind: Kind, name: String, busy: UInt64, waited: UInt64, tasks: Int, mainWaited: Bool = false) {
        self.kind = kind
        self.name = name
        self.busy = busy
        self.waited = waited
        self.tasks = tasks
        self.mainWaited = mainWaited
    }

    /// The waiters as the panels count them: "the 4 tasks and main", "main", "the 1 task", "the 3 tasks".
    public var waitersText: String {
        let others = mainWaited ? tasks - 1 : tasks
        let named = others == 1 ? "the 1 task" : "the \(CountFormat.grouped(others)) tasks"
        guard mainWaited else { return named }
        return others == 0 ? "main" : named + " and main"
    }

    /// The share of the run's wall time an actor must be busy for to set the pace.
    public static let actorBusyShare = 0.5
    /// The share of the tasks' waiting (blocked or asleep, waits for children to end apart) a lock's waits must be to
    /// set the pace.
    public static let lockWaitShare = 0.5
    /// The share of the run's wall time a lock's waits, summed over tasks, must reach to set the pace: a few short
    /// waits in a run of sleeping tasks do not.
    public static let lockWallShare = 0.25

    /// The object that set `timeline`'s pace: the busiest actor when it was busy for at least `actorBusyShare` of the
    /// wall time and tasks waited to enter it; else the lock (mutex, read-write mutex or semaphore) waited on most when
    /// its waits were at least `lockWaitShare` of the tasks' time blocked or asleep, leaving out waits for children to
    /// end (join, wait group: a parent waiting for the whole work, not for a shared object), and at least
    /// `lockWallShare` of the wall time. Nil when neither.
    public init?(_ timeline: Timeline) {
        // waits[reason][object]: the tasks' time blocked on it, and which tasks.
        var waits: [BlockReason: [ObjectID: (time: UInt64, tasks: Set<TaskID>)]] = [:]
        var waiting: UInt64 = 0
        for task in timeline.tasks {
            for interval in task.intervals.elements {
                switch interval.state {
                case .blocked(_, .join?), .blocked(_, .waitGroup?):
                    continue
                case .blocked(let object, let reason?):
                    waiting &+= interval.duration
                    guard [.actor, .mutex, .readLock, .semaphore].contains(reason) else { continue }
                    var entry = waits[reason, default: [:]][object, default: (0, [])]
                    entry.time &+= interval.duration
                    entry.tasks.insert(task.id)
                    waits[reason, default: [:]][object] = entry
                case .blocked, .sleeping:
                    waiting &+= interval.duration
                default:
                    continue
                }
            }
        }
        let wall = timeline.run.wallTime
        let main = (timeline.tasks.first(where: { $0.name == "main" }) ?? timeline.tasks.first(where: { $0.parent == .none }))?.id
        if let actor = timeline.actors.max(by: { $0.busy != $1.busy ? $0.busy < $1.busy : $0.id > $1.id }), wall > 0,
           Double(actor.busy) >= Self.actorBusyShare * Double(wall), let entry = waits[.actor]?[actor.id.object],
           entry.time > 0 {
            self.init(kind: .actor, name: actor.typeName, busy: actor.busy, waited: entry.time, tasks: entry.tasks.count,
                      mainWaited: main.map(entry.tasks.contains) ?? false)
            return
        }
        var best: Bottleneck?
        for m in timeline.mutexes {
            let writers = waits[.mutex]?[m.id.object] ?? (0, []), readers = waits[.readLock]?[m.id.object] ?? (0, [])
            let time = writers.time &+ readers.time
            guard time > best?.waited ?? 0 else { continue }
            let waiters = writers.tasks.union(readers.tasks)
            best = Bottleneck(kind: .lock, name: m.label, busy: m.holds.elements.saturatingSum(\.duration), waited: time,
                              tasks: waiters.count, mainWaited: main.map(waiters.contains) ?? false)
        }
        for s in timeline.semaphores {
            guard let entry = waits[.semaphore]?[s.id.object], entry.time > best?.waited ?? 0 else { continue }
            best = Bottleneck(kind: .semaphore, name: s.label, busy: 0, waited: entry.time, tasks: entry.tasks.count,
                              mainWaited: main.map(entry.tasks.contains) ?? false)
        }
        guard let best, waiting > 0, Double(best.waited) >= Self.lockWaitShare * Double(waiting),
              Double(best.waited) >= Self.lockWallShare * Double(wall) else { return nil }
        self = best
    }
}
