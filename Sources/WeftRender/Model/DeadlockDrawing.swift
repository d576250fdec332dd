import WeftAnalysis
import WeftTrace

/// What a picture shows of a deadlock: the instant the runtime detected it, and the cycle of tasks and objects that
/// wait on one another (for the wait-for graph beside the timeline and the lock lanes it must include).
public struct DeadlockDrawing: Sendable, Equatable {
    /// One task of the cycle and the object it waits on; the object is held by (or can only be released by) the next
    /// step's task.
    public struct Step: Sendable, Equatable {
        public var task: TaskID
        /// "t2 philosopher 1".
        public var taskLabel: String
        /// "mu2 fork 2" (the lock lane's spelling), "join of t3".
        public var objectLabel: String
        /// The mutex waited on, when it is one (its lane must be drawn).
        public var mutex: MutexID?
        /// How the next task relates to the object: "held by", "run by", "released only by".
        public var relation: String

        public init(task: TaskID, taskLabel: String, objectLabel: String, mutex: MutexID? = nil, relation: String) {
            self.task = task
            self.taskLabel = taskLabel
            self.objectLabel = objectLabel
            self.mutex = mutex
            self.relation = relation
        }
    }

    /// When the runtime detected the deadlock (ns since the run's start): its first cancellation of a wait, or the
    /// end of the run when it cancelled none.
    public var detected: UInt64
    /// The first cycle of the wait-for graph, in wait-for order (empty when the trace shows none).
    public var cycle: [Step]
    /// The other tasks still waiting when the deadlock was detected, each with what it waits on: "main waits on t2"
    /// (the deadlock message counts them among the blocked tasks; the graph draws only the cycle).
    public var outside: [String]

    public init(detected: UInt64, cycle: [Step], outside: [String] = []) {
        self.detected = detected
        self.cycle = cycle
        self.outside = outside
    }

    /// What the wait-for graph's title says of it: ": a cycle of 5 tasks". Tasks waiting outside the cycle (`outside`)
    /// are not drawn in the graph, so its title does not name them either; the deadlock message lists them.
    public var summary: String {
        ": a cycle of \(cycle.count == 1 ? "1 task" : "\(cycle.count) tasks")"
    }

    /// The deadlock of a run that ended deadlocked; nil for any other run.
    init?(timeline: Timeline, origin: UInt64) {
        guard timeline.run.outcome == .deadlocked else { return nil }
        let graph = WaitForGraph(timeline)
        let cancelled = graph.waits.values.compactMap(\.cancelled).min()
        let at = cancelled ?? timeline.run.finished ?? timeline.run.end
        detected = at > origin ? at - origin : 0
        let first = graph.cycles().first ?? []
        let inCycle = Set(first.map(\.task))
        outside = graph.waits.values.filter { !inCycle.contains($0.task) && $0.reason != nil }
            .sorted { $0.task.rawValue < $1.task.rawValue }
            .map { wait in
                let name = timeline.name(of: wait.task)
                let who = name.isEmpty ? wait.task.description : name
                return "\(who) waits on \(wait.reason.map { $0.spell(wait.object) } ?? "something unrecorded")"
            }
        cycle = first.map { wait in
            let name = timeline.name(of: wait.task)
            let taskLabel = name.isEmpty || name == wait.task.description ? wait.task.description : "\(wait.task) \(name)"
            var objectLabel = "something unrecorded"
            var mutex: MutexID?
            var relation = "released only by"
            if let reason = wait.reason {
                switch reason {
                case .mutex:
                    let id = MutexID(wait.object.rawValue)
                    mutex = id
                    let label = timeline.mutex(id)?.label ?? id.description
                    objectLabel = label == id.description ? label : "\(id) \(label)"
                    relation = "held by"
                case .join:
                    objectLabel = "join of \(TaskID(wait.object.rawValue))"
                    relation = "run by"
                default:
                    objectLabel = reason.describeWait(on: wait.object, label: timeline.label(of: wait.object, reason: reason))
                }
            }
            return Step(task: wait.task, taskLabel: taskLabel, objectLabel: objectLabel, mutex: mutex, relation: relation)
        }
    }
}
