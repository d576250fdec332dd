/// What the two runs drawn side by side hold that is larger than the gap between them and is not the schedulers'
/// running of the program: a machine stall (`MachineStalls`; the verdict's headline says it), a pool thread the OS did not run while work waited in
/// its queue (`FrozenPoolThreads`), the start-up before main and the end after it (`WallTimeParts`). Each is said with
/// its numbers and with what the reader should not conclude from the panels, so that the headline names what the
/// picture shows most strikingly, not only the race. A tie says none of this (`ContrastVerdict.tie`): where neither
/// run is faster, the gap between the drawn runs is no difference to account for.
enum DrawnRuns {
    /// The share of its run's wall time below which a start-up before main or an end after it goes unsaid.
    static let notableShare = 0.1

    /// The sentences on run `a` and run `b` as drawn (for Weft: multiplexed, then thread-per-task); none when
    /// nothing in them outweighs their gap. A machine stall is the verdict's headline's to say (`stalls`).
    static func sentences(_ a: RunFigures, _ b: RunFigures) -> [String] {
        var out: [String] = []
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        if let frozen = frozen(a, b, gap: gap) { out.append(frozen) }
        if let outside = outsideMain(a, b, gap: gap) { out.append(outside) }
        return out
    }

    /// "more than the 1.77 ms between the drawn runs".
    static func between(_ gap: UInt64) -> String {
        "more than the \(time(gap)) between the drawn runs"
    }

    /// The share of the gap between the drawn runs from which a stall of one of them is said.
    static let notableStallShare = 1.0 / 3

    /// "Multiplexed's drawn run stood still for 3.89 ms (no thread of the process ran: the machine paused it), more
    /// than half of the 6.67 ms between the drawn runs: that much of the gap is not the scheduler's." A stall in the
    /// faster run says instead that without it the drawn runs would differ more; stalls in both, that their lengths do
    /// not compare the schedulers. Nil when no stall is at least `notableStallShare` of the gap.
    static func stalls(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        let over = [a, b].filter { $0.stalled > 0 && Double($0.stalled) >= notableStallShare * Double(gap) }
        guard !over.isEmpty else { return nil }
        let paused = "(no thread of the process ran: the machine paused it)"
        if over.count == 2 {
            return "Both drawn runs stood still \(paused), \(a.scheduler)'s for \(time(a.stalled)) and "
                + "\(b.scheduler)'s for \(time(b.stalled)), against the \(time(gap)) between them: their lengths do not "
                + "compare the schedulers."
        }
        let run = over[0], slower = run.wallTime > min(a.wallTime, b.wallTime)
        let share = run.stalled >= gap ? "more than the whole \(time(gap))"
            : run.stalled * 2 >= gap ? "more than half of the \(time(gap))" : "over a third of the \(time(gap))"
        return "\(capitalized(run.scheduler))'s drawn run stood still for \(time(run.stalled)) \(paused), \(share) "
            + "between the drawn runs: "
            + (slower ? (run.stalled >= gap ? "the gap is not the scheduler's." : "that much of the gap is not the scheduler's.")
                : "without it they would differ more.")
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

    /// On the start-up before main and the end after it, where either run spent more than the gap and at least
    /// `notableShare` of its wall time there (a start-up of 1 ms in a run of 54 ms is no part of what the picture
    /// shows). Where the outside parts' difference explains at least half the gap: "The drawn runs differ mostly
    /// outside main, in the runtime starting and stopping its threads: 1.40 ms under multiplexed, 6.10 ms under
    /// thread-per-task; main itself ran 2.32 ms and 2.40 ms." Otherwise, how much of the gap they explain and where the rest is: "Outside main, the runtime starting and
    /// stopping its threads took 1.52 ms and 1.69 ms, which explains 170 µs of the 422 µs gap; inside main the drawn runs differ by 650 µs: 2.32 ms vs 2.97 ms." Nil
    /// when there is nothing to say, or a run has no main that ended.
    static func outsideMain(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        guard let pa = a.wallParts, let pb = b.wallParts else { return nil }
        func notable(_ part: (WallTimeParts) -> UInt64) -> Bool {
            zip([pa, pb], [a.wallTime, b.wallTime]).contains { parts, wall in
                part(parts) > gap && Double(part(parts)) >= notableShare * Double(wall)
            }
        }
        guard notable(\.beforeMain) || notable(\.afterMain) else { return nil }
        let (outA, outB) = (pa.beforeMain + pa.afterMain, pb.beforeMain + pb.afterMain)
        let outsides = DurationFormat.distinct([outA, outB]), mains = DurationFormat.distinct([pa.main, pb.main])
        // The outside parts explain the gap when they differ the same way as the wall times, by half the gap or more.
        let sameWay = (b.wallTime > a.wallTime) == (outB > outA)
        let outsideGap = outA > outB ? outA - outB : outB - outA
        if sameWay && outsideGap * 2 >= gap && gap > 0 {
            return "The drawn runs differ mostly outside main, in the runtime starting and stopping its threads: "
                + "\(outsides[0]) under \(a.scheduler), \(outsides[1]) under \(b.scheduler); main itself ran "
                + "\(mains[0]) and \(mains[1])."
        }
        let mainGap = pa.main > pb.main ? pa.main - pb.main : pb.main - pa.main
        // The outside parts' share of the gap, said as a share rather than yes or no.
        let share = outsideGap == 0 ? "none of the \(time(gap)) gap"
            : sameWay ? "\(time(outsideGap)) of the \(time(gap)) gap"
            : "none of the \(time(gap)) gap (they differ the other way, by \(time(outsideGap)))"
        return "Outside main, the runtime starting and stopping its threads took \(outsides[0]) and \(outsides[1]), "
            + "which explains \(share); inside main the drawn runs differ by \(time(mainGap)): "
            + "\(mains[0]) under \(a.scheduler) vs \(mains[1]) under \(b.scheduler)."
    }

    static func time(_ ns: UInt64) -> String { DurationFormat.format(ns) }
    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
