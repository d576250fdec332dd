/// One or two sentences that state what a comparison of two runs shows, computed from their figures and claiming only
/// what the numbers support: a difference within run-to-run noise is called a tie.
///
/// `weft compare` prints it under its table; the contrast picture opens with it.
public enum ContrastVerdict {
    /// Wall times closer than this share of the shorter one are a tie (runs of one program on a shared machine vary
    /// this much from run to run).
    public static let noiseShare = 0.15
    /// Wall times closer than this (ns) are a tie whatever their ratio: start-up jitter alone is this large.
    public static let noiseFloor: UInt64 = 1_000_000
    /// Peak memories closer than this share are a tie.
    public static let memoryNoiseShare = 0.10

    /// The verdict on run `a` against run `b` (for Weft: multiplexed, then thread-per-task), e.g. "On 2 cores
    /// with a multiplexed pool of 2 threads, thread-per-task used 10,001 OS threads to 3 (×3,334) and 3.70× the peak memory
    /// (612 MiB vs 165 MiB), and finished 412 ms later (1.02 s vs 608 ms)."
    public static func sentences(_ a: RunFigures, _ b: RunFigures) -> String {
        var pool: String?
        if let workers = a.workers ?? b.workers {
            let scheduler = a.workers != nil ? a.scheduler : b.scheduler
            pool = "a \(scheduler) pool of \(workers == 1 ? "1 thread" : "\(count(workers)) threads")"
        }
        var lead = ""
        if let cores = a.cores ?? b.cores {
            lead = "On \(cores == 1 ? "1 core" : "\(count(cores)) cores")" + (pool.map { ", with \($0)" } ?? "") + ", "
        } else if let pool {
            lead = "With \(pool), "
        }
        var claims: [String] = [threads(a, b)]
        if let memory = memory(a, b) { claims.append(memory) }
        var text = lead + b.scheduler + " " + claims.joined(separator: " and ")
        switch (a.problem, b.problem) {
        case (nil, nil):
            text += ", and " + wall(a, b) + "."
        case let (p?, q?):
            text += ". Both runs ended \(p == q ? p : "badly (\(a.scheduler) \(p), \(b.scheduler) \(q))"): their times are not a race."
        case let (p?, nil):
            text += ". Only \(a.scheduler) ended \(p); \(b.scheduler) completed in \(DurationFormat.format(b.wallTime))."
        case let (nil, q?):
            text += ". Only \(b.scheduler) ended \(q); \(a.scheduler) completed in \(DurationFormat.format(a.wallTime))."
        }
        return text
    }

    /// "used 7 OS threads to 3 (×2.3)" or "used as many OS threads (3)".
    static func threads(_ a: RunFigures, _ b: RunFigures) -> String {
        if a.threads == b.threads { return "used as many OS threads (\(count(a.threads)))" }
        let word = b.threads == 1 ? "OS thread" : "OS threads"
        guard a.threads > 0 else { return "used \(count(b.threads)) \(word) to none" }
        return "used \(count(b.threads)) \(word) to \(count(a.threads)) (×\(ratio(Double(b.threads) / Double(a.threads))))"
    }

    /// "3.70× the peak memory (612 MiB vs 165 MiB)", or "about the same peak memory (…, a tie)"; nil without figures.
    static func memory(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let ma = a.peakMemory, let mb = b.peakMemory, ma > 0, mb > 0 else { return nil }
        let pair = "(\(ByteFormat.format(mb)) vs \(ByteFormat.format(ma)))"
        let r = Double(mb) / Double(ma)
        if abs(r - 1) < memoryNoiseShare { return "about the same peak memory \(pair)" }
        return r > 1 ? "\(ratio(r))× the peak memory \(pair)" : "\(ratio(1 / r))× less peak memory \(pair)"
    }

    /// "finished 412 ms later (1.02 s vs 608 ms)" or "finished in about the same time (… — a tie within noise)".
    static func wall(_ a: RunFigures, _ b: RunFigures) -> String {
        let pair = "(\(DurationFormat.format(b.wallTime)) vs \(DurationFormat.format(a.wallTime)))"
        let shorter = min(a.wallTime, b.wallTime)
        let gap = a.wallTime > b.wallTime ? a.wallTime - b.wallTime : b.wallTime - a.wallTime
        if gap < noiseFloor || Double(gap) < noiseShare * Double(shorter) {
            return "finished in about the same time \(pair): a tie within run-to-run noise"
        }
        // The slower run stood still, paused by the machine, for at least half the gap: not the scheduler's doing.
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        if slow.stalled > fast.stalled, slow.stalled - fast.stalled >= gap / 2 {
            return "finished in about the same time \(pair): \(slow.scheduler)'s run stood still for "
                + "\(DurationFormat.format(slow.stalled)) (no task ran or changed state and its 1 ms sampler was silent: "
                + "the whole process paused, most likely by the machine), so the difference is noise"
        }
        return "finished \(DurationFormat.format(gap)) \(b.wallTime > a.wallTime ? "later" : "sooner") \(pair)"
            + (why(a, b, gap: gap).map { ": \($0)" } ?? "")
    }

    /// Why the slower run finished later, when the numbers say so: its tasks took longer to create, by at least half
    /// of the gap ("creating the 1,000 tasks took 33.4 ms (vs 3.30 ms)"); nil otherwise.
    static func why(_ a: RunFigures, _ b: RunFigures, gap: UInt64) -> String? {
        let (slow, fast) = b.wallTime > a.wallTime ? (b, a) : (a, b)
        guard let s = slow.spawning, let f = fast.spawning, s > f, s - f >= gap / 2 else { return nil }
        let tasks = slow.tasks - 1
        return "creating the \(count(tasks)) task\(tasks == 1 ? "" : "s") took \(DurationFormat.format(s)) under \(slow.scheduler)"
            + " (vs \(DurationFormat.format(f)))"
    }

    /// A ratio with three significant digits, thousands grouped above 1,000: "2.33", "12.5", "3,334".
    static func ratio(_ r: Double) -> String {
        r >= 999.5 ? count(Int(r.rounded())) : DurationFormat.significant(r)
    }

    /// "10,000".
    static func count(_ n: Int) -> String { CountFormat.grouped(n) }
}
