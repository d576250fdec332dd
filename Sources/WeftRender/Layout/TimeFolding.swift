/// Chooses the stretches of a window to fold: quiet stretches in which nothing drawn changes (no task runs, wakes or
/// changes state, no thread starts or stops, no mutex changes hands) in any of the runs drawn together, which last
/// much longer than the bursts of activity on either side of them (or, with no task alive, as long), and only as many
/// as the bursts need to be seen: where a reader would say "nothing happens", and only where it matters.
///
/// The policy, in order: a stretch is a candidate when it is at least `minimumShare` of the window and `quietFactor`
/// times the longer burst beside it; one in which a task waits on another (a lock, a channel, a condition, a wait
/// group, an actor: the waits a picture is about), of which wait it is at least `storyShare`, only when it is at
/// least `blockedShare` of the window. Then the
/// longest are folded first, stretches alike in length together, and folding stops as soon as every burst between the
/// candidates is `readableWidth` wide, or when the next folds would widen what stays drawn by less than `minimumGain`
/// (the axis then stays linear where folding gains little).
enum TimeFolding {
    /// A folded stretch lasts at least this many times as long as the longer burst beside it.
    static let quietFactor = 3.0
    /// Stretches shorter than this share of the window are never folded: a fold is long against the whole axis.
    static let minimumShare = 0.04
    /// A stretch in which some task waits on another is folded only when it lasts at least this share of the window.
    static let blockedShare = 0.5
    /// A burst this many pixels wide shows its slices, marks and arrows: once every burst is, folding stops.
    static let readableWidth = 48.0
    /// The next folds must shorten the time still drawn open by at least this share, else folding stops.
    static let minimumGain = 0.15
    /// Folds may take at most this share of the plot, at `Metrics.foldWidth` each; that caps their number.
    static let maximumFoldShare = 0.3
    /// Two stretches this close in length are alike: folded together or not at all.
    static let alikeRatio = 0.8
    /// What a task blocked in these states waits on is another task's doing: the story, not a pause.
    static let storyWaits: Set<LaneState> = [.channel, .mutex, .condition, .waitGroup, .actor]
    /// A stretch that is at least this share of such a wait is the wait's story.
    static let storyShare = 0.25

    /// At most this many folds on a plot `plotWidth` pixels wide (never fewer than 6).
    static func maximumFolds(plotWidth: Double) -> Int {
        max(6, Int(plotWidth * maximumFoldShare / Metrics.foldWidth))
    }

    /// The folds for `runs` drawn together over [start, end] on a plot `plotWidth` pixels wide.
    static func folds(_ runs: [RenderTimeline], start: UInt64, end: UInt64, plotWidth: Double) -> [TimeFold] {
        guard end > start else { return [] }
        var bins = ActivityBins(start: start, end: end)
        for run in runs { collect(run, into: &bins, start: start, end: end) }
        let alive = aliveStretches(runs)
        return choose(bins.gaps(), start: start, end: end, plotWidth: plotWidth,
                      taskless: { gap in !overlaps(alive, gap.start, gap.end) },
                      blocked: { gap in waitsOnAnother(runs, in: gap) })
    }

    /// Whether some task of `runs` waits on another through `gap` for a wait of which the stretch is at least
    /// `storyShare` (nothing changes in a quiet stretch: its middle tells). Folding such a stretch would hide how long
    /// the wait lasted; a small piece of a long wait (main waiting on a channel through ten rounds) may fold.
    static func waitsOnAnother(_ runs: [RenderTimeline], in gap: TimeFold) -> Bool {
        let middle = gap.start / 2 + gap.end / 2
        return runs.contains { run in
            run.tasks.contains { task in
                guard let span = span(of: task, at: middle), storyWaits.contains(span.state) else { return false }
                return Double(gap.duration) >= storyShare * Double(span.end - span.start)
            }
        }
    }
    /// When any task of `runs` was alive (from its first state to its last), as disjoint stretches in time order.
    static func aliveStretches(_ runs: [RenderTimeline]) -> [TimeSpan] {
        var lives = runs.flatMap { run in
            run.tasks.compactMap { task in task.spans.first.map { TimeSpan($0.start, task.spans.last!.end) } }
        }
        lives.sort { $0.start < $1.start }
        var merged: [TimeSpan] = []
        for life in lives {
            if let last = merged.last, life.start <= last.end {
                merged[merged.count - 1].end = max(last.end, life.end)
            } else {
                merged.append(life)
            }
        }
        return merged
    }

    /// Whether (a, b) meets one of the disjoint, sorted `stretches`.
    static func overlaps(_ stretches: [TimeSpan], _ a: UInt64, _ b: UInt64) -> Bool {
        var low = 0
        var high = stretches.count
        while low < high {
            let mid = (low + high) / 2
            if stretches[mid].end <= a { low = mid + 1 } else { high = mid }
        }
        return low < stretches.count && stretches[low].start < b
    }

    /// The quiet stretches to fold (the policy above). A burst reaches to the next pause that is either
    /// `minimumShare` of the window or 1/`quietFactor` of the stretch (shorter pauses belong to the burst).
    static func choose(_ gaps: [TimeFold], start: UInt64, end: UInt64, plotWidth: Double,
                       taskless: (TimeFold) -> Bool = { _ in false },
                       blocked: (TimeFold) -> Bool = { _ in false }) -> [TimeFold] {
        let total = Double(end - start)
        guard total > 0, plotWidth > 0 else { return [] }
        let gaps = gaps.sorted { $0.start < $1.start }
        var quiet: [TimeFold] = []
        for (i, gap) in gaps.enumerated() where Double(gap.duration) >= minimumShare * total {
            let longest = Double(gap.duration) / (taskless(gap) ? 1 : quietFactor)
            let pause = min(longest, minimumShare * total)
            if burst(before: i, in: gaps, from: start, pause: pause, longest: longest) <= longest,
               burst(after: i, in: gaps, to: end, pause: pause, longest: longest) <= longest,
               Double(gap.duration) >= blockedShare * total || !blocked(gap) {
                quiet.append(gap)
            }
        }
        let bursts = Self.bursts(between: quiet, start: start, end: end)
        quiet.sort { $0.duration != $1.duration ? $0.duration > $1.duration : $0.start < $1.start }
        var count = 0
        var open = total
        let cap = maximumFolds(plotWidth: plotWidth)
        while count < quiet.count {
            let pixelsPerNanosecond = (plotWidth - Double(count) * Metrics.foldWidth) / max(open, 1)
            if let narrowest = bursts.min(), narrowest * pixelsPerNanosecond >= readableWidth { break }
            // The next stretch and every one alike in length with it, together.
            var next = count + 1
            while next < quiet.count, Double(quiet[next].duration) >= Double(quiet[count].duration) * alikeRatio { next += 1 }
            let gain = quiet[count..<next].reduce(0.0) { $0 + Double($1.duration) }
            guard next <= cap, gain >= minimumGain * open else { break }
            open -= gain
            count = next
        }
        return quiet[..<count].sorted { $0.start < $1.start }
    }

    /// How long each stretch of activity between the `quiet` stretches (or the window's ends) lasts, those of no
    /// length left out.
    static func bursts(between quiet: [TimeFold], start: UInt64, end: UInt64) -> [Double] {
        var t = start
        var lengths: [Double] = []
        for gap in quiet.sorted(by: { $0.start < $1.start }) {
            if gap.start > t { lengths.append(Double(gap.start - t)) }
            t = max(t, gap.end)
        }
        if end > t { lengths.append(Double(end - t)) }
        return lengths
    }

    /// How long the burst before `gaps[i]` lasts: back to the end of the last stretch at least `pause` long (or to
    /// `start`); the search stops once the burst is `longest`.
    static func burst(before i: Int, in gaps: [TimeFold], from start: UInt64, pause: Double, longest: Double) -> Double {
        var j = i - 1
        while j >= 0, Double(gaps[j].duration) < pause, Double(gaps[i].start - gaps[j].end) <= longest { j -= 1 }
        return Double(gaps[i].start - (j >= 0 ? gaps[j].end : start))
    }

    /// How long the burst after `gaps[i]` lasts: up to the start of the next stretch at least `pause` long (or to
    /// `end`); the search stops once the burst is `longest`.
    static func burst(after i: Int, in gaps: [TimeFold], to end: UInt64, pause: Double, longest: Double) -> Double {
        var j = i + 1
        while j < gaps.count, Double(gaps[j].duration) < pause, Double(gaps[j].start - gaps[i].end) <= longest { j += 1 }
        return Double((j < gaps.count ? gaps[j].start : end) - gaps[i].end)
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
                if span.state.isRunning || span.state.isReady || span.state == .cancelled {
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

    /// What a run's tasks were doing through `fold`, in the fewest words: "every task asleep", "2 asleep, 1 blocked on
    /// a channel", or "4 asleep, 3 blocked" when the others wait on more than one kind of thing. The sleepers come
    /// first: they are what the time was spent on. With no task alive, before main it is the start-up ("start-up
    /// before main ran: 3 runtime threads starting"), after main the runtime stopping ("after main: 9 threads
    /// ending"), and after the run's last event "run over" (the folds are shared with the other panel's run).
    static func describe(_ fold: TimeFold, in run: RenderTimeline) -> String {
        let middle = fold.start / 2 + fold.end / 2 + (fold.start % 2 + fold.end % 2) / 2
        var counts: [LaneState: Int] = [:]
        for task in run.tasks {
            if let state = state(of: task, at: middle) { counts[state, default: 0] += 1 }
        }
        let alive = counts.values.reduce(0, +)
        if alive == 0 {
            let span = TimeSpan(fold.start, fold.end)
            // The panels share their folds: a stretch that is the other run's shutdown may come after this run ended.
            if fold.start >= run.facts.axisEnd { return "run over" }
            if run.isBeforeMain(span) { return run.startUpWords }
            if run.isAfterMain(span) { return run.afterMainWords }
            return run.tasks.isEmpty ? "nothing happens" : "no task alive"
        }
        if counts.count == 1, let state = counts.keys.first {
            return alive == 1 ? "the one task \(phrase(state))" : "every task \(phrase(state))"
        }
        let asleep = counts.removeValue(forKey: .sleeping)
        let others: [String]
        if counts.count > 1, asleep != nil {
            others = ["\(Format.count(counts.values.reduce(0, +))) blocked"]
        } else {
            others = LaneState.allCases.compactMap { state in counts[state].map { "\(Format.count($0)) \(phrase(state))" } }
        }
        return ((asleep.map { ["\(Format.count($0)) asleep"] } ?? []) + others).joined(separator: ", ")
    }

    /// The state of `task` at `t`, nil when it is not alive then.
    static func state(of task: TaskTrack, at t: UInt64) -> LaneState? {
        span(of: task, at: t)?.state
    }

    /// The span of `task` that holds `t`, nil when it is not alive then.
    static func span(of task: TaskTrack, at t: UInt64) -> StateSpan? {
        var low = 0
        var high = task.spans.count
        while low < high {
            let mid = (low + high) / 2
            if task.spans[mid].start <= t { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let span = task.spans[low - 1]
        return t < span.end ? span : nil
    }

    /// "asleep", "blocked on a channel", …
    static func phrase(_ state: LaneState) -> String {
        switch state {
        case .running: "running"
        case .runningOrWaitingForCPU: "running or waiting for a CPU"
        case .runnable: "runnable"
        case .channel: "blocked on a channel"
        case .mutex: "blocked on a mutex"
        case .waitGroup: "waiting on a wait group"
        case .join: "joining a task"
        case .condition: "waiting on a condition"
        case .sleeping: "asleep"
        case .unknown: "blocked"
        case .awaitingThread: "waiting for its new thread to start"
        case .wakeLatency: "waiting for a thread to wake"
        case .osWakeDelay: "waiting for the OS to run a woken pool thread"
        case .cancelled: "being cancelled"
        case .suspended: "suspended on Swift work"
        case .actor: "waiting for an actor"
        case .ownThreadOnActor: "waiting for its own thread, busy running an actor for others"
        case .queuedBehindWaker: "queued behind its waker on its pool thread"
        }
    }
}
