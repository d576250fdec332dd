import WeftTrace

/// Under thread-per-task, the wake-up latency of a woken task's own thread: its ready stretch after a wake (`unblock`)
/// while the threads that wanted a CPU — those running a task, and those whose task was ready after a wake or a
/// yield, this one included — were no more than the machine's cores. A core was free for it, so the task did not
/// wait for a CPU: it waited for the OS to run its woken thread. (Counting only the running threads would call a
/// thousand threads woken at once on two cores "latency": each of them waits for a CPU.) The one definition the picture's yellow stretches, its header and
/// `weft stats` share: the picture draws `spans` and prints their `total`; `weft stats`, which reads the trace once
/// and keeps no slices, sums the same stretches as it reads (`WokenLatencySweep`), and a test holds both equal on every
/// committed trace (under multiplexed, wake-up latency is instead runnable time while a pool thread idles).
public enum WokenThreadLatency {
    /// Per task, the parts of its woken ready stretches in which the threads wanting a CPU fit the cores, in time
    /// order. Empty unless the run is thread-per-task, with its cores recorded and measured (not virtual) time. Reads
    /// the tasks' intervals and the threads' slices: call it before either is let go.
    public static func spans(in timeline: Timeline) -> [TaskID: [Range<UInt64>]] {
        let run = timeline.run
        guard applies(to: run), let cores = run.cores else { return [:] }
        var stretches = ReadyStretches()
        for task in timeline.tasks {
            for interval in task.intervals.elements { stretches.add(interval, of: task.id) }
        }
        let busy = timeline.threads.flatMap { $0.slices.elements.map { $0.start ..< $0.end } }
        return spans(stretches, busy: busy, cores: cores)
    }

    /// Per task, the parts of the woken ready stretches of `ready` in which the threads wanting a CPU — those whose
    /// run slices are `busy` (any order), and those ready after a wake or a yield — were no more than `cores`, in time
    /// order: the one computation the picture draws and `weft stats` sums.
    public static func spans(_ ready: ReadyStretches, busy: [Range<UInt64>], cores: Int)
        -> [TaskID: [Range<UInt64>]] {
        guard !ready.woken.isEmpty else { return [:] }
        // A woken stretch is counted among the threads wanting a CPU itself: a core was free while they were ≤ cores.
        let free = freeCoreSpans(busy: [busy, ready.woken.map(\.span), ready.yielded], cores: cores + 1)
        var byTask: [TaskID: [Range<UInt64>]] = [:]
        for stretch in ready.woken { byTask[stretch.task, default: []].append(stretch.span) }
        var result: [TaskID: [Range<UInt64>]] = [:]
        for (task, woken) in byTask {
            let latency = overlap(woken.sorted { $0.lowerBound < $1.lowerBound }, free)
            if !latency.isEmpty { result[task] = latency }
        }
        return result
    }

    /// The latency summed over every task and span of `spans` (ns): what `weft stats` prints.
    public static func total(_ spans: [TaskID: [Range<UInt64>]]) -> UInt64 {
        spans.values.reduce(0) { sum, task in task.reduce(sum) { $0 &+ ($1.upperBound - $1.lowerBound) } }
    }

    /// Whether the definition applies to `run`: thread-per-task, its cores recorded, its time measured.
    public static func applies(to run: RunInfo) -> Bool {
        run.scheduler == "thread-per-task" && run.cores != nil && !run.hasVirtualTime
    }

    /// The stretches in which fewer of the threads whose busy times are `busy` ran than there are `cores`, in time
    /// order, from the first instant to the last of all busy times plus the open ends (`0 ..< first`, `last ..< max`).
    public static func freeCoreSpans(busy: [[Range<UInt64>]], cores: Int) -> [Range<UInt64>] {
        var spans: [Range<UInt64>] = []
        var running = 0
        var since: UInt64 = 0
        func add(_ span: Range<UInt64>) {
            guard !span.isEmpty else { return }
            if let last = spans.last, last.upperBound == span.lowerBound {
                spans[spans.count - 1] = last.lowerBound ..< span.upperBound
            } else {
                spans.append(span)
            }
        }
        for edge in CoreUse.edges(of: busy) {
            if running < cores { add(since ..< edge.time) }
            running += edge.delta
            since = edge.time
        }
        add(since ..< UInt64.max)
        return spans
    }

    /// The parts of the sorted, disjoint `a` inside the sorted, disjoint `b`.
    static func overlap(_ a: [Range<UInt64>], _ b: [Range<UInt64>]) -> [Range<UInt64>] {
        var result: [Range<UInt64>] = []
        var j = 0
        for span in a {
            while j < b.count && b[j].upperBound <= span.lowerBound { j += 1 }
            var k = j
            while k < b.count && b[k].lowerBound < span.upperBound {
                let part = max(span.lowerBound, b[k].lowerBound) ..< min(span.upperBound, b[k].upperBound)
                if !part.isEmpty { result.append(part) }
                k += 1
            }
        }
        return result
    }
}

/// A run's ready stretches that thread-per-task's wake-up latency is read from (`WokenThreadLatency`): those after a
/// wake, by task, and those after a yield. A stretch after the task's creation is not kept: its thread may not exist
/// yet, so it wants no CPU.
public struct ReadyStretches: Sendable {
    /// The ready stretches after a wake, each with its task, in the order added.
    public private(set) var woken: [(task: TaskID, span: Range<UInt64>)] = []
    /// The ready stretches after a yield, in the order added.
    public private(set) var yielded: [Range<UInt64>] = []

    public init() {}

    /// Keeps `interval` of task `task` if it is a ready stretch after a wake or a yield, of nonzero length.
    @inline(__always)
    public mutating func add(_ interval: StateInterval, of task: TaskID) {
        guard case .runnable(let cause) = interval.state, interval.end > interval.start else { return }
        switch cause {
        case .woken: woken.append((task, interval.start ..< interval.end))
        case .yielded: yielded.append(interval.start ..< interval.end)
        case .created: break
        }
    }
}
