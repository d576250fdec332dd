import WeftTrace

/// Tasks still blocked at the end of the trace (not counting those in a deadlock cycle, reported there).
public struct LeakLint: Lint {
    public init() {}
    public var name: String { "leak" }
    public var summary: String { "tasks still waiting when the program's work ended (at the end of the trace, or until the runtime cancelled them)" }

    public func check(_ timeline: Timeline) -> [WaitForGraph.Wait] {
        leaks(in: WaitForGraph(timeline), cycles: nil, run: timeline.run)
    }

    public func findings(in trace: CheckedTrace) -> (first: [WaitForGraph.Wait], count: Int) {
        let all = leaks(in: trace.graph, cycles: trace.cycles, run: trace.run)
        return (all, all.count)
    }

    /// The waits of `graph` outside its `cycles` (found again when nil) that are leaks in a run that ended as `run` says.
    func leaks(in graph: WaitForGraph, cycles: [[WaitForGraph.Wait]]?, run: RunInfo) -> [WaitForGraph.Wait] {
        // A run stopped from outside (Ctrl-C) had its waits cut short by the stop: what still waited then was
        // interrupted, not leaked (the outcome lint says the run did not complete).
        if run.outcome == .stopped { return [] }
        let inCycles = Set((cycles ?? graph.cycles()).joined().map(\.task))
        // A trace without the run's end (killed, crashed, cut) stops mid-run: a wait open there is not a leak.
        let complete = run.outcome != nil
        return graph.waits.values.filter { !inCycles.contains($0.task) && (complete || $0.cancelled != nil) }
            .sorted { $0.since != $1.since ? $0.since < $1.since : $0.task < $1.task }
    }

    public func message(_ wait: WaitForGraph.Wait, in timeline: Timeline) -> String {
        if let cancelled = wait.cancelled {
            return "leaked: \(LintText.task(wait.task, timeline)) waited on \(LintText.object(wait, timeline)) from "
                + "\(DurationFormat.format(wait.since)) until the runtime cancelled the wait at \(DurationFormat.format(cancelled)) "
                + "(\(DurationFormat.format(cancelled &- wait.since))); nothing else would have woken it"
        }
        let waited = timeline.run.end &- wait.since
        return "leaked: \(LintText.task(wait.task, timeline)) still waits on \(LintText.object(wait, timeline)) "
            + "at the end of the trace (for \(DurationFormat.format(waited)), since \(DurationFormat.format(wait.since)))"
    }

    public func tasks(of wait: WaitForGraph.Wait) -> [TaskID] { [wait.task] }
    public func time(of wait: WaitForGraph.Wait) -> UInt64 { wait.since }
}
