import WeftTrace

/// One task that is blocked: what it waits on and who could release it.
public struct BlockedTask: Sendable, Equatable, CustomStringConvertible {
    public var task: TaskID
    public var name: String
    /// What kind of wait it is.
    public var reason: BlockReason
    /// The object waited on (a channel, mutex, wait group, condition; the awaited task's raw id for a join).
    public var object: ObjectID
    /// The object's name as given when it was made ("" if none).
    public var objectName: String
    /// The task holding what this one waits for (a mutex's holder, the awaited task), if there is one.
    public var heldBy: TaskID?

    public init(task: TaskID, name: String, reason: BlockReason, object: ObjectID, objectName: String, heldBy: TaskID?) {
        self.task = task
        self.name = name
        self.reason = reason
        self.object = object
        self.objectName = objectName
        self.heldBy = heldBy
    }

    /// `t2 "philosopher 1" waits on mutex mu2 "fork 2", held by t3`: objects spelled as the lints spell them.
    public var description: String {
        var text = "\(task) \"\(name)\" waits on \(reason.describeWait(on: object, label: objectName))"
        if let heldBy { text += ", held by \(heldBy)" }
        return text
    }
}

/// What a deadlocked run was doing: every blocked task, and the wait-for cycle among them if there is one.
public struct DeadlockReport: Sendable, CustomStringConvertible {
    /// Every blocked task, by task id.
    public var blocked: [BlockedTask]
    /// The tasks of a wait-for cycle, each waiting on something the next one holds (empty when there is none).
    public var cycle: [BlockedTask]

    public init(blocked: [BlockedTask], cycle: [BlockedTask]) {
        self.blocked = blocked
        self.cycle = cycle
    }

    init(waiting: [(TaskRecord, WaitToken)]) {
        let blocked = waiting.filter { $0.1.countsAsStuck }.map { record, _ in
            BlockedTask(task: record.id, name: record.name, reason: record.blockReason, object: record.blockObject,
                        objectName: record.blockObjectName, heldBy: record.blockTarget?.waitOwner)
        }
        self.init(blocked: blocked, cycle: Self.findCycle(blocked))
    }

    /// The first cycle found following "waits for a task held by" edges.
    static func findCycle(_ blocked: [BlockedTask]) -> [BlockedTask] {
        let byTask = Dictionary(blocked.map { ($0.task, $0) }, uniquingKeysWith: { first, _ in first })
        for start in blocked {
            var path: [BlockedTask] = []
            var seen: [TaskID: Int] = [:]
            var current: BlockedTask? = start
            while let node = current {
                if let index = seen[node.task] { return Array(path[index...]) }
                seen[node.task] = path.count
                path.append(node)
                current = node.heldBy.flatMap { byTask[$0] }
            }
        }
        return []
    }

    /// The advice that ends the deadlock message, fitted to the waits of the cycle (of every blocked task when there
    /// is none): `DeadlockAdvice.fix`.
    public var advice: String { DeadlockAdvice.fix((cycle.isEmpty ? blocked : cycle).map(\.reason)) }

    public var description: String {
        var lines = blocked.map { "  \($0)" }
        if !cycle.isEmpty {
            lines.append("wait-for cycle: " + (cycle + [cycle[0]]).map { "\($0.task) \"\($0.name)\"" }.joined(separator: " -> "))
        }
        return lines.joined(separator: "\n")
    }
}
