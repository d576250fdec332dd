import WeftTrace

/// A task left runnable longer than a threshold while other tasks ran.
public struct StarvationLint: Lint {
    /// One starved wait.
    public struct Finding: Sendable, Equatable {
        public var task: TaskID
        public var start: UInt64
        public var duration: UInt64
        /// Run slices of other tasks during the wait.
        public var othersRan: Int
    }

    /// How long a runnable wait may last (ns).
    public var threshold: UInt64
    public init(threshold: UInt64 = 10_000_000) { self.threshold = threshold }
    public var name: String { "starvation" }
    public var summary: String { "a task runnable for longer than the threshold while other tasks ran" }

    public func check(_ timeline: Timeline) -> [Finding] {
        var findings: [Finding] = []
        for task in timeline.tasks {
            for interval in task.intervals where interval.duration > threshold {
                guard case .runnable = interval.state else { continue }
                let window = interval.start ..< interval.end
                var others = 0
                for thread in timeline.threads {
                    for i in thread.slices.indices(overlapping: window) where thread.slices[i].task != task.id { others += 1 }
                }
                if others > 0 {
                    findings.append(Finding(task: task.id, start: interval.start, duration: interval.duration, othersRan: others))
                }
            }
        }
        return findings.sorted { $0.start != $1.start ? $0.start < $1.start : $0.task < $1.task }
    }

    public func message(_ f: Finding, in timeline: Timeline) -> String {
        "starvation: \(LintText.task(f.task, timeline)) was runnable for \(DurationFormat.format(f.duration)) "
            + "from \(DurationFormat.format(f.start)) while \(f.othersRan) slices of other tasks ran "
            + "(threshold \(DurationFormat.format(threshold)))"
    }

    public func tasks(of f: Finding) -> [TaskID] { [f.task] }
    public func time(of f: Finding) -> UInt64 { f.start }
}
