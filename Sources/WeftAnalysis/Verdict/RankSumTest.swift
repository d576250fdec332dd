/// The exact two-sided Mann–Whitney U test (Wilcoxon rank-sum test) on two small samples: how likely two sets of
/// measurements this far apart in rank are when both come from one distribution.
///
/// The values of both samples are ranked together (1 for the lowest). Under the null hypothesis every split of the
/// pooled ranks into a first sample of `first` values and a second of `second` values is equally likely, so the exact
/// null distribution of the first sample's rank sum is counted, not approximated. The p-value is the share of the
/// C(n1 + n2, n1) splits whose rank sum lies at least as far from its mean, n1 (n1 + n2 + 1) / 2, as the observed one
/// does (two-sided). Without ties the rank sum is U plus n1 (n1 + 1) / 2, and the counts of each U come from the
/// standard recurrence f(m, n, u) = f(m − 1, n, u) + f(m, n − 1, u − m) (`untiedCounts`): the textbook exact test, 5 against 5 values all apart giving p = 2/252 = 0.0079.
///
/// Ties: values that are equal get the mean of the ranks they span (mid-ranks), and the null distribution is counted
/// over those same mid-ranks, so it is the exact permutation distribution given the ties (no tie correction, no normal
/// approximation): the subsets of each size and rank sum, each pooled rank in the subset or not
/// (`count[k][s] += count[k − 1][s − rank]`, `rankSumCounts`). Mid-ranks are kept doubled, so every sum is whole.
///
/// Cost: without ties n1² n2² / 4 additions (25 million at `weft compare --repeat`'s limit of 100 runs each); with
/// ties about (n1 + n2)² min(n1, n2)² (instant up to 30 runs each, 10^9 at 100 each; wall times in nanoseconds
/// rarely tie). Counts are `Double`s, only ever added: whole numbers up to 2^53, which covers every split of up to 26
/// values each exactly; beyond that each count is rounded in its 16th significant digit.
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
        if Set(ranks).count == ranks.count {
            p = Self.untiedP(lowerPairs: Int(lower), first.count, second.count)
            return
        }
        // Count over the smaller sample: its rank sum is as far from its mean as the larger one's is from theirs.
        let smallerIsFirst = first.count <= second.count
        let size = min(first.count, second.count)
        let observed = zip(ranks, inFirst).reduce(0) { $0 + ($1.1 == smallerIsFirst ? $1.0 : 0) }
        // The mean of a doubled rank sum of `size` ranks: size (N + 1).
        let mean = size * (ranks.count + 1)
        let distance = abs(observed - mean)
        let counts = Self.rankSumCounts(ranks, size: size)
        var extreme = 0.0, all = 0.0
        for (sum, count) in counts.enumerated() where count > 0 {
            all += count
            if abs(sum - mean) >= distance { extreme += count }
        }
        p = min(extreme / all, 1)
    }

    /// The two-sided p-value without ties, from U (`lowerPairs`; the first rank sum less its least is n1 n2 − U): the
    /// share of the C(n1 + n2, n1) splits whose U lies at least as far from n1 n2 / 2.
    static func untiedP(lowerPairs: Int, _ first: Int, _ second: Int) -> Double {
        let counts = untiedCounts(first, second)
        let distance = abs(2 * lowerPairs - first * second)
        var extreme = 0.0, all = 0.0
        for (u, count) in counts.enumerated() {
            all += count
            if abs(2 * u - first * second) >= distance { extreme += count }
        }
        return min(extreme / all, 1)
    }

    /// How many of the C(m + n, m) splits of untied values have each U (the index, 0...m n), by the standard
    /// recurrence f(m, n, u) = f(m − 1, n, u) + f(m, n − 1, u − m): the highest of all the values is either the first
    /// sample's (below none of the second's) or the second's (above all m of the first's). Sums of counts only, so
    /// no count is ever rounded by cancellation; O(m² n²) additions, 25 million at 100 and 100.
    static func untiedCounts(_ m: Int, _ n: Int) -> [Double] {
        let width = m * n + 1
        // previous[j * width + u]: f(i − 1, j, u); current the same for i. f(0, j) and f(i, 0) are U = 0 only.
        var previous = [Double](repeating: 0, count: (n + 1) * width)
        for j in 0...n { previous[j * width] = 1 }
        var current = previous
        for i in stride(from: 1, through: m, by: 1) {
            previous.withUnsafeBufferPointer { previous in
                current.withUnsafeMutableBufferPointer { current in
                    for u in 0..<width { current[u] = u == 0 ? 1 : 0 }
                    for j in stride(from: 1, through: n, by: 1) {
                        let row = j * width, left = (j - 1) * width
                        for u in 0...(i * j) {
                            let above = u <= (i - 1) * j ? previous[row + u] : 0
                            let shifted = u >= i && u - i <= i * (j - 1) ? current[left + u - i] : 0
                            current[row + u] = above + shifted
                        }
                    }
                }
            }
            swap(&previous, &current)
        }
        return Array(previous[(n * width)..<((n + 1) * width)])
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
        count.withUnsafeMutableBufferPointer { count in
            for (seen, rank) in ranks.enumerated() {
                // Descending k, so that each rank is used at most once per subset; no k that the ranks left can no
                // longer fill up to `size`.
                let fewest = max(size - (ranks.count - seen), 1)
                for k in stride(from: min(seen + 1, size), through: fewest, by: -1) {
                    let reach = min(k * highest, width - 1)
                    guard reach >= rank else { continue }
                    let row = k * width, below = (k - 1) * width - rank
                    for sum in stride(from: reach, through: rank, by: -1) { count[row + sum] += count[below + sum] }
                }
            }
        }
        return Array(count[(size * width)...])
    }
}
