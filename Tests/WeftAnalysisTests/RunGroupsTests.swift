import Testing
@testable import WeftAnalysis

/// Repeated runs that fall in two separate groups (`RunGroups`): the words the verdict, `weft compare` and the runs
/// strip share.
@Suite("Verdict: separate groups of runs")
struct RunGroupsTests {
    static let ms: UInt64 = 1_000_000
    static let µs: UInt64 = 1_000

    /// Five cpu-bound runs of 5 ms as the reviewer saw them: three near 5 ms, two near 7.5 ms (one preemption each).
    static let bimodal = WallTimeRuns([5_740 * µs, 7_500 * µs, 5_170 * µs, 7_880 * µs, 5_450 * µs])!
    /// The same spread, but the slow runs trail off instead of forming a group.
    static let trailing = WallTimeRuns([5_740 * µs, 6_900 * µs, 5_170 * µs, 7_880 * µs, 5_450 * µs])!

    @Test("two groups with a gap twice the wider group's range and over 10% are found and said, with the drawn run's group")
    func twoGroups() throws {
        let groups = try #require(Self.bimodal.groups)
        #expect(groups.faster == [5_170 * Self.µs, 5_450 * Self.µs, 5_740 * Self.µs])
        #expect(groups.slower == [7_500 * Self.µs, 7_880 * Self.µs])
        #expect(groups.text("multiplexed") == "multiplexed's runs fell in two separate groups: 3 took 5.17 ms – 5.74 ms, "
            + "2 took 7.50 ms – 7.88 ms")
        let drawn = Self.bimodal.walls[Self.bimodal.drawn]
        #expect(drawn == 5_740 * Self.µs)
        #expect(groups.text("multiplexed", drawn: drawn).hasSuffix(", the drawn run among the 3 faster"))
    }

    @Test("runs that trail off, too few runs, or a gap under 10% of the runs are not two groups")
    func noGroups() {
        // Gap 1.16 ms, but the slower two are 0.98 ms apart themselves.
        #expect(Self.trailing.groups == nil)
        #expect(WallTimeRuns([5 * Self.ms, 5 * Self.ms, 8 * Self.ms])!.groups == nil)
        // Groups clear by their widths (0.8 ms against 0.2 ms) but under 1% apart: run-to-run noise.
        #expect(WallTimeRuns([100_000 * Self.µs, 100_100 * Self.µs, 100_200 * Self.µs, 101_000 * Self.µs,
                              101_100 * Self.µs])!.groups == nil)
        // 4 runs, 2 and 2, are the fewest that can split.
        #expect(WallTimeRuns([5 * Self.ms, 5 * Self.ms, 8 * Self.ms, 8 * Self.ms])!.groups?.slower.count == 2)
    }

    @Test("the verdict of a tie says, in its detail, that one scheduler's runs fell in two groups")
    func verdictSaysGroups() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 5_740 * Self.µs, threads: 3, tasks: 5, cores: 2,
                           wallRuns: Self.bimodal)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 5_440 * Self.µs, threads: 6, tasks: 5,
                           wallRuns: WallTimeRuns([5_440 * Self.µs, 5_020 * Self.µs, 6_300 * Self.µs, 7_330 * Self.µs,
                                                   5_300 * Self.µs])!)
        let verdict = ContrastVerdict.verdict(a, b)
        #expect(verdict.headline == "On 2 cores, multiplexed and thread-per-task took about as long (medians of 5 runs: "
            + "5.74 ms vs 5.44 ms; multiplexed's runs took 5.17 ms – 7.88 ms).")
        #expect(verdict.detail.contains("Thread-per-task used 6 OS threads instead of 3."))
        #expect(verdict.detail.contains(". Multiplexed's runs fell in two separate groups: 3 took 5.17 ms – 5.74 ms, 2 "
            + "took 7.50 ms – 7.88 ms."))
        #expect(!verdict.text.lowercased().contains("thread-per-task's runs fell"))
    }
}
