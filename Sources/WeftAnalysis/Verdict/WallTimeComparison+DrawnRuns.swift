extension WallTimeComparison {
    /// For a tie, one sentence on the two runs kept and drawn (each scheduler's median run), so that panels showing
    /// one run each do not suggest a winner the runs as a whole do not support: "The drawn runs (each scheduler's
    /// median run) differ by 300 µs, less than either scheduler's own runs varied (2.71 ms and 2.31 ms): they show how each scheduler ran the work, not which is
    /// faster." Said of whichever holds: the gap is under both ranges, under one, or within the tie margin. Nil for a
    /// difference.
    public func drawnRunsText(firstName: String, secondName: String) -> String? {
        guard isTie else { return nil }
        let (a, b) = (first.walls[first.drawn], second.walls[second.drawn])
        let gap = a > b ? a - b : b - a
        let (widthA, widthB) = (first.spread.high - first.spread.low, second.spread.high - second.spread.low)
        var text = "The drawn runs (each scheduler's median run) differ by \(DurationFormat.format(gap))"
        if gap < min(widthA, widthB) {
            text += ", less than either scheduler's own runs varied (\(DurationFormat.format(widthA)) and "
                + "\(DurationFormat.format(widthB)))"
        } else if gap < max(widthA, widthB) {
            let (name, width) = widthA > widthB ? (firstName, widthA) : (secondName, widthB)
            text += ", less than \(name)'s own runs varied (\(DurationFormat.format(width)))"
        } else if Self.medianShare(a, b) <= ContrastVerdict.noiseShare {
            text += " (\(Self.shareText(Self.medianShare(a, b)))), within the "
                + "\(DurationFormat.fixed(ContrastVerdict.noiseShare * 100, decimals: 0))% Weft calls a tie"
        } else {
            text += ", a difference the other runs do not bear out"
        }
        return text + ": they show how each scheduler ran the work, not which is faster."
    }
}
