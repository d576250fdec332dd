import Testing
@testable import WeftAnalysis

/// The diff picture's sentence names both runs by letter and scheduler and gives a cause only when one accounts for
/// half the difference.
@Suite("Diff verdict")
struct DiffVerdictTests {
    let ms: UInt64 = 1_000_000

    @Test("B slower: the gap, both wall times, and the measured cause with A's figure named A")
    func slowerWithCause() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 114 * ms, threads: 3, tasks: 1_001, workers: 2, cores: 2,
                           spawning: 6 * ms, spawner: "main")
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 154 * ms, threads: 1_002, tasks: 1_001, cores: 2,
                           spawning: 43 * ms, spawner: "main")
        #expect(DiffVerdict.sentence(a, b) == "B, thread-per-task, finished 40.0 ms later than A, multiplexed (154 ms vs "
            + "114 ms): main spent 43.0 ms creating 1,000 tasks and their OS threads (A: 6.00 ms).")
        // The other way round: A is the slower one, and the cause is said of it.
        #expect(DiffVerdict.sentence(b, a) == "B, multiplexed, finished 40.0 ms sooner than A, thread-per-task (114 ms "
            + "vs 154 ms): in A, main spent 43.0 ms creating 1,000 tasks and their OS threads (B: 6.00 ms).")
    }

    @Test("no cause that accounts for half the gap: none is claimed")
    func noCause() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 100 * ms, threads: 3, tasks: 11, workers: 2,
                           spawning: 1 * ms)
        let b = RunFigures(scheduler: "multiplexed", wallTime: 200 * ms, threads: 3, tasks: 11, workers: 2,
                           spawning: 2 * ms)
        let text = DiffVerdict.sentence(a, b)
        #expect(text.hasPrefix("B, multiplexed, finished 100 ms later than A, multiplexed (200 ms vs 100 ms); none of"))
        #expect(text.hasSuffix("accounts for half of it in B."))
        #expect(!text.contains("spent"))
    }

    @Test("a tie within run-to-run noise, and a run that did not complete, are said as such")
    func tieAndProblem() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 101 * ms, threads: 3, tasks: 4, workers: 2)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 104 * ms, threads: 6, tasks: 4)
        #expect(DiffVerdict.sentence(a, b) == "B, thread-per-task, finished in about the same time as A, multiplexed "
            + "(104 ms vs 101 ms): a tie within run-to-run noise.")
        var stuck = b
        stuck.problem = "deadlocked"
        #expect(DiffVerdict.sentence(a, stuck) == "B ended deadlocked; A, multiplexed, completed in 101 ms.")
    }
}
