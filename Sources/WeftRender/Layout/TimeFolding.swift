/// Chooses the stretches of a window to fold: long quiet stretches in which nothing drawn changes (no task runs,
/// wakes or changes state, no thread starts or stops, no mutex changes hands) in any of the runs drawn together.
enum TimeFolding {
    /// A stretch is folded only when it is at least this share of the time left unfolded.
    static let minimumShare = 0.2
    /// At most this many folds per picture, so that the axis stays readable.
    static let maximumFolds = 6

    /// The folds for `runs` drawn together over [start, end] on a plot `plotWidth` pixels wide.
    static func folds(_ runs: [RenderTimeline], start: UInt64, end: UInt64, plotWidth: Double) -> [TimeFold] {
        guard end > start else { return [] }
        var bins = ActivityBins(start: start, end: end)
        for run in runs { collect(run, into: &bins, start: start, end: end) }
        return choose(bins.gaps(), start: start, end: end, plotWidth: plotWidth)
    }

    /// The longest gaps, each at least `minimumShare` of what is left unfolded once the longer ones are folded,
    /// and long enough that folding gives room back.
    static func choose(_ gaps: [TimeFold], start: UInt64, end: UInt64, plotWidth: Double) -> [TimeFold] {
        var open = Double(end - start)
        let total = open
        var chosen: [TimeFold] = []
        for gap in gaps.sorted(by: { $0.duration > $1.duration }) {
            guard chosen.count < maximumFolds else { break }
            let length = Double(gap.duration)
            // Folding must free clearly more pixels than the fold itself takes.
            guard length >= minimumShare * open, length / total * plotWidth > 3 * Metrics.foldWidth else { break }
            chosen.append(gap)
            open -= length
        }
        return chosen.sorted { $0.start < $1.start }
    }

    private static func collect(_ run: RenderTimeline, into bins: inout ActivityBins, start: UInt64, end: UInt64) {
        for thread in run.threads {
            if let life = thread.lifetime {
                bins.instant(life.start)
                bins.instant(life.end)
            }
            for slice in thread.slices where slice.end >= start && slice.start <= end { bins.busy(slice.start, slice.end) }
        }
        for task in run.tasks {
            for span in task.spans where span.end >= start && span.start <= end {
                if span.state == .running || span.state.isReady || span.state == .cancelled {
                    bins.busy(span.start, span.end)
                } else {
                    bins.instant(span.start)
                    bins.instant(span.end)
                }
            }
            for mark in task.marks { bins.instant(mark.time) }
        }
        for lock in run.locks {
            for hold in lock.holds {
                bins.instant(hold.start)
                bins.instant(hold.end)
            }
            for wait in lock.waits {
                bins.instant(wait.start)
                bins.instant(wait.end)
            }
        }
    }

    /// What a run's tasks were doing through `fold`, e.g. "every task asleep" or "2 asleep, 1 blocked on a channel".
    static func describe(_ fold: TimeFold, in run: RenderTimeline) -> String {
        let middle = fold.start / 2 + fold.end / 2 + (fold.start % 2 + fold.end % 2) / 2
        var counts: [LaneState: Int] = [:]
        for task in run.tasks {
            if let state = state(of: task, at: middle) { counts[state, default: 0] += 1 }
        }
        let alive = counts.values.reduce(0, +)
        if alive == 0 { return run.tasks.isEmpty ? "nothing happens" : "no task alive" }
        if counts.count == 1, let state = counts.keys.first {
            return alive == 1 ? "the one task \(phrase(state))" : "every task \(phrase(state))"
        }
        return LaneState.allCases.compactMap { state in counts[state].map { "\(Format.count($0)) \(phrase(state))" } }
            .joined(separator: ", ")
    }

    /// The state of `task` at `t`, nil when it is not alive then.
    static func state(of task: TaskTrack, at t: UInt64) -> LaneState? {
        var low = 0
        var high = task.spans.count
        while low < high {
            let mid = (low + high) / 2
            if task.spans[mid].start <= t { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let span = task.spans[low - 1]
        return t < span.end ? span.state : nil
    }

    /// "asleep", "blocked on a channel", …
    static func phrase(_ state: LaneState) -> String {
        switch state {
        case .running: "running"
        case .runnable: "runnable"
        case .channel: "blocked on a channel"
        case .mutex: "blocked on a mutex"
        case .waitGroup: "waiting on a wait group"
        case .join: "joining a task"
        case .condition: "waiting on a condition"
        case .sleeping: "asleep"
        case .unknown: "blocked"
        case .awaitingThread: "waiting for its thread"
        case .wakeLatency: "waiting for a pool thread to wake"
        case .cancelled: "being cancelled"
        }
    }
}
