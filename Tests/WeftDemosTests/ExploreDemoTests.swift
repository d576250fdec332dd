import Testing
import WeftDemos
import WeftRuntime

/// The philosophers explored with `Weft.explore`, as a user's test would: the deadlock is found in some seeds and
/// replays from the first; with the forks ordered, no seed deadlocks.
@Suite("Exploring the philosophers", .serialized)
struct ExploreDemoTests {
    private func explore(_ words: [String], runs: Int, strategy: ScheduleStrategy = .random) async throws -> ExploreReport {
        let demo = Demo.philosophers
        let options = try demo.options(words)
        return try await Weft.explore(runs: runs, strategy: strategy, demo.program(options, output: DiscardedOutput()))
    }

    @Test("without --fixed, some seeds deadlock in a ring of the five philosophers and some complete")
    func findsTheDeadlock() async throws {
        let report = try await explore([], runs: 200)
        #expect(report.deadlocked > 0 && report.completed > 0, "a share of seeds, not all or none: \(report.deadlocked)")
        #expect(report.failed == 0)
        let deadlock = try #require(report.firstDeadlock)
        #expect(report.findings.count == 1, "every deadlock is the same ring: \(report.findings)")
        #expect(Set(deadlock.cycle.map(\.name)) == Set((1...5).map { "philosopher \($0)" }))

        // Its first seed replays it: the same ring again.
        let options = try Demo.philosophers.options([])
        await #expect(throws: RuntimeError.self) {
            _ = try await Demo.philosophers.run(options, scheduler: deadlock.replay, tracePath: nil, output: DiscardedOutput())
        }
    }

    @Test("with --fixed, no deadlock in 2,000 interleavings")
    func fixedNeverDeadlocks() async throws {
        let report = try await explore(["--fixed"], runs: 2_000)
        #expect(report.runs == 2_000)
        #expect(report.allCompleted)
        #expect(report.findings.isEmpty)
    }

    @Test("seated all at once (--think-ms 0), every seed deadlocks, under random choice and under PCT")
    func seatedAtOnce() async throws {
        for strategy in [ScheduleStrategy.random, .pctDefault] {
            let report = try await explore(["--think-ms", "0"], runs: 50, strategy: strategy)
            #expect(report.deadlocked == 50, "\(strategy)")
        }
    }
}
