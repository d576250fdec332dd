import Testing
@testable import WeftAnalysis
import WeftTestSupport

/// The exact Mann–Whitney U test against textbook values and against brute force: every split of the pooled values.
@Suite("Rank-sum test")
struct RankSumTestTests {
    /// The two-sided p-value by enumeration: of all C(n1 + n2, n1) ways to choose which pooled values form the first
    /// sample, the share whose rank sum (mid-ranks for ties) lies at least as far from its mean as the observed one.
    static func bruteForceP(_ first: [Double], _ second: [Double]) -> Double {
        let pooled = (first + second).sorted()
        // The mid-rank of a value: the mean of the 1-based positions it occupies among the sorted pooled values.
        func rank(_ value: Double) -> Double {
            let below = pooled.filter { $0 < value }.count, equal = pooled.filter { $0 == value }.count
            return Double(below) + Double(equal + 1) / 2
        }
        let ranks = (first + second).map(rank)
        let n = ranks.count, k = first.count
        let mean = Double(k) * Double(n + 1) / 2
        let observed = abs(first.map(rank).reduce(0, +) - mean)
        var extreme = 0, all = 0
        for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
            let sum = (0..<n).filter { mask & (1 << $0) != 0 }.map { ranks[$0] }.reduce(0, +)
            all += 1
            if abs(sum - mean) >= observed - 1e-9 { extreme += 1 }
        }
        return Double(extreme) / Double(all)
    }

    @Test("5 against 5: all apart is 2/252, one pair crossed 4/252, textbook values of the exact test")
    func textbook() {
        let apart = RankSumTest([1, 2, 3, 4, 5], [6, 7, 8, 9, 10])
        #expect(apart.p == 2.0 / 252)
        #expect(apart.firstLowerPairs == 25 && apart.pairs == 25)
        // One pair crossed: U = 1, P(U ≤ 1) = 2/252 on each side.
        let crossed = RankSumTest([1, 2, 3, 4, 6], [5, 7, 8, 9, 10])
        #expect(crossed.p == 4.0 / 252)
        #expect(crossed.firstLowerPairs == 24)
        // The direction does not matter: two-sided.
        #expect(RankSumTest([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).p == 2.0 / 252)
        // Two of 3 against 4 of 4 (Mann and Whitney's table: n1 = 3, n2 = 4, U = 0 has P = 1/35 one-sided).
        #expect(abs(RankSumTest([1, 2, 3], [4, 5, 6, 7]).p - 2.0 / 35) < 1e-15)
        // Identical samples: nothing is more extreme than no difference at all.
        #expect(RankSumTest([1, 2, 3, 4], [1, 2, 3, 4]).p == 1)
    }

    @Test("the smallest p-value for each pair of sizes: 2/C(n1+n2, n1); under 0.05 only from 4 runs of each")
    func smallest() {
        #expect(abs(RankSumTest.smallestP(2, 2) - 1.0 / 3) < 1e-15)
        #expect(abs(RankSumTest.smallestP(3, 3) - 0.1) < 1e-15)
        #expect(abs(RankSumTest.smallestP(4, 4) - 2.0 / 70) < 1e-15)
        #expect(abs(RankSumTest.smallestP(5, 5) - 2.0 / 252) < 1e-15)
        #expect(RankSumTest.smallestP(3, 4) > 0.05 && RankSumTest.smallestP(3, 5) < 0.05)
        #expect(RankSumTest.smallestP(1, 1) == 1)
        // Each is what the test gives for samples all apart.
        for (n1, n2) in [(2, 2), (2, 3), (3, 3), (3, 4), (4, 4), (4, 6)] {
            let first = (0..<n1).map(Double.init), second = (0..<n2).map { Double(n1 + $0) }
            #expect(abs(RankSumTest(first, second).p - RankSumTest.smallestP(n1, n2)) < 1e-15)
        }
    }

    @Test("the counted distribution equals enumerating every split, with and without ties")
    func bruteForce() {
        var generator = SplitMix(seed: 7)
        for round in 0..<120 {
            let n1 = 2 + round % 6, n2 = 2 + (round / 6) % 6
            // Few distinct values in some rounds, so that ties across and within the samples are common.
            let spread = round % 3 == 0 ? 4 : 1_000
            let first = (0..<n1).map { _ in Double(generator.next() % UInt64(spread)) }
            let second = (0..<n2).map { _ in Double(generator.next() % UInt64(spread)) }
            let test = RankSumTest(first, second)
            let expected = Self.bruteForceP(first, second)
            #expect(abs(test.p - expected) < 1e-12, "\(first) vs \(second): \(test.p), by enumeration \(expected)")
            // U of the second sample: pairs with the first sample's value lower, ties counting half.
            var pairs = 0.0
            for x in first { for y in second { pairs += x < y ? 1 : x == y ? 0.5 : 0 } }
            #expect(test.firstLowerPairs == pairs)
        }
    }

    @Test("ties get mid-ranks: equal values share the mean of the ranks they span")
    func midRanks() {
        let (ranks, inFirst) = RankSumTest.doubledMidRanks([10, 20, 20], [5, 20, 30])
        // Sorted: 5 (1), 20 20 20 (3, 4, 5: mean 4), 10 is rank 2, 30 rank 6; doubled.
        #expect(ranks == [4, 8, 8, 2, 8, 12])
        #expect(inFirst == [true, true, true, false, false, false])
        // A tie across the samples halves its pair: 2 against 2, one tied pair.
        #expect(RankSumTest([1, 2], [2, 3]).firstLowerPairs == 3.5)
    }

    @Test("without ties, the U recurrence gives the subset count's distribution")
    func untiedCounts() {
        for (m, n) in [(1, 1), (2, 3), (3, 2), (5, 5), (4, 9), (12, 12), (1, 6), (6, 1)] {
            let ranks = (1...(m + n)).map { 2 * $0 }
            let bySum = RankSumTest.rankSumCounts(ranks, size: m).filter { $0 > 0 }
            #expect(RankSumTest.untiedCounts(m, n) == bySum, "\(m) and \(n)")
        }
        // 5 and 5: the coefficients of [10 choose 5] in q, 1 1 2 3 5 7 9 11 14 16 18 19 20 20 19 …
        #expect(Array(RankSumTest.untiedCounts(5, 5).prefix(13)) == [1, 1, 2, 3, 5, 7, 9, 11, 14, 16, 18, 19, 20])
    }

    @Test("100 runs each, weft compare --repeat's limit, untied: far apart and interleaved, counted at once")
    func hundredEach() {
        let low = (0..<100).map { Double($0) }, high = (0..<100).map { Double(1_000 + $0) }
        // 2 / C(200, 100) = 2.2e-59.
        let apart = RankSumTest(low, high).p
        #expect(apart > 2.2e-59 && apart < 2.3e-59, "\(apart)")
        let counts = RankSumTest.untiedCounts(100, 100)
        #expect(counts.first == 1 && counts.last == 1 && counts[1] == 1 && counts[counts.count - 2] == 1)
        let odd = (0..<100).map { Double(2 * $0 + 1) }, even = (0..<100).map { Double(2 * $0) }
        #expect(RankSumTest(odd, even).p > 0.8)
    }

    @Test("30 runs each: counted exactly and quickly, far apart and interleaved")
    func thirtyEach() {
        let low = (0..<30).map { Double($0) }, high = (0..<30).map { Double(100 + $0) }
        // 2 / C(60, 30) = 1.69e-17.
        let apart = RankSumTest(low, high)
        #expect(apart.p > 1.6e-17 && apart.p < 1.8e-17)
        // Perfectly interleaved: the rank sums differ by 30 (one rank each), a fifth of a standard deviation
        // (√(30 · 30 · 61 / 12) = 67.6): p = 0.83, as the normal approximation gives at this size.
        let odd = (0..<30).map { Double(2 * $0 + 1) }, even = (0..<30).map { Double(2 * $0) }
        let interleaved = RankSumTest(odd, even).p
        #expect(interleaved > 0.8 && interleaved < 0.86, "\(interleaved)")
        // The same with one tie across the samples, counted over mid-ranks: about the same.
        var tied = odd
        tied[0] = 0
        let withTie = RankSumTest(tied, even).p
        #expect(withTie > 0.8 && withTie < 0.9, "\(withTie)")
    }

    @Test("the p-value for people: two significant digits, never rounded across 0.05")
    func text() {
        #expect(RankSumTest.text(2.0 / 252) == "p = 0.0079")
        #expect(RankSumTest.text(4.0 / 252) == "p = 0.016")
        #expect(RankSumTest.text(0.4206) == "p = 0.42")
        #expect(RankSumTest.text(0.0496) == "p = 0.0496")
        #expect(RankSumTest.text(0.0504) == "p = 0.050")
        #expect(RankSumTest.text(0.0002) == "p < 0.001")
        #expect(RankSumTest.text(1) == "p = 1.00")
    }
}
