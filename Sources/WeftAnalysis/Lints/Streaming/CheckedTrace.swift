import WeftTrace

/// A trace read for `weft check` in one pass (`TimelineBuilder.check`): the run and its tasks, threads and objects,
/// without their intervals, slices, messages and holds, and what the lints gathered from them while reading.
public struct CheckedTrace: Sendable {
    /// The model without its per-event lists: used only to word findings (names, labels), never handed out.
    private(set) var skeleton: Timeline
    let lints: LintAccumulator
    /// The wait-for graph at the end, and its cycles (the deadlock lint's findings, which the leak lint leaves out).
    let graph: WaitForGraph
    let cycles: [[WaitForGraph.Wait]]
    /// How many records the reading held at its end (lints, builder and model, not counting the model's objects):
    /// a figure for tests that memory does not grow with the events.
    public let retainedRecords: Int

    init(skeleton: Timeline, lints: LintAccumulator, evidence: WaitEvidence, builderRecords: Int) {
        self.skeleton = skeleton
        self.lints = lints
        graph = WaitForGraph(skeleton, evidence: evidence)
        cycles = graph.cycles()
        retainedRecords = builderRecords + lints.retainedRecords + evidence.held
    }

    /// The run: metadata, scheduler, times, outcome, samples, event counts, anomalies.
    public var run: RunInfo {
        get { skeleton.run }
        set { skeleton.run = newValue }
    }

    /// How many findings of starvation and never-yields were kept worded (the earliest); the counts are exact.
    public var detailLimit: Int { lints.detailLimit }
}

extension Lint {
    /// How many findings there are in `trace`, and the first `limit` of them worded (at most the trace's
    /// `detailLimit` for the lints that keep only the earliest).
    public func run(_ trace: CheckedTrace, wording limit: Int) -> (results: [LintResult], count: Int) {
        let (first, count) = findings(in: trace)
        let results = first.prefix(Swift.max(limit, 0)).map { finding in
            LintResult(lint: name, message: message(finding, in: trace.skeleton), tasks: tasks(of: finding).map(\.rawValue),
                       time: time(of: finding))
        }
        return (results, count)
    }
}
