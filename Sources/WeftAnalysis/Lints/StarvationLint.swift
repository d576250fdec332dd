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
        var slices: SliceCounter?
        for task in timeline.tasks {
            for interval in Self.readyStretches(task.intervals) where interval.duration > threshold {
                let window = interval.start ..< interval.end
                // Every thread's slices in the window, less the task's own (its running intervals there).
                if slices == nil { slices = SliceCounter(timeline) }
                var own = 0
                for i in task.intervals.indices(overlapping: window) {
                    if case .running = task.intervals[i].state { own += 1 }
                }
                let others = slices!.count(overlapping: window) - own
                if others > 0 {
                    findings.append(Finding(task: task.id, start: interval.start, duration: interval.duration, othersRan: others))
                }
            }
        }
        return findings.sorted { $0.start != $1.start ? $0.start < $1.start : $0.task < $1.task }
    }

    /// The runnable stretches as the trace recorded them: a runnable interval joined with the wait to enter a busy
    /// actor the model made of its end (`ActorEntry.isEntryWait`), or that wait alone when the whole stretch was one.
    static func readyStretches(_ intervals: IntervalList<StateInterval>) -> [StateInterval] {
        var stretches: [StateInterval] = []
        for i in intervals.indices {
            let interval = intervals[i]
            if case .runnable = interval.state {
                stretches.append(interval)
            } else if ActorEntry.isEntryWait(i, in: intervals) {
                if let last = stretches.last, last.end == interval.start, i > 0, case .runnable = intervals[i - 1].state {
                    stretches[stretches.count - 1].end = interval.end
                } else {
                    stretches.append(StateInterval(start: interval.start, end: interval.end, state: .runnable(.woken(by: .none))))
                }
            }
        }
        return stretches
    }

    public func findings(in trace: CheckedTrace) -> (first: [Finding], count: Int) {
        precondition(trace.lints.thresholds.starvation == threshold, "the trace was read with another starvation threshold")
        return (trace.lints.starved.first, trace.lints.starved.count)
    }

    public func message(_ f: Finding, in timeline: Timeline) -> String {
        "starvation: \(LintText.task(f.task, timeline)) was runnable for \(DurationFormat.format(f.duration)) "
            + "from \(DurationFormat.format(f.start)) while \(f.othersRan) slices of other tasks ran "
            + "(threshold \(DurationFormat.format(threshold)))"
    }

    public func tasks(of f: Finding) -> [TaskID] { [f.task] }
    public func time(of f: Finding) -> UInt64 { f.start }
}

/// Counts the run slices of every thread that share time with a window, in O(log slices) per question.
///
/// A slice `start ..< end` shares time with `lower ..< upper` when `start < upper` and it does not end before the
/// window (`end <= lower`, except a zero-length slice at exactly `lower`, which counts, as `TimedInterval.overlaps`
/// says). So the count is the slices starting before `upper` minus those ending too early: two sorted arrays answer it.
struct SliceCounter {
    private var starts: [UInt64] = []
    /// Ends of slices with a length.
    private var ends: [UInt64] = []
    /// Ends (= starts) of zero-length slices.
    private var instants: [UInt64] = []

    init(_ timeline: Timeline) {
        for thread in timeline.threads {
            for slice in thread.slices {
                starts.append(slice.start)
                if slice.start == slice.end { instants.append(slice.end) } else { ends.append(slice.end) }
            }
        }
        starts.sort()
        ends.sort()
        instants.sort()
    }

    /// How many slices share time with the non-empty `window`.
    func count(overlapping window: Range<UInt64>) -> Int {
        SliceCounter.countBelow(window.upperBound, in: starts)
            - SliceCounter.countBelow(window.lowerBound &+ 1, in: ends)   // ends <= lower
            - SliceCounter.countBelow(window.lowerBound, in: instants)    // zero-length before lower
    }

    /// How many values of the sorted `values` are `< bound`.
    static func countBelow(_ bound: UInt64, in values: [UInt64]) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] < bound { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
