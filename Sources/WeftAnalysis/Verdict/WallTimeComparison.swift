/// The tie rule over repeated runs (`weft compare --repeat N`): whether one scheduler's wall times are shorter than
/// the other's, decided once from every run, and the words that say why, which the verdict and the contrast picture's
/// runs strip both use.
///
/// A difference needs two things: the runs must differ in rank, an exact two-sided Mann–Whitney U test
/// (`RankSumTest`) at p < `significance`; and the medians must be more than `ContrastVerdict.noiseShare` (15 %) of the
/// shorter apart, the single-run rule's own margin, so that a steady 1 % difference is never called a win however many
/// runs back it. With too few runs for the test ever to reach `significance` (2 or 3 of each, where the smallest
/// p-value is 0.33 or 0.1; `RankSumTest.smallestP`), the rank condition is that every run of one was faster than every
/// run of the other (the two ranges apart), and the words say so. Anything else is a tie.
public struct WallTimeComparison: Sendable, Equatable {
    /// Which of the two finished sooner, or neither.
    public enum Outcome: Sendable, Equatable {
        case firstSooner
        case secondSooner
        case tie
    }

    /// The p-value under which the rank test calls two sets of runs different.
    public static let significance = 0.05

    /// Every run of each.
    public let first: WallTimeRuns
    public let second: WallTimeRuns
    /// The rank test of `first` against `second`; nil when there are too few runs for it to reach `significance`.
    public let test: RankSumTest?
    /// The verdict.
    public let outcome: Outcome

    /// The comparison of two schedulers' runs; nil unless both ran more than once (a single run's rule is another).
    public init?(_ first: WallTimeRuns, _ second: WallTimeRuns) {
        guard first.count > 1 && second.count > 1 else { return nil }
        self.first = first
        self.second = second
        let testable = RankSumTest.smallestP(first.count, second.count) < Self.significance
        let test = testable ? RankSumTest(first.walls, second.walls) : nil
        self.test = test
        let (a, b) = (first.spread, second.spread)
        let firstSooner = a.median < b.median
        let ranked: Bool
        if let test {
            // The runs differ in rank, and in the direction the medians do.
            let firstLower = test.firstLowerPairs * 2 > Double(test.pairs)
            ranked = test.p < Self.significance && firstLower == firstSooner
        } else {
            ranked = firstSooner ? a.high < b.low : b.high < a.low
        }
        let mediansApart = Self.medianShare(a.median, b.median) > ContrastVerdict.noiseShare
        outcome = ranked && mediansApart ? (firstSooner ? .firstSooner : .secondSooner) : .tie
    }

    /// Whether neither finished sooner.
    public var isTie: Bool { outcome == .tie }

    /// Whether the two ranges, lowest to highest, overlap: where they do, the runs interleave.
    public var rangesOverlap: Bool { first.spread.overlaps(second.spread) }

    /// How far apart the medians are, as a share of the shorter one.
    public var medianShare: Double { Self.medianShare(first.spread.median, second.spread.median) }

    /// (longer − shorter) / shorter; 0 when both are 0.
    static func medianShare(_ a: UInt64, _ b: UInt64) -> Double {
        let (low, high) = (min(a, b), max(a, b))
        return low == 0 ? (high == 0 ? 0 : .infinity) : Double(high - low) / Double(low)
    }

    /// "5 runs each", or "5 and 4 runs" (`second` first, as the verdict names it first).
    public var runsEach: String {
        first.count == second.count
            ? "\(CountFormat.grouped(first.count)) runs each"
            : "\(CountFormat.grouped(second.count)) and \(CountFormat.grouped(first.count)) runs"
    }

    /// What the rank condition rested on, in brackets or after a semicolon: "rank test p = 0.0079", or with too few runs
    /// for the test "3 runs each are too few for a rank test".
    public var testText: String {
        if let test { return "rank test " + RankSumTest.text(test.p) }
        return "\(runsEach) are too few for a rank test"
    }

    /// Why a difference is one, said of the scheduler that is `slower` (true) or faster: "rank test p = 0.0079", or
    /// with too few runs for the test "every run slower than every run of the other, the rule when 3 runs each are
    /// too few for a rank test".
    public func evidence(slower: Bool) -> String {
        guard test == nil else { return testText }
        return "every run \(slower ? "slower" : "faster") than every run of the other, the rule when \(testText)"
    }

    /// A tie only by the margin: the runs are ranked apart (or, too few for the test, all apart), but the medians
    /// are within `ContrastVerdict.noiseShare` of each other. The verdict then says "finished within 15% of", not
    /// "tied with", since one scheduler was steadily the slower.
    public var isSteadyButSmall: Bool {
        medianShare <= ContrastVerdict.noiseShare && (test.map { $0.p < Self.significance } ?? !rangesOverlap)
    }

    /// Why neither finished sooner, naming the scheduler with the shorter median `sooner` and the other `slower`:
    /// "the medians are only 4.0% apart (Weft calls under 15% a tie) and the runs interleave (rank test p = 0.42)", or when the runs differ in rank
    /// but the medians are close, "thread-per-task was steadily slower (rank test p = 0.032), but by only 0.6% at
    /// the median, too little to matter (Weft calls a difference under 15% a tie)", or with the medians further
    /// apart than that, why there is no clear winner (`undecidedText`).
    public func tieReason(sooner: String, slower: String) -> String {
        let rankedApart = test.map { $0.p < Self.significance } ?? !rangesOverlap
        let margin = DurationFormat.fixed(ContrastVerdict.noiseShare * 100, decimals: 0)
        guard medianShare > ContrastVerdict.noiseShare else {
            if !rankedApart {
                return "the medians are only \(Self.shareText(medianShare)) apart (Weft calls under \(margin)% a tie) "
                    + "and the runs interleave (\(testText))"
            }
            let steadily = test == nil
                ? "every run of \(slower) was slower than every run of \(sooner)"
                : "\(slower) was steadily slower (\(testText))"
            return steadily + ", but by only \(Self.shareText(medianShare)) at the median, too little to matter "
                + "(Weft calls a difference under \(margin)% a tie)"
        }
        return undecidedText(sooner: sooner, slower: slower)
    }

    /// Whether the medians are further apart than the tie margin but the runs do not bear a winner out: neither
    /// finished sooner, yet it is no tie either. The verdict then says "no clear winner", never "tied".
    public var isUndecided: Bool { isTie && medianShare > ContrastVerdict.noiseShare }

    /// Why there is no clear winner (`isUndecided`), naming the scheduler with the shorter median `sooner`:
    /// "multiplexed's median was 19.8% lower (57.6 ms vs 71.8 ms), but the runs overlap — multiplexed was faster in
    /// 20 of 25 pairings, which 5 runs each cannot tell from chance (p = 0.15)", or with too few runs for the test
    /// "…, but the runs overlap, and 3 runs each are too few for a rank test".
    public func undecidedText(sooner: String, slower: String) -> String {
        let firstSooner = first.spread.median < second.spread.median
        let (low, high) = firstSooner ? (first.spread.median, second.spread.median) : (second.spread.median, first.spread.median)
        let lower = high == 0 ? 0 : Double(high - low) / Double(high)
        let medians = DurationFormat.distinct([low, high])
        let opening = "\(sooner)'s median was \(DurationFormat.fixed(lower * 100, decimals: 1))% lower "
            + "(\(medians[0]) vs \(medians[1])), but the runs overlap"
        guard let test else { return opening + ", and " + testText }
        let wins = firstSooner ? test.firstLowerPairs : Double(test.pairs) - test.firstLowerPairs
        // Not ranked apart, or (rarely) ranked apart the other way round from the medians: the pairs say which.
        return opening + " — \(sooner) was faster in \(Self.pairsText(wins)) of \(CountFormat.grouped(test.pairs)) "
            + "pairings, which \(runsEach) cannot tell from chance (\(RankSumTest.text(test.p)))"
    }

    /// The part of `undecidedText` for a verdict's headline: "multiplexed's median was 19.8% lower (57.6 ms vs
    /// 71.8 ms), but the runs overlap".
    public func undecidedHeadline(sooner: String) -> String {
        let firstSooner = first.spread.median < second.spread.median
        let (low, high) = firstSooner ? (first.spread.median, second.spread.median) : (second.spread.median, first.spread.median)
        let lower = high == 0 ? 0 : Double(high - low) / Double(high)
        let medians = DurationFormat.distinct([low, high])
        return "\(sooner)'s median was \(DurationFormat.fixed(lower * 100, decimals: 1))% lower "
            + "(\(medians[0]) vs \(medians[1])), but the runs overlap"
    }

    /// The part of `undecidedText` for a verdict's detail: "multiplexed was faster in 20 of 25 pairings, which 5 runs
    /// each cannot tell from chance (p = 0.15)", or "3 runs each are too few for a rank test".
    public func undecidedDetail(sooner: String) -> String {
        guard let test else { return testText }
        let firstSooner = first.spread.median < second.spread.median
        let wins = firstSooner ? test.firstLowerPairs : Double(test.pairs) - test.firstLowerPairs
        return "\(sooner) was faster in \(Self.pairsText(wins)) of \(CountFormat.grouped(test.pairs)) pairings, which "
            + "\(runsEach) cannot tell from chance (\(RankSumTest.text(test.p)))"
    }

    /// "4.0%", "66.7%", or from twice on "a factor of 3.00".
    static func shareText(_ share: Double) -> String {
        share >= 1 ? "a factor of \(CountFormat.ratio(1 + share))" : DurationFormat.fixed(share * 100, decimals: 1) + "%"
    }

    /// "20", or with a tied pair "20.5".
    static func pairsText(_ pairs: Double) -> String {
        pairs == pairs.rounded() ? CountFormat.grouped(Int(pairs)) : DurationFormat.fixed(pairs, decimals: 1)
    }
}
