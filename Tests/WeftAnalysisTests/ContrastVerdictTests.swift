import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Contrast verdict")
struct ContrastVerdictTests {
    let ms: UInt64 = 1_000_000
    let mib: UInt64 = 1 << 20

    @Test("a clear difference is stated with its numbers and the machine")
    func clearDifference() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 608 * ms, threads: 3, peakMemory: 165 * mib, tasks: 10_001,
                           workers: 2, cores: 2)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 1_020 * ms, threads: 10_002, peakMemory: 612 * mib,
                           tasks: 10_001, cores: 2)
        #expect(ContrastVerdict.sentences(a, b) == "On 2 cores, with a multiplexed pool of 2 threads, thread-per-task used 10,002 OS "
            + "threads to 3 (×3,334) and 3.71× the peak memory (612 MiB vs 165 MiB), and finished 412 ms later (1.02 s vs 608 ms).")
    }

    @Test("differences within run-to-run noise are called a tie")
    func tie() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 101 * ms, threads: 3, peakMemory: 24 * mib, tasks: 4, workers: 2)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 102 * ms, threads: 6, peakMemory: 25 * mib, tasks: 4)
        #expect(ContrastVerdict.sentences(a, b) == "With a multiplexed pool of 2 threads, thread-per-task used 6 OS threads to 3 (×2.00) and about the same "
            + "peak memory (25.0 MiB vs 24.0 MiB), and finished in about the same time (102 ms vs 101 ms): a tie within "
            + "run-to-run noise.")
        // Under a millisecond apart is a tie even at a large ratio; 20 % apart at 10 ms is not.
        let quick = RunFigures(scheduler: "multiplexed", wallTime: 300_000, threads: 3, tasks: 4)
        let slow = RunFigures(scheduler: "thread-per-task", wallTime: 900_000, threads: 3, tasks: 4)
        #expect(ContrastVerdict.wall(quick, slow).contains("a tie"))
        let ten = RunFigures(scheduler: "multiplexed", wallTime: 10 * ms, threads: 3, tasks: 4)
        let twelve = RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 3, tasks: 4)
        #expect(ContrastVerdict.wall(ten, twelve) == "finished 2.00 ms later (12.0 ms vs 10.0 ms)")
        #expect(ContrastVerdict.threads(ten, twelve) == "used as many OS threads (3)")
    }

    @Test("a run that did not complete is not raced")
    func problems() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 14 * ms, threads: 3, tasks: 6, workers: 2, problem: "deadlocked")
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 15 * ms, threads: 7, tasks: 6, problem: "deadlocked")
        #expect(ContrastVerdict.sentences(a, b) == "With a multiplexed pool of 2 threads, thread-per-task used 7 OS threads to 3 (×2.33). Both runs ended deadlocked: their times are not a race.")
        var ok = b
        ok.problem = nil
        #expect(ContrastVerdict.sentences(a, ok).hasSuffix("Only multiplexed ended deadlocked; thread-per-task completed in 15.0 ms."))
    }

    @Test("the later run's slower task creation is named as the reason only when it explains at least half the gap")
    func why() {
        var a = RunFigures(scheduler: "multiplexed", wallTime: 105 * ms, threads: 3, tasks: 1_001, workers: 2, cores: 2,
                           spawning: 3_300_000)
        var b = RunFigures(scheduler: "thread-per-task", wallTime: 149 * ms, threads: 1_002, tasks: 1_001, cores: 2,
                           spawning: 33_400_000)
        #expect(ContrastVerdict.wall(a, b) == "finished 44.0 ms later (149 ms vs 105 ms): creating the 1,000 tasks took "
            + "33.4 ms under thread-per-task (vs 3.30 ms)")
        // 10 ms more spawning does not explain a 44 ms gap: no reason is claimed.
        b.spawning = 13_300_000
        #expect(ContrastVerdict.wall(a, b) == "finished 44.0 ms later (149 ms vs 105 ms)")
        // A tie gets no reason, however the spawning differs.
        a.wallTime = 148 * ms
        b.spawning = 33_400_000
        #expect(ContrastVerdict.wall(a, b).hasSuffix("a tie within run-to-run noise"))
    }
}

@Suite("Runs the machine paused")
struct StalledRunTests {
    let ms: UInt64 = 1_000_000

    @Test("a recorded run that stood still twice for over 4 ms (no task running, the 1 ms sampler silent) is measured as stalled")
    func recordedStall() throws {
        // actor-cache under multiplexed (24.5 ms, against 12.6 ms under thread-per-task): no thread of the process
        // recorded anything from 7.45 to 11.73 ms nor from 13.65 to 17.80 ms; each silence less the 1 ms sample due.
        let timeline = try traceFile("stalled-run")
        let stalled = RunFigures.stalled(timeline)
        #expect(stalled >= 6 * ms && stalled <= 7 * ms, "\(stalled)")
        let other = RunFigures(scheduler: "thread-per-task", wallTime: 12_600_000, threads: 10, tasks: 9, cores: 2)
        #expect(ContrastVerdict.wall(RunFigures(timeline), other).contains("the difference is noise"))
        #expect(RunFigures(timeline).stalled == stalled)
    }

    @Test("a run whose samples keep their pace, or that has too few, stood still for no time")
    func noStall() throws {
        #expect(RunFigures.stalled(try traceFile("two-tasks")) == 0)
        // The same run with its long gap's window covered by a running task: a busy program, not a paused one.
        var timeline = try traceFile("stalled-run")
        let gapStart: UInt64 = 8_400_000, gapEnd: UInt64 = 19_000_000
        let busy = TaskTimeline(id: TaskID(99), name: "spinner", created: gapStart, ended: gapEnd,
                                intervals: IntervalList(sorted: [StateInterval(start: gapStart, end: gapEnd, state: .running(ThreadID(3)))]))
        timeline.tasks.append(busy)
        #expect(RunFigures.stalled(timeline) == 0)
    }

    @Test("a gap that the slower run's stall explains is called noise, naming the stall")
    func verdictNamesTheStall() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 24 * ms, threads: 3, tasks: 9, workers: 2, cores: 2,
                           stalled: 11 * ms)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 10, tasks: 9, cores: 2)
        let wall = ContrastVerdict.wall(a, b)
        #expect(wall.hasPrefix("finished in about the same time (12.0 ms vs 24.0 ms): multiplexed's run stood still for 11.0 ms (no task ran"), "\(wall)")
        #expect(wall.hasSuffix("so the difference is noise"))
        // A stall that explains less than half of the gap leaves the difference standing.
        let small = RunFigures(scheduler: "multiplexed", wallTime: 24 * ms, threads: 3, tasks: 9, workers: 2, stalled: 4 * ms)
        #expect(ContrastVerdict.wall(small, b).hasPrefix("finished 12.0 ms sooner"))
    }
}
