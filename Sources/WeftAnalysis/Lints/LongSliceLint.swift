import WeftTrace

/// A task that ran without yielding its thread for longer than a threshold.
public struct LongSliceLint: Lint {
    /// How long a run slice may last (ns).
    public var threshold: UInt64
    public init(threshold: UInt64 = 10_000_000) { self.threshold = threshold }
    public var name: String { "never-yields" }
    public var summary: String { "a run slice longer than the threshold: the task held its thread without awaiting" }

    public func check(_ timeline: Timeline) -> [(thread: ThreadID, slice: RunSlice)] {
        var findings: [(thread: ThreadID, slice: RunSlice)] = []
        for thread in timeline.threads {
            for slice in thread.slices where slice.duration > threshold { findings.append((thread.id, slice)) }
        }
        return findings.sorted { $0.slice.start != $1.slice.start ? $0.slice.start < $1.slice.start : $0.thread < $1.thread }
    }

    public func findings(in trace: CheckedTrace) -> (first: [(thread: ThreadID, slice: RunSlice)], count: Int) {
        precondition(trace.lints.thresholds.longSlice == threshold, "the trace was read with another never-yields threshold")
        return (trace.lints.longSlices.first, trace.lints.longSlices.count)
    }

    public func message(_ f: (thread: ThreadID, slice: RunSlice), in timeline: Timeline) -> String {
        let label = timeline.thread(f.thread)?.label ?? f.thread.description
        return "never yields: \(LintText.task(f.slice.task, timeline)) ran \(DurationFormat.format(f.slice.duration)) "
            + "without awaiting on \(f.thread) (\(label)) from \(DurationFormat.format(f.slice.start)) "
            + "(threshold \(DurationFormat.format(threshold)))"
    }

    public func tasks(of f: (thread: ThreadID, slice: RunSlice)) -> [TaskID] { [f.slice.task] }
    public func time(of f: (thread: ThreadID, slice: RunSlice)) -> UInt64 { f.slice.start }
}
