/// The sentence under the diff picture's title that says how run B's wall time compares with run A's and why, from
/// the two runs' figures, with the contrast verdict's rules: a difference within run-to-run noise is a tie
/// (`ContrastVerdict.isTie`), a pause of the machine is named as noise, and a reason is given only when the trace
/// measures one that accounts for at least half the difference (`VerdictCause`).
///
/// Each run is named by its letter and scheduler ("B, thread-per-task,"), since the two may run under any schedulers,
/// the same one included: "B, thread-per-task, finished 40.1 ms later than A, multiplexed (154 ms vs 114 ms): main
/// spent 38.4 ms creating 1,000 tasks and their OS threads (A: 6.82 ms), and after main returned the runtime took
/// 10.2 ms to end its threads (A: 443 µs)."
public enum DiffVerdict {
    /// The sentence on B against A.
    public static func sentence(_ a: RunFigures, _ b: RunFigures) -> String {
        let (nameA, nameB) = ("A, \(a.scheduler)", "B, \(b.scheduler),")
        let walls = DurationFormat.distinct([b.wallTime, a.wallTime])
        let times = "(\(walls[0]) vs \(walls[1]))"
        switch (a.problem, b.problem) {
        case let (p?, q?):
            return "A ended \(p) and B ended \(q): their times are not a race."
        case let (p?, nil):
            return "A ended \(p); B, \(b.scheduler), completed in \(DurationFormat.format(b.wallTime))."
        case let (nil, q?):
            return "B ended \(q); A, \(a.scheduler), completed in \(DurationFormat.format(a.wallTime))."
        case (nil, nil):
            break
        }
        if ContrastVerdict.isTie(a, b) {
            return "\(nameB) finished in about the same time as \(nameA) \(times): a tie within run-to-run noise."
        }
        let bSlower = b.wallTime > a.wallTime
        let (slow, fast) = bSlower ? (b, a) : (a, b)
        let gap = slow.wallTime - fast.wallTime
        let (slowMark, fastMark) = bSlower ? ("B", "A") : ("A", "B")
        if ContrastVerdict.stallExplains(slow: slow, fast: fast, gap: gap) {
            return "\(nameB) finished in about the same time as \(nameA) \(times): \(slowMark)'s run stood still for "
                + "\(DurationFormat.format(slow.stalled)) (the whole process paused, most likely by the machine), so "
                + "the difference is noise."
        }
        var text = "\(nameB) finished \(DurationFormat.format(gap)) \(bSlower ? "later" : "sooner") than \(nameA) \(times)"
        if let reason = VerdictCause.reason(slow: slow, fast: fast, gap: gap, fastName: fastMark) {
            text += ": " + (bSlower ? "" : "in A, ") + reason
            if let ending = VerdictCause.ending(slow: slow, fast: fast, gap: gap, fastName: fastMark) { text += ", and " + ending }
        } else {
            text += "; none of the causes Weft measures (creating tasks, their start-up, hand-offs, waiting for a CPU) accounts for "
                + "half of it in \(slowMark)"
        }
        return text + "."
    }
}
