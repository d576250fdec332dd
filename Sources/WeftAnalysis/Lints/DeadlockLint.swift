import WeftTrace

/// A cycle in the wait-for graph at the end of the trace: tasks that can only be woken by one another.
public struct DeadlockLint: Lint {
    public init() {}
    public var name: String { "deadlock" }
    public var summary: String { "tasks that wait on one another in a cycle at the end of the trace" }

    public func check(_ timeline: Timeline) -> [[WaitForGraph.Wait]] {
        WaitForGraph(timeline).cycles()
    }

    public func findings(in trace: CheckedTrace) -> (first: [[WaitForGraph.Wait]], count: Int) {
        (trace.cycles, trace.cycles.count)
    }

    public func message(_ cycle: [WaitForGraph.Wait], in timeline: Timeline) -> String {
        var lines = ["deadlock: \(cycle.count) tasks wait on one another"]
        for (i, wait) in cycle.enumerated() {
            let next = cycle[(i + 1) % cycle.count].task
            lines.append("  \(LintText.task(wait.task, timeline)) waits on \(LintText.object(wait, timeline)) "
                + "(since \(DurationFormat.format(wait.since))), \(LintText.holderVerb(wait.reason)) \(LintText.task(next, timeline))")
        }
        lines.append("  " + DeadlockAdvice.fix(cycle.compactMap(\.reason)))
        return lines.joined(separator: "\n")
    }

    public func tasks(of cycle: [WaitForGraph.Wait]) -> [TaskID] { cycle.map(\.task) }
    public func time(of cycle: [WaitForGraph.Wait]) -> UInt64 { cycle.map(\.since).max() ?? 0 }
}

/// Wording shared by the lints.
enum LintText {
    /// `t3 "worker"`.
    static func task(_ id: TaskID, _ timeline: Timeline) -> String {
        let name = timeline.name(of: id)
        return name.isEmpty ? id.description : "\(id) \"\(name)\""
    }

    /// `mutex mu4 "accounts"`, `receive on ch2 "jobs"`, `join of t5`.
    static func object(_ wait: WaitForGraph.Wait, _ timeline: Timeline) -> String {
        object(wait.reason, wait.object, timeline)
    }

    static func object(_ reason: BlockReason?, _ object: ObjectID, _ timeline: Timeline) -> String {
        guard let reason else { return "something unrecorded" }
        return reason.describeWait(on: object, label: timeline.label(of: object, reason: reason))
    }

    /// How the next task in a cycle relates to the object.
    static func holderVerb(_ reason: BlockReason?) -> String {
        switch reason {
        case .mutex: "held by"
        case .join: "which is"
        default: "which only"
        }
    }
}
