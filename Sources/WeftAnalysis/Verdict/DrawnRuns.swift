/// What the two runs drawn side by side hold that is larger than the gap between them and is not the schedulers'
/// running of the program: a machine stall (`MachineStalls`), a pool thread the OS did not run while work waited in
/// its queue (`FrozenPoolThreads`), the start-up before main and the end after it (`WallTimeParts`). Each is said with
/// its numbers and with what the reader should not conclude from the panels, so that the headline names what the
/// picture shows most strikingly, not only the race. For a tie over repeated runs, the sentence on the drawn runs
/// themselves (`WallTimeComparison.drawnRunsText`) comes first.
enum DrawnRuns {
    /// The share of its run's wall time below which a start-up before main or an end after it goes unsaid.
    static let notableShare = 0.1

    /// The sentences on run `a` and run `b` as drawn (for Weft: multiplexed, then thread-per-task); none when
    /// nothing in them outweighs their gap. `stallSaid`: the wall-time clause already put the gap down to a stall.
    static func sentences(_ a: RunFigures, _ b: RunFigures, stallSaid: Bool = false) -> [String] {
        var out: [String] = []
        if let ra = a.wallRuns, let rb = b.wallRuns, let comparison = WallTimeComparison(ra, rb),
           let text = comparison.drawnRunsText(firstName: a.scheduler, secondName: b.scheduler) {
            out.append(text)
        }
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        if !stallSaid, let stall = stalls(a, b, gap: gap) { out.append(stall) }
        if let frozen = frozen(a, b, gap: gap) { out.append(frozen) }
        if let outside = outsideMain(a, b, gap: gap) { out.append(outside) }
        return out
    }

    /// "more than the 1.77 ms between the drawn runs".
    static func between(_ gap: UInt64) -> String {
        "more than the \(time(gap)) between the drawn runs"
    }

    /// "Thread-per-task's drawn run lost 6.96 ms to a machine stall (no thread of the process ran): more than the
    /// 1.77 ms between the drawn runs — the gap is not the scheduler's." A stall in the faster run, or in both, says
    /// instead that the drawn runs' lengths do not compare the schedulers. Nil when no stall exceeds the gap.
    static func stalls(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        let over = [a, b].filter { $0.stalled > gap }
        guard !over.isEmpty else { return nil }
        if over.count == 2 {
            return "Both drawn runs lost time to machine stalls (no thread of the process ran): \(a.scheduler) "
                + "\(time(a.stalled)), \(b.scheduler) \(time(b.stalled)), each \(between(gap)) — the drawn runs' "
                + "lengths do not compare the schedulers."
        }
        let run = over[0], slower = run.wallTime > min(a.wallTime, b.wallTime)
        return "\(capitalized(run.scheduler))'s drawn run lost \(time(run.stalled)) to a machine stall (no thread of "
            + "the process ran): \(between(gap)) — "
            + (slower ? "the gap is not the scheduler's." : "the drawn runs' lengths do not compare the schedulers.")
    }

    /// "Multiplexed's drawn run had a pool thread that the OS did not run for 3.56 ms while a task waited in its
    /// queue: more than the 817 µs between the drawn runs — the OS, not the scheduler, may account for the whole
    /// gap." Nil when neither run's frozen time exceeds the gap.
    static func frozen(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        let over = [a, b].filter { $0.frozenPoolThread > gap }
        guard !over.isEmpty else { return nil }
        let what = "a pool thread that the OS did not run while a task waited in its queue"
        if over.count == 2 {
            return "Both drawn runs had \(what) (\(a.scheduler) for \(time(a.frozenPoolThread)), \(b.scheduler) for "
                + "\(time(b.frozenPoolThread))), each \(between(gap)) — the drawn runs' lengths do not compare the schedulers."
        }
        let run = over[0], slower = run.wallTime > min(a.wallTime, b.wallTime)
        return "\(capitalized(run.scheduler))'s drawn run had \(what), for \(time(run.frozenPoolThread)) in all: "
            + "\(between(gap)) — "
            + (slower ? "the OS, not the scheduler, may account for the whole gap."
                : "the drawn runs' lengths do not compare the schedulers.")
    }

    /// "Outside main, the drawn runs took longer than the 340 µs between them: before it started 1.05 ms
    /// (multiplexed) and 1.01 ms (thread-per-task), after it ended 392 µs and 383 µs — the runtime starting and
    /// stopping its threads, not the program, which ran 313 µs under multiplexed and 707 µs under thread-per-task."
    /// Only the parts of which either run spent more than the gap and at least `notableShare` of its wall time (a
    /// start-up of 1 ms in a run of 54 ms is no part of what the picture shows); nil when there are none, or a run has
    /// no main that ended.
    static func outsideMain(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        guard let pa = a.wallParts, let pb = b.wallParts else { return nil }
        func notable(_ part: (WallTimeParts) -> UInt64) -> Bool {
            zip([pa, pb], [a.wallTime, b.wallTime]).contains { parts, wall in
                part(parts) > gap && Double(part(parts)) >= notableShare * Double(wall)
            }
        }
        let before = notable(\.beforeMain), after = notable(\.afterMain)
        guard before || after else { return nil }
        var parts: [String] = []
        var named = false
        func pair(_ x: UInt64, _ y: UInt64) -> String {
            defer { named = true }
            return named ? "\(time(x)) and \(time(y))" : "\(time(x)) (\(a.scheduler)) and \(time(y)) (\(b.scheduler))"
        }
        if before { parts.append("before it started " + pair(pa.beforeMain, pb.beforeMain)) }
        if after { parts.append("after it ended " + pair(pa.afterMain, pb.afterMain)) }
        let what = before && after ? "the runtime starting and stopping its threads"
            : before ? "the runtime starting its threads" : "the runtime stopping its threads"
        return "Outside main, the drawn runs took longer than the \(time(gap)) between them: "
            + parts.joined(separator: ", ") + " — \(what), not the program, which ran \(time(pa.main)) under "
            + "\(a.scheduler) and \(time(pb.main)) under \(b.scheduler)."
    }

    static func time(_ ns: UInt64) -> String { DurationFormat.format(ns) }
    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
