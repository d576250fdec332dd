import WeftTrace

/// Under thread-per-task, the wake-up latency of a woken task's own thread: its ready stretch after a wake (`unblock`)
/// while the threads that wanted a CPU — those running a task, and those whose task was ready after a wake or a
/// yield, this one included — were no more than the machine's cores. A core was free for it, so the task did not
/// wait for a CPU: it waited for the OS to run its woken thread. (Counting only the running threads would call a
/// thousand threads woken at once on two cores "latency": each of them waits for a CPU.) The one definition the picture's states, its header and `weft stats`
/// share (under multiplexed, wake-up latency is instead runnable time while a pool thread idles).
public enum WokenThreadLatency {
    /// Per task, the parts of its woken ready stretches in which fewer threads ran tasks than there are cores, in time
    /// order. Empty unless the run is thread-per-task, with its cores recorded and measured (not virtual) time.
    public static func spans(in timeline: Timeline) -> [TaskID: [Range<UInt64>]] {
        let run = timeline.run
        guard applies(to: run), let cores = run.cores else { return [:] }
        var wanting = timeline.threads.map { $0.slices.elements.map { $0.start ..< $0.end } }
        var wokenByTask: [(TaskID, [Range<UInt64>])] = []
        for task in timeline.tasks {
            var woken: [Range<UInt64>] = []
            var ready: [Range<UInt64>] = []
            for interval in task.intervals.elements where interval.end > interval.start {
                guard case .runnable(let cause) = interval.state else { continue }
                switch cause {
                case .woken: woken.append(interval.start ..< interval.end)
                case .yielded: ready.append(interval.start ..< interval.end)
                case .created: break // its thread may not exist yet: it wants no CPU
                }
            }
            wanting.append(woken + ready)
            if !woken.isEmpty { wokenByTask.append((task.id, woken)) }
        }
        // A woken stretch is counted among the threads wanting a CPU itself: a core was free while they were ≤ cores.
        let free = freeCoreSpans(busy: wanting, cores: cores + 1)
        var result: [TaskID: [Range<UInt64>]] = [:]
        for (task, woken) in wokenByTask {
            let latency = overlap(woken, free)
            if !latency.isEmpty { result[task] = latency }
        }
        return result
    }

    /// Whether the definition applies to `run`: thread-per-task, its cores recorded, its time measured.
    public static func applies(to run: RunInfo) -> Bool {
        run.scheduler == "thread-per-task" && run.cores != nil && !run.hasVirtualTime
    }

    /// The latency summed over every task (ns), from the woken ready stretches `woken` (any order, disjoint per task),
    /// the ready stretches after a yield `yielded` and the threads' run slices `busy` (any order), on `cores` cores:
    /// what `weft stats` counts.
    public static func total(woken: [Range<UInt64>], yielded: [Range<UInt64>], busy: [Range<UInt64>],
                             cores: Int) -> UInt64 {
        // Woken stretches of different tasks overlap one another: each is measured on its own.
        var sweep = WokenLatencySweep()
        for span in busy { sweep.add(span, woken: false) }
        for span in yielded { sweep.add(span, woken: false) }
        for span in woken { sweep.add(span, woken: true) }
        return sweep.total(cores: cores)
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
