/// One or two sentences that state what a comparison of two runs shows, computed from their figures and claiming only
/// what the numbers support: a difference within run-to-run noise is called a tie (`isTie`; over repeated runs
/// `WallTimeComparison`, a rank test with a margin), and a reason is given
/// only when the trace measures one that accounts for at least half the difference (`VerdictCause`).
///
/// `weft compare` prints it under its table; the contrast picture opens with it.
public enum ContrastVerdict {
    /// Single runs: wall times closer than this share of the shorter one are a tie (runs of one program on a shared
    /// machine vary this much from run to run).
    public static let noiseShare = 0.15
    /// Single runs: wall times closer than this (ns) are a tie whatever their ratio: start-up jitter alone is this large.
    public static let noiseFloor: UInt64 = 1_000_000
    /// Peak memories closer than this share are a tie.
    public static let memoryNoiseShare = 0.10

    /// The verdict on run `a` against run `b` (for Weft: multiplexed, then thread-per-task), e.g. "On 2 cores,
    /// thread-per-task finished 412 ms later than a multiplexed pool of 2 threads (1.02 s vs 608 ms): main spent
    /// 430 ms creating 10,000 tasks and their OS threads (multiplexed: 20.0 ms). Thread-per-task used 10,002 OS
    /// threads instead of 3 and 3.71× the peak memory (612 MiB vs 165 MiB)." Over repeated runs with no winner,
    /// runs that fell in two groups (`RunGroups`) come first. Last, what the two drawn runs hold that outweighs the
    /// gap between them (`DrawnRuns`): for a tie, that they differ by less than the runs varied; a machine stall, a
    /// frozen pool thread, the start-up before main or the end after it.
    public static func sentences(_ a: RunFigures, _ b: RunFigures) -> String {
        capitalized(unCapitalizedSentences(a, b))
    }

    static func unCapitalizedSentences(_ a: RunFigures, _ b: RunFigures) -> String {
        let lead = self.lead(a, b)
        switch (a.problem, b.problem) {
        case (nil, nil):
            // Where neither finished sooner, runs that fell in two groups are the first thing to know: a median then
            // stands for one group. After a difference, they qualify it.
            let groups = self.groups(a, b)
            let clauses = repeated(a, b)?.isTie == true ? groups + [headline(a, b)] : [headline(a, b)] + groups
            let drawn = DrawnRuns.sentences(a, b, stallSaid: wallNamesStall(a, b))
            return lead + clauses.enumerated().map { $0.offset == 0 ? $0.element : capitalized($0.element) }
                .joined(separator: ". ") + ". " + capitalized(b.scheduler) + " " + resources(a, b) + "."
                + drawn.map { " " + $0 }.joined()
        case let (p?, q?):
            return lead + b.scheduler + " " + resources(a, b)
                + ". Both runs ended \(p == q ? p : "badly (\(a.scheduler) \(p), \(b.scheduler) \(q))"): their times are not a race."
        case let (p?, nil):
            return lead + b.scheduler + " " + resources(a, b)
                + ". Only \(a.scheduler) ended \(p); \(b.scheduler) completed in \(DurationFormat.format(b.wallTime))."
        case let (nil, q?):
            return lead + b.scheduler + " " + resources(a, b)
                + ". Only \(b.scheduler) ended \(q); \(a.scheduler) completed in \(DurationFormat.format(a.wallTime))."
        }
    }

    /// The tie rule, the one place it is defined. With several runs of each (`RunFigures.wallRuns`), the rank test
    /// and margin of `WallTimeComparison` (`isTie(repeated:_:)`, which the contrast picture's runs strip asks too).
    /// With a single run of either, when they are closer than `noiseFloor` or than `noiseShare` of the shorter.
    public static func isTie(_ a: RunFigures, _ b: RunFigures) -> Bool {
        if let tie = isTie(repeated: a.wallRuns, b.wallRuns) { return tie }
        let shorter = min(a.wallTime, b.wallTime)
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        return gap < noiseFloor || Double(gap) < noiseShare * Double(shorter)
    }

    /// The tie rule over repeated runs (`WallTimeComparison`): a difference when the runs differ in rank (exact
    /// rank-sum test, p < 0.05; with 2 or 3 runs each, every run of one faster than every run of the other) and the
    /// medians are more than `noiseShare` apart. Nil when either was run once: the single-run rule (`isTie(_:_:)`)
    /// applies then.
    public static func isTie(repeated a: WallTimeRuns?, _ b: WallTimeRuns?) -> Bool? {
        guard let a, let b else { return nil }
        return WallTimeComparison(a, b)?.isTie
    }

    /// "On 2 cores, ", or "" when the cores are unknown.
    static func lead(_ a: RunFigures, _ b: RunFigures) -> String {
        guard let cores = a.cores ?? b.cores else { return "" }
        return "On \(cores == 1 ? "1 core" : "\(count(cores)) cores"), "
    }

    /// Run `a` named for the sentence: "a multiplexed pool of 2 threads", or its scheduler.
    static func name(_ run: RunFigures) -> String {
        guard let workers = run.workers else { return run.scheduler }
        return "a \(run.scheduler) pool of \(workers == 1 ? "1 thread" : "\(count(workers)) threads")"
    }

    /// What follows `b`'s name: "finished 412 ms later than a multiplexed pool of 2 threads (1.02 s vs 608 ms): the
    /// reason", or "finished in about the same time as … (…): a tie within run-to-run noise", or over repeated runs
    /// "finished 300 µs later than … (median of 5 runs each: 1.35 ms vs 1.05 ms; rank test p = 0.0079)" and "tied
    /// with … (median of 5 runs each: …): the medians are only 4.0% apart (Weft calls under 15% a tie) and the runs
    /// interleave (rank test p = 0.42)", or,
    /// one steadily slower by less than the margin, "finished within 15% of … : … steadily slower …".
    static func wall(_ a: RunFigures, _ b: RunFigures) -> String {
        let repeated = repeated(a, b)
        if let repeated, repeated.isTie {
            let (sooner, slower) = a.walls.median <= b.walls.median ? (a.scheduler, b.scheduler) : (b.scheduler, a.scheduler)
            let opening = repeated.isSteadyButSmall
                ? "finished within \(DurationFormat.fixed(noiseShare * 100, decimals: 0))% of" : "tied with"
            return "\(opening) \(name(a)) \(times(a, b)): " + repeated.tieReason(sooner: sooner, slower: slower)
        }
        if repeated == nil && isTie(a, b) {
            return "finished in about the same time as \(name(a)) \(times(a, b)): a tie within run-to-run noise"
        }
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        // The slower run stood still, paused by the machine, for at least half the gap: not the scheduler's doing.
        // Only for single runs: over repeated runs that differ in rank, most runs of one scheduler were slower, and a
        // stall measured in the drawn run alone does not make that noise.
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        if wallNamesStall(a, b) {
            return "finished in about the same time as \(name(a)) \(times(a, b)): \(slow.scheduler)'s run stood still for "
                + "\(DurationFormat.format(slow.stalled)) (no thread of the process recorded anything, its 1 ms sampler silent: "
                + "the whole process paused, most likely by the machine), so the difference is noise"
        }
        let direction = b.wallTime > a.wallTime ? "later" : "sooner"
        var text = "finished \(DurationFormat.format(gap)) \(direction) than \(name(a)) \(times(a, b))"
        if let reason = VerdictCause.reason(slow: slow, fast: fast, gap: gap) {
            text += ": " + (b.wallTime > a.wallTime ? "" : "under \(slow.scheduler), ") + reason
        }
        return text
    }

    /// The comparison over repeated runs (`WallTimeComparison`); nil unless both were run more than once.
    static func repeated(_ a: RunFigures, _ b: RunFigures) -> WallTimeComparison? {
        a.wallRuns.flatMap { a in b.wallRuns.flatMap { WallTimeComparison(a, $0) } }
    }

    /// The clause on wall time: `b`'s name and what follows it (`wall`), or over repeated runs whose medians are
    /// further apart than the tie margin though the runs bear no winner out, "no clear winner between
    /// thread-per-task and a multiplexed pool of 2 threads: multiplexed's median was 19.8% lower (57.6 ms vs
    /// 71.8 ms), but the runs overlap — multiplexed was faster in 20 of 25 pairings, which 5 runs each cannot tell
    /// from chance (p = 0.15)".
    static func headline(_ a: RunFigures, _ b: RunFigures) -> String {
        guard let repeated = repeated(a, b), repeated.isUndecided else { return b.scheduler + " " + wall(a, b) }
        let (sooner, slower) = a.walls.median <= b.walls.median ? (a.scheduler, b.scheduler) : (b.scheduler, a.scheduler)
        return "no clear winner between \(b.scheduler) and \(name(a)): "
            + repeated.undecidedText(sooner: sooner, slower: slower)
    }

    /// Over repeated runs, a clause for each scheduler whose runs fell in two clearly separated groups (`RunGroups`),
    /// which its median would hide: "multiplexed's runs fell in two separate groups: 3 took 5.17 ms – 5.74 ms, 2 took
    /// 7.50 ms – 7.88 ms"; none when neither did.
    static func groups(_ a: RunFigures, _ b: RunFigures) -> [String] {
        [a, b].compactMap { run in run.wallRuns?.groups.map { $0.text(run.scheduler) } }
    }

    /// Whether the clause on wall time puts the gap between single runs down to a stall of the slower one (not a tie
    /// by the single-run rule, and `stallExplains`): the sentences on the drawn runs then do not say it again.
    static func wallNamesStall(_ a: RunFigures, _ b: RunFigures) -> Bool {
        guard repeated(a, b) == nil, !isTie(a, b) else { return false }
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        return stallExplains(slow: slow, fast: fast, gap: gap)
    }

    /// Whether the slower run stood still, paused by the machine, for at least half of `gap` more than the faster
    /// one did: the difference is then noise, not the scheduler's doing.
    static func stallExplains(slow: RunFigures, fast: RunFigures, gap: UInt64) -> Bool {
        slow.stalled > fast.stalled && slow.stalled - fast.stalled >= gap / 2
    }

    /// "(1.02 s vs 608 ms)", or over repeated runs "(median of 5 runs each: 1.02 s vs 608 ms)", with what makes a
    /// difference one after a semicolon ("; rank test p = 0.0079"); `b` first.
    static func times(_ a: RunFigures, _ b: RunFigures) -> String {
        // Written with enough digits that two different times never read alike ("242.9 ms vs 243.1 ms").
        let walls = DurationFormat.distinct([b.wallTime, a.wallTime])
        let pair = "\(walls[0]) vs \(walls[1])"
        let (wa, wb) = (a.walls, b.walls)
        guard wa.count > 1 || wb.count > 1 else { return "(\(pair))" }
        guard let ra = a.wallRuns, let rb = b.wallRuns, let comparison = WallTimeComparison(ra, rb) else {
            return "(median of \(count(wb.count)) and \(count(wa.count)) runs: \(pair))"
        }
        let evidence = comparison.isTie ? "" : "; " + comparison.evidence(slower: comparison.outcome == .firstSooner)
        return "(median of \(comparison.runsEach): \(pair)\(evidence))"
    }

    /// What follows `b`'s name in the sentence on resources: "used 7 OS threads instead of 3 and 3.70× the peak
    /// memory (612 MiB vs 165 MiB)".
    static func resources(_ a: RunFigures, _ b: RunFigures) -> String {
        var claims: [String] = [threads(a, b)]
        if let memory = memory(a, b) { claims.append(memory) }
        return claims.joined(separator: " and ")
    }

    /// "used 7 OS threads instead of 3" or "used as many OS threads (3)".
    static func threads(_ a: RunFigures, _ b: RunFigures) -> String {
        if a.threads == b.threads { return "used as many OS threads (\(count(a.threads)))" }
        let word = b.threads == 1 ? "OS thread" : "OS threads"
        return "used \(count(b.threads)) \(word) instead of \(a.threads > 0 ? count(a.threads) : "none")"
    }

    /// "3.70× the peak memory (612 MiB vs 165 MiB)", or "about the same peak memory (…)"; nil without figures.
    static func memory(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let ma = a.peakMemory, let mb = b.peakMemory, ma > 0, mb > 0 else { return nil }
        // Over repeated runs the figures are the table's medians, which need not be the drawn runs' own peaks.
        let medians = a.walls.count > 1 || b.walls.count > 1 ? "medians " : ""
        let peaks = ByteFormat.distinct(bytes: [Double(mb), Double(ma)])
        let pair = "(\(medians)\(peaks[0]) vs \(peaks[1]))"
        let r = Double(mb) / Double(ma)
        if abs(r - 1) < memoryNoiseShare { return "about the same peak memory \(pair)" }
        return r > 1 ? "\(ratio(r))× the peak memory \(pair)" : "\(ratio(1 / r))× less peak memory \(pair)"
    }

    /// A ratio with three significant digits, thousands grouped above 1,000: "2.33", "12.5", "3,334".
    static func ratio(_ r: Double) -> String { CountFormat.ratio(r) }

    /// "10,000".
    static func count(_ n: Int) -> String { CountFormat.grouped(n) }

    /// "Thread-per-task".
    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
}
