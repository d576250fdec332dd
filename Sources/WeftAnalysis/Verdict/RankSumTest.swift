/// The exact two-sided Mann–Whitney U test (Wilcoxon rank-sum test) on two small samples: how likely two sets of
/// measurements this far apart in rank are when both come from one distribution.
///
/// The values of both samples are ranked together (1 for the lowest). Under the null hypothesis every split of the
/// pooled ranks into a first sample of `first` values and a second of `second` values is equally likely, so the exact
/// null distribution of the first sample's rank sum is counted, not approximated: the number of subsets of each size
/// and rank sum follows from the standard recurrence (each pooled rank is either in the subset or not,
/// `count[k][s] += count[k-1][s - rank]`). The p-value is the share of the C(n1 + n2, n1) splits whose rank sum lies
/// at least as far from its mean, n1 (n1 + n2 + 1) / 2, as the observed one does (two-sided). With no ties this is
/// the textbook exact test: 5 against 5 values all apart gives p = 2/252 = 0.0079.
///
/// Ties: values that are equal get the mean of the ranks they span (mid-ranks), and the null distribution is counted
/// over those same mid-ranks, so it is the exact permutation distribution given the ties (no tie correction, no normal
/// approximation). Mid-ranks are kept doubled, so every rank sum is a whole number.
///
/// Counts are `Double`s: whole numbers up to 2^53, which covers every split of up to 26 values each exactly; beyond
/// that each count is rounded in its 16th significant digit. The work grows as (n1 + n2)² · min(n1, n2)²: instant
/// for the 2–30 runs of `weft compare --repeat`, under a second at its limit of 100 runs each.
public struct RankSumTest: Sendable, Equatable {
    /// The two sample sizes.
    public let firstCount: Int
    public let secondCount: Int
    /// Of the `firstCount × secondCount` pairs of one value from each sample, those in which the first sample's value
    /// is the lower, a tied pair counting one half: the Mann–Whitney U of the second sample.
    public let firstLowerPairs: Double
    /// The exact two-sided p-value, in 0...1.
    public let p: Double

    /// The test of `first` against `second`.
    /// - Precondition: neither sample is empty.
    public init<Value: Comparable>(_ first: [Value], _ second: [Value]) {
        precondition(!first.isEmpty && !second.isEmpty, "a rank-sum test needs values in both samples")
        firstCount = first.count
        secondCount = second.count
        var lower = 0.0
        for x in first {
            for y in second where x <= y { lower += x == y ? 0.5 : 1 }
        }
        firstLowerPairs = lower
        let (ranks, inFirst) = Self.doubledMidRanks(first, second)
        // Count over the smaller sample: its rank sum is as far from its mean as the larger one's is from theirs.
        let smallerIsFirst = first.count <= second.count
        let size = min(first.count, second.count)
        let observed = zip(ranks, inFirst).reduce(0) { $0 + ($1.1 == smallerIsFirst ? $1.0 : 0) }
        let pooled = ranks.count
        // The mean of a doubled rank sum of `size` ranks: size (N + 1).
        let mean = size * (pooled + 1)
        let distance = abs(observed - mean)
        let counts = Self.rankSumCounts(ranks, size: size)
        var extreme = 0.0, all = 0.0
        for (sum, count) in counts.enumerated() where count > 0 {
            all += count
            if abs(sum - mean) >= distance { extreme += count }
        }
        p = min(extreme / all, 1)
    }

    /// The number of pairs of one value from each sample.
    public var pairs: Int { firstCount * secondCount }

    /// The smallest p-value any data of these sizes can give: the two splits with every value of one sample below
    /// every value of the other, 2 / C(n1 + n2, n1) (untied). At 2 and 2 values it is 0.33, at 3 and 3 0.1, at 4 and
    /// 4 0.029: fewer than 4 of each can never reach p < 0.05.
    public static func smallestP(_ first: Int, _ second: Int) -> Double {
        var splits = 1.0
        let (n, k) = (first + second, min(first, second))
        for i in 0..<k { splits = splits * Double(n - i) / Double(i + 1) }
        return min(2 / splits.rounded(), 1)
    }

    /// "p = 0.0079", "p = 0.016", "p = 0.42", "p < 0.001": the p-value for people, two significant digits below 0.1,
    /// and more when rounding would carry it across 0.05 (0.0496 is "p = 0.0496", not "p = 0.050").
    public static func text(_ p: Double) -> String {
        if p < 0.001 { return "p < 0.001" }
        if p >= 0.1 { return "p = " + DurationFormat.fixed(p, decimals: 2) }
        var decimals = p < 0.01 ? 4 : 3
        while p < 0.05, decimals < 8, (Double(DurationFormat.fixed(p, decimals: decimals)) ?? 0) >= 0.05 { decimals += 1 }
        return "p = " + DurationFormat.fixed(p, decimals: decimals)
    }

    /// Every pooled value's rank doubled (2 for the lowest; equal values share the mean of the ranks they span, so
    /// 2, 5, 5, 8 for one value, a tie of two, one more), in the order `first` then `second`, and whether each is of
    /// the first sample.
    static func doubledMidRanks<Value: Comparable>(_ first: [Value], _ second: [Value]) -> ([Int], [Bool]) {
        let values = first + second
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Int](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start+1 ... end; their mean doubled is start + 1 + end.
            for position in start..<end { ranks[order[position]] = start + 1 + end }
            start = end
        }
        return (ranks, values.indices.map { $0 < first.count })
    }

    /// How many subsets of `size` of the doubled `ranks` have each rank sum (the index): the exact null distribution,
    /// counted with the recurrence count[k][s] += count[k - 1][s - rank] for each rank in turn.
    static func rankSumCounts(_ ranks: [Int], size: Int) -> [Double] {
        let highest = ranks.max() ?? 0
        let width = size * highest + 1
        // count[k * width + s]: subsets of k of the ranks seen so far with sum s.
        var count = [Double](repeating: 0, count: (size + 1) * width)
        count[0] = 1
        for (seen, rank) in ranks.enumerated() {
            // Descending k, so that each rank is used at most once per subset.
            for k in stride(from: min(seen + 1, size), through: 1, by: -1) {
                let reach = min(k * highest, width - 1)
                guard reach >= rank else { continue }
                for sum in stride(from: reach, through: rank, by: -1) {
                    count[k * width + sum] += count[(k - 1) * width + sum - rank]
                }
            }
        }
        return Array(count[(size * width)...])
    }
}
