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

    /// The verdict on run `a` against run `b` (for Weft: multiplexed, then thread-per-task), as one paragraph: the
    /// headline, then the detail (`verdict`).
    public static func sentences(_ a: RunFigures, _ b: RunFigures) -> String {
        verdict(a, b).text
    }

    /// The verdict on run `a` against run `b` (for Weft: multiplexed, then thread-per-task), `a` named first.
    ///
    /// The headline: "On 2 cores, multiplexed (2 pool threads) finished 412 ms sooner than thread-per-task (608 ms vs
    /// 1.02 s): under thread-per-task, main spent 430 ms creating 10,000 tasks and their OS threads (multiplexed:
    /// 20.0 ms). Thread-per-task used 10,002 OS threads instead of 3 and 3.71× the peak memory (612 MiB vs 165 MiB under multiplexed)."
    /// Where the slower drawn run stood still for a substantial share of the gap, that is its second sentence
    /// (`DrawnRuns.stalls`). Where neither finished sooner, the verdict says instead where the two schedulers differed
    /// in running the same work (`tie`).
    ///
    /// The detail: the statistics behind a decision over repeated runs, runs that fell in two groups (`RunGroups`),
    /// then what the two drawn runs hold that outweighs the gap between them (`DrawnRuns`).
    public static func verdict(_ a: RunFigures, _ b: RunFigures) -> VerdictText {
        let lead = self.lead(a, b)
        switch (a.problem, b.problem) {
        case (nil, nil):
            break
        case let (p?, q?):
            return VerdictText(headline: capitalized(lead + b.scheduler + " " + resources(a, b))
                + ". Both runs ended \(p == q ? p : "badly (\(a.scheduler) \(p), \(b.scheduler) \(q))"): their times are not a race.")
        case let (p?, nil):
            return VerdictText(headline: capitalized(lead + b.scheduler + " " + resources(a, b))
                + ". Only \(a.scheduler) ended \(p); \(b.scheduler) completed in \(DurationFormat.format(b.wallTime)).")
        case let (nil, q?):
            return VerdictText(headline: capitalized(lead + b.scheduler + " " + resources(a, b))
                + ". Only \(b.scheduler) ended \(q); \(a.scheduler) completed in \(DurationFormat.format(a.wallTime)).")
        }
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        if !wallNamesStall(a, b), repeated(a, b)?.isTie ?? isTie(a, b) { return tie(a, b, gap: gap) }
        let resourcesSentence = capitalized(b.scheduler) + " " + resources(a, b) + "."
        var detail: [String] = []
        if let evidence = evidence(a, b) { detail.append(evidence) }
        if let unexplained = unexplained(a, b) { detail.append(unexplained) }
        detail += groups(a, b).map { capitalized($0) + "." }
        var headline = capitalized(lead + wall(a, b)) + "."
        if let stall = DrawnRuns.stalls(a, b, gap: gap), !wallNamesStall(a, b) {
            headline += " " + stall
            detail.append(resourcesSentence)
        } else {
            headline += " " + resourcesSentence
        }
        detail += DrawnRuns.sentences(a, b)
        return VerdictText(headline: headline, detail: detail.joined(separator: " "))
    }

    /// The verdict when neither run finished sooner (a tie, a steady but small difference, or no clear winner). The
    /// headline, at most two lines in the picture: one sentence with the medians, then where the two schedulers
    /// differed in running the same work (`TieContrast`): "On 2 cores, multiplexed (2 pool threads) and thread-per-task
    /// took about as long (medians of 5 runs: 90.3 ms vs 83.4 ms; thread-per-task's runs took 81.2 ms – 147 ms). Both
    /// waited for the same 2 cores, in different places: …". The detail: the statistics and what the panels show in
    /// one sentence (a steady difference under the margin called real but small), the resources, runs that fell in
    /// two groups, and a stall of the machine as large as a third of the gap between the drawn runs.
    static func tie(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> VerdictText {
        var headline = capitalized(lead(a, b) + wall(a, b)) + "."
        if let contrast = TieContrast.sentence(a, b) { headline += " " + contrast }
        var detail: [String] = []
        if let repeated = repeated(a, b) {
            let margin = DurationFormat.fixed(noiseShare * 100, decimals: 0)
            let rule = repeated.test == nil
                ? "when every run of one beats every run of the other"
                : "at p < \(DurationFormat.fixed(WallTimeComparison.significance, decimals: 2))"
            detail.append(capitalized(repeated.testText) + "; Weft calls a win only \(rule) with the medians over "
                + "\(margin)% apart, so " + (repeated.isSteadyButSmall ? "this difference is real but small: " : "")
                + "the panels show how each ran the work, not which is faster.")
        }
        detail.append(capitalized(b.scheduler) + " " + resources(a, b) + ".")
        detail += groups(a, b).map { capitalized($0) + "." }
        if let stall = DrawnRuns.stalls(a, b, gap: gap) { detail.append(stall) }
        return VerdictText(headline: headline, detail: detail.joined(separator: " "))
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

    /// Run `a` named for the sentence: "multiplexed (2 pool threads)", or its scheduler.
    static func name(_ run: RunFigures) -> String {
        guard let workers = run.workers else { return run.scheduler }
        return "\(run.scheduler) (\(workers == 1 ? "1 pool thread" : "\(count(workers)) pool threads"))"
    }

    /// The clause on wall time, `a` named first: "multiplexed (2 pool threads) finished 412 ms sooner than
    /// thread-per-task (608 ms vs 1.02 s): under thread-per-task, the reason"; "multiplexed (2 pool threads) and
    /// thread-per-task took about as long (medians of 5 runs: 3.72 ms vs 4.20 ms)"; one steadily slower by less than the
    /// tie margin, "multiplexed (2 pool threads) took 7.9% longer than thread-per-task in every run (medians of 5 runs:
    /// 91.6 ms vs 85.0 ms)", the detail saying it is real but small; or "no clear winner
    /// between …: multiplexed's median was 19.8% lower (57.6 ms vs 71.8 ms), but the runs overlap". The statistics go
    /// to the detail (`evidence`).
    static func wall(_ a: RunFigures, _ b: RunFigures) -> String {
        let repeated = repeated(a, b)
        let both = "\(name(a)) and \(b.scheduler)"
        if let repeated, repeated.isUndecided {
            let sooner = a.walls.median <= b.walls.median ? a.scheduler : b.scheduler
            let ranges = "\(a.scheduler)'s runs took \(range(a.walls)), \(b.scheduler)'s \(range(b.walls))"
            return "no clear winner between \(both): " + repeated.undecidedHeadline(sooner: sooner) + " (\(ranges))"
        }
        if let repeated, repeated.isTie {
            guard repeated.isSteadyButSmall else { return "\(both) took about as long \(times(a, b, ranges: true))" }
            let longer = a.walls.median > b.walls.median
            return "\(name(a)) took \(WallTimeComparison.shareText(repeated.medianShare)) \(longer ? "longer" : "less time") "
                + "than \(b.scheduler) \(repeated.rangesOverlap ? "run after run" : "in every run") \(times(a, b))"
        }
        if repeated == nil && isTie(a, b) {
            return "\(both) took about as long \(times(a, b)): a tie within run-to-run noise"
        }
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        if wallNamesStall(a, b) {
            return "\(both) took about as long \(times(a, b)): \(slow.scheduler)'s run stood still for "
                + "\(DurationFormat.format(slow.stalled)) (no thread of the process ran: the machine paused it), so the "
                + "difference is noise"
        }
        var text = "\(name(a)) finished \(DurationFormat.format(gap(a, b))) \(a.wallTime < b.wallTime ? "sooner" : "later") "
            + "than \(b.scheduler) \(times(a, b))"
        if let reason = VerdictCause.reason(slow: slow, fast: fast, gap: gap(a, b)) {
            text += ": " + (a.wallTime > b.wallTime ? "" : "under \(slow.scheduler), ") + reason
            if let ending = VerdictCause.ending(slow: slow, fast: fast, gap: gap(a, b)) { text += ", and " + ending }
        }
        return text
    }

    /// The statistics behind a judgement over repeated runs, for the detail, in one short clause (the medians are in
    /// the headline): "Rank test p = 0.0079; Weft calls a win only at p < 0.05 with the medians over 15% apart." Nil
    /// for single runs.
    static func evidence(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let repeated = repeated(a, b) else { return nil }
        let margin = DurationFormat.fixed(noiseShare * 100, decimals: 0)
        let significance = DurationFormat.fixed(WallTimeComparison.significance, decimals: 2)
        guard repeated.test != nil else {
            return capitalized(repeated.testText) + "; Weft calls a win only when every run of one beats every run of "
                + "the other and the medians are over \(margin)% apart."
        }
        return capitalized(repeated.testText) + "; Weft calls a win only at p < \(significance) with the medians over "
            + "\(margin)% apart."
    }

    /// For a winner the trace gives no reason for: "None of the causes Weft measures (…) accounts for half the gap:
    /// the trace does not say why."; nil otherwise.
    static func unexplained(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard !isTie(a, b), !wallNamesStall(a, b) else { return nil }
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        guard VerdictCause.reason(slow: slow, fast: fast, gap: gap(a, b)) == nil else { return nil }
        return "None of the causes Weft measures (creating tasks, their start-up, hand-offs, waits on the path that set "
            + "the wall time, waiting for a CPU) accounts for half the gap: the trace does not say why."
    }

    /// The gap (ns) between the two runs' wall times.
    static func gap(_ a: RunFigures, _ b: RunFigures) -> UInt64 {
        a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
    }

    /// The comparison over repeated runs (`WallTimeComparison`); nil unless both were run more than once.
    static func repeated(_ a: RunFigures, _ b: RunFigures) -> WallTimeComparison? {
        a.wallRuns.flatMap { a in b.wallRuns.flatMap { WallTimeComparison(a, $0) } }
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

    /// "(608 ms vs 1.02 s)", or over repeated runs "(medians of 5 runs: 608 ms vs 1.02 s)"; `a` first. With `ranges`,
    /// a scheduler whose runs were uneven, the slowest at least `unevenRuns` times the fastest, has its range said too,
    /// which its median would hide: "(medians of 5 runs: 90.3 ms vs 83.4 ms; thread-per-task's runs took 81.2 ms –
    /// 147 ms)".
    static func times(_ a: RunFigures, _ b: RunFigures, ranges: Bool = false) -> String {
        // Written with enough digits that two different times never read alike ("242.9 ms vs 243.1 ms").
        let walls = DurationFormat.distinct([a.wallTime, b.wallTime])
        var pair = "\(walls[0]) vs \(walls[1])"
        let (wa, wb) = (a.walls, b.walls)
        guard wa.count > 1 || wb.count > 1 else { return "(\(pair))" }
        let uneven = [a, b].filter { ranges && $0.walls.count > 1 && Double($0.walls.high) >= unevenRuns * Double($0.walls.low) }
        if !uneven.isEmpty {
            pair += "; " + uneven.map { "\($0.scheduler)'s runs took \(range($0.walls))" }.joined(separator: ", ")
        }
        if wa.count == wb.count { return "(medians of \(count(wa.count)) runs: \(pair))" }
        return "(medians of \(count(wa.count)) and \(count(wb.count)) runs: \(pair))"
    }

    /// The ratio of the slowest run to the fastest from which a tie's headline says a scheduler's range of runs.
    static let unevenRuns = 1.5

    /// "81.2 ms – 147 ms": the fastest and slowest of a scheduler's runs.
    static func range(_ walls: Spread<UInt64>) -> String {
        let ends = DurationFormat.distinct([walls.low, walls.high])
        return "\(ends[0]) – \(ends[1])"
    }

    /// What follows `b`'s name in the sentence on resources: "used 7 OS threads instead of 3 and 3.70× the peak
    /// memory (612 MiB vs 165 MiB under multiplexed)".
    static func resources(_ a: RunFigures, _ b: RunFigures) -> String {
        var claims: [String] = [threads(a, b)]
        if let memory = memory(a, b) { claims.append(memory) }
        return claims.joined(separator: " and ")
    }

    /// "used 7 OS threads instead of 3", with "(at most 5 at once)" where fewer of them were alive at once, or "used
    /// as many OS threads (3)".
    static func threads(_ a: RunFigures, _ b: RunFigures) -> String {
        if a.threads == b.threads { return "used as many OS threads (\(count(a.threads)))" }
        let word = b.threads == 1 ? "OS thread" : "OS threads"
        let atOnce = b.peakThreads.map { $0 < b.threads ? " (at most \(count($0)) at once)" : "" } ?? ""
        return "used \(count(b.threads)) \(word)\(atOnce) instead of \(a.threads > 0 ? count(a.threads) : "none")"
    }

    /// "3.70× the peak memory (612 MiB vs 165 MiB under multiplexed)", or "about the same peak memory (…)"; nil
    /// without figures. The pair names `a`'s figure, since the headline's times name `a` first and this clause `b`.
    static func memory(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let ma = a.peakMemory, let mb = b.peakMemory, ma > 0, mb > 0 else { return nil }
        // Over repeated runs the figures are the table's medians, which need not be the drawn runs' own peaks.
        let medians = a.walls.count > 1 || b.walls.count > 1 ? "medians " : ""
        let peaks = ByteFormat.distinct(bytes: [Double(mb), Double(ma)])
        let pair = "(\(medians)\(peaks[0]) vs \(peaks[1]) under \(a.scheduler))"
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
