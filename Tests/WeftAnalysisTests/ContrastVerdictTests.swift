import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Contrast verdict")
struct ContrastVerdictTests {
    let ms: UInt64 = 1_000_000
    let µs: UInt64 = 1_000
    let mib: UInt64 = 1 << 20

    @Test("a clear difference is stated with its numbers, its reason and the machine, then the resources")
    func clearDifference() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 608 * ms, threads: 3, peakMemory: 165 * mib, tasks: 10_001,
                           workers: 2, cores: 2, spawning: 20 * ms, spawner: "main")
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 1_020 * ms, threads: 10_002, peakMemory: 612 * mib,
                           tasks: 10_001, cores: 2, spawning: 430 * ms, spawner: "main")
        #expect(ContrastVerdict.sentences(a, b) == "On 2 cores, multiplexed (2 pool threads) finished 412 ms sooner than "
            + "thread-per-task (608 ms vs 1.02 s): under thread-per-task, main spent 430 ms creating 10,000 tasks and "
            + "their OS threads (multiplexed: 20.0 ms). Thread-per-task used 10,002 OS threads instead of 3 and 3.71× the "
            + "peak memory (612 MiB vs 165 MiB under multiplexed).")
    }

    @Test("two wall times or peak memories that three digits would print alike get the digits that tell them apart")
    func distinctPairs() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 242_700_000, threads: 3, peakMemory: 27_293_696, tasks: 4, workers: 2)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 243_000_000, threads: 5, peakMemory: 27_303_936, tasks: 4)
        let text = ContrastVerdict.sentences(a, b)
        #expect(text.contains("(242.7 ms vs 243.0 ms)"), "\(text)")
        #expect(text.contains("about the same peak memory (26.04 MiB vs 26.03 MiB under multiplexed)"), "\(text)")
        #expect(DiffVerdict.sentence(a, b).contains("(243.0 ms vs 242.7 ms)"))
    }

    @Test("single runs: differences within run-to-run noise are called a tie")
    func tie() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 101 * ms, threads: 3, peakMemory: 24 * mib, tasks: 4, workers: 2)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 102 * ms, threads: 6, peakMemory: 25 * mib, tasks: 4)
        #expect(ContrastVerdict.sentences(a, b) == "Multiplexed (2 pool threads) and thread-per-task took about as long "
            + "(101 ms vs 102 ms): a tie within run-to-run noise. Thread-per-task used 6 OS threads instead of 3 and about "
            + "the same peak memory (25.0 MiB vs 24.0 MiB under multiplexed).")
        // Under a millisecond apart is a tie even at a large ratio; 20 % apart at 10 ms is not.
        let quick = RunFigures(scheduler: "multiplexed", wallTime: 300_000, threads: 3, tasks: 4)
        let slow = RunFigures(scheduler: "thread-per-task", wallTime: 900_000, threads: 3, tasks: 4)
        #expect(ContrastVerdict.isTie(quick, slow))
        let ten = RunFigures(scheduler: "multiplexed", wallTime: 10 * ms, threads: 3, tasks: 4)
        let twelve = RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 3, tasks: 4)
        #expect(!ContrastVerdict.isTie(ten, twelve))
        #expect(ContrastVerdict.wall(ten, twelve) == "multiplexed finished 2.00 ms sooner than thread-per-task (10.0 ms vs 12.0 ms)")
        #expect(ContrastVerdict.threads(ten, twelve) == "used as many OS threads (3)")
    }

    @Test("repeated runs: a difference when the runs differ in rank (p < 0.05) and the medians by more than 15%")
    func repeatedTie() {
        func run(_ scheduler: String, _ walls: [UInt64]) -> RunFigures {
            let runs = WallTimeRuns(walls)!
            return RunFigures(scheduler: scheduler, wallTime: runs.spread.median, threads: 3, tasks: 4, wallRuns: runs)
        }
        // Medians 3× apart and one slow multiplexed run reaching past every thread-per-task run: the ranges overlap,
        // yet 4 of 5 multiplexed runs beat every thread-per-task run. Its one outlier above all five leaves 20 of 25
        // pairs, p = 42/252 = 0.17 (counted over the mid-ranks of the tied runs): a tie, and the verdict says why in the
        // pairs a reader can count on the strip.
        let a = run("multiplexed", [2 * ms, 2 * ms, 3 * ms, 9 * ms, 2 * ms])
        let b = run("thread-per-task", [6 * ms, 7 * ms, 6 * ms, 8 * ms, 6 * ms])
        #expect(ContrastVerdict.isTie(a, b))
        let undecided = ContrastVerdict.verdict(a, b)
        #expect(undecided.headline.hasPrefix("No clear winner between multiplexed and thread-per-task: multiplexed's "
            + "median was 66.7% lower (2.00 ms vs 6.00 ms), but the runs overlap (multiplexed's runs took 2.00 ms – 9.00 ms, "
            + "thread-per-task's 6.00 ms – 8.00 ms)."))
        #expect(undecided.detail == "Rank test p = 0.17; Weft calls a win only at p < 0.05 with the medians over "
            + "15% apart, so the panels show how each ran the work, not which is faster. Thread-per-task used as many OS "
            + "threads (3).")
        #expect(!ContrastVerdict.sentences(a, b).contains("tied"))
        // The outlier landing among thread-per-task's runs instead: 23 of 25 pairs, p = 8/252 = 0.032, a difference
        // though the ranges overlap.
        let c = run("multiplexed", [2 * ms, 2 * ms, 3 * ms, 6_500_000, 2 * ms])
        let b2 = run("thread-per-task", [6 * ms, 7 * ms, 7_500_000, 8 * ms, 6 * ms])
        #expect(!ContrastVerdict.isTie(c, b2))
        #expect(ContrastVerdict.wall(c, b2).hasPrefix("multiplexed finished 5.00 ms sooner than thread-per-task "
            + "(medians of 5 runs: 2.00 ms vs 7.00 ms)"))
        #expect(ContrastVerdict.verdict(c, b2).detail.hasPrefix("Rank test p = 0.032;"))
        // Every run apart but the medians 4% apart: under the margin, a tie however clear the ranks.
        let d = run("multiplexed", [100 * ms, 101 * ms, 102 * ms, 103 * ms, 104 * ms])
        let e = run("thread-per-task", [105 * ms, 106 * ms, 106 * ms, 107 * ms, 108 * ms])
        #expect(ContrastVerdict.isTie(d, e))
        #expect(ContrastVerdict.wall(d, e) == "multiplexed took 3.9% less time than thread-per-task in every run (medians "
            + "of 5 runs: 102 ms vs 106 ms)")
        #expect(ContrastVerdict.verdict(d, e).detail.hasPrefix("Rank test p = 0.0079; Weft calls a win only at"))
        #expect(ContrastVerdict.verdict(d, e).detail.contains("so this difference is real but small"))
        // Interleaved runs: the medians close and the ranks mixed.
        let f = run("thread-per-task", [101 * ms, 103 * ms, 105 * ms, 102 * ms, 100 * ms])
        #expect(ContrastVerdict.wall(d, f).hasPrefix("multiplexed and thread-per-task took about as long"))
        #expect(ContrastVerdict.verdict(d, f).detail.hasPrefix("Rank test p = 0.97;"))
    }

    @Test("2 or 3 runs each are too few for the rank test to reach 0.05: every run of one must beat every run of the other")
    func fewRuns() {
        func run(_ scheduler: String, _ walls: [UInt64]) -> RunFigures {
            let runs = WallTimeRuns(walls)!
            return RunFigures(scheduler: scheduler, wallTime: runs.spread.median, threads: 3, tasks: 4, wallRuns: runs)
        }
        // Apart by 300 µs, under the single-run floor of 1 ms, yet every run of one is sooner than every run of the
        // other and the medians 29% apart: a difference.
        let c = run("multiplexed", [1_000 * µs, 1_050 * µs, 1_100 * µs])
        let d = run("thread-per-task", [1_300 * µs, 1_350 * µs, 1_400 * µs])
        #expect(!ContrastVerdict.isTie(c, d))
        #expect(ContrastVerdict.wall(c, d).hasPrefix("multiplexed finished 300 µs sooner than thread-per-task (medians of "
            + "3 runs: 1.05 ms vs 1.35 ms)"))
        #expect(ContrastVerdict.verdict(c, d).detail.hasPrefix("3 runs each are too few for a rank test"))
        #expect(ContrastVerdict.wall(d, c).hasPrefix("thread-per-task finished 300 µs later than multiplexed (medians of "
            + "3 runs: 1.35 ms vs 1.05 ms)"))
        // Ranges that touch overlap: a tie, whatever the medians.
        let e = run("multiplexed", [1 * ms, 2 * ms, 3 * ms]), f = run("thread-per-task", [3 * ms, 4 * ms, 5 * ms])
        #expect(ContrastVerdict.isTie(e, f))
        #expect(ContrastVerdict.wall(e, f).hasSuffix("multiplexed's median was 50.0% lower (2.00 ms vs 4.00 ms), but "
            + "the runs overlap (multiplexed's runs took 1.00 ms – 3.00 ms, thread-per-task's 3.00 ms – 5.00 ms)"))
        #expect(ContrastVerdict.verdict(e, f).detail.hasPrefix("3 runs each are too few for a rank test"))
        // 2 runs each, apart.
        #expect(!ContrastVerdict.isTie(run("multiplexed", [1 * ms, 2 * ms]), run("thread-per-task", [3 * ms, 4 * ms])))
        // 4 runs each can reach 0.05 (2/70 = 0.029): the rank test decides.
        let g = run("multiplexed", [1 * ms, 2 * ms, 3 * ms, 4 * ms]), h = run("thread-per-task", [5 * ms, 6 * ms, 7 * ms, 8 * ms])
        #expect(ContrastVerdict.verdict(g, h).detail.hasPrefix("Rank test p = 0.029"))
    }

    @Test("the runs strip and the verdict ask the same rule: isTie(repeated:) is the comparison's, nil for single runs")
    func repeatedRule() {
        let five = WallTimeRuns([1, 2, 3, 4, 5])!, later = WallTimeRuns([10, 11, 12, 13, 14])!
        #expect(ContrastVerdict.isTie(repeated: five, later) == false)
        #expect(ContrastVerdict.isTie(repeated: five, five) == true)
        #expect(ContrastVerdict.isTie(repeated: five, WallTimeRuns([3])!) == nil)
        #expect(ContrastVerdict.isTie(repeated: nil, later) == nil)
        #expect(WallTimeComparison(five, later)?.outcome == .firstSooner)
        #expect(WallTimeComparison(later, five)?.outcome == .secondSooner)
    }

    @Test("a run that did not complete is not raced")
    func problems() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 14 * ms, threads: 3, tasks: 6, workers: 2, problem: "deadlocked")
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 15 * ms, threads: 7, tasks: 6, problem: "deadlocked")
        #expect(ContrastVerdict.sentences(a, b) == "Thread-per-task used 7 OS threads instead of 3. Both runs ended deadlocked: their times are not a race.")
        var ok = b
        ok.problem = nil
        #expect(ContrastVerdict.sentences(a, ok).hasSuffix("Only multiplexed ended deadlocked; thread-per-task completed in 15.0 ms."))
    }

    @Test("slower task creation is named as the reason only when it accounts for at least half the gap")
    func creation() {
        var a = RunFigures(scheduler: "multiplexed", wallTime: 105 * ms, threads: 3, tasks: 1_001, workers: 2, cores: 2,
                           spawning: 3_300_000)
        var b = RunFigures(scheduler: "thread-per-task", wallTime: 149 * ms, threads: 1_002, tasks: 1_001, cores: 2,
                           spawning: 33_400_000)
        #expect(ContrastVerdict.wall(a, b) == "multiplexed (2 pool threads) finished 44.0 ms sooner than thread-per-task "
            + "(105 ms vs 149 ms): under thread-per-task, creating 1,000 tasks and their OS threads took 33.4 ms "
            + "(multiplexed: 3.30 ms)")
        // 10 ms more spawning does not explain a 44 ms gap: no reason is claimed.
        b.spawning = 13_300_000
        #expect(ContrastVerdict.wall(a, b) == "multiplexed (2 pool threads) finished 44.0 ms sooner than thread-per-task (105 ms vs 149 ms)")
        #expect(ContrastVerdict.verdict(a, b).detail.hasPrefix("None of the causes Weft measures"))
        // A tie gets no reason, however the spawning differs.
        a.wallTime = 148 * ms
        b.spawning = 33_400_000
        #expect(ContrastVerdict.wall(a, b).hasSuffix("a tie within run-to-run noise"))
    }

    @Test("hand-offs that woke OS threads are the reason when their waits on the critical path account for half the gap")
    func handoffs() {
        var a = RunFigures(scheduler: "multiplexed", wallTime: 1_040 * µs, threads: 3, tasks: 4, workers: 2, cores: 2,
                           handoffs: Handoffs(count: 93, medianWait: 591, waitOnPath: 52 * µs))
        var b = RunFigures(scheduler: "thread-per-task", wallTime: 3_120 * µs, threads: 5, tasks: 4, cores: 2,
                           handoffs: Handoffs(count: 92, medianWait: 25_600, waitOnPath: 1_450 * µs))
        #expect(ContrastVerdict.wall(a, b) == "multiplexed (2 pool threads) finished 2.08 ms sooner than thread-per-task "
            + "(1.04 ms vs 3.12 ms): under thread-per-task, each of its 92 hand-offs woke another OS thread, and the woken "
            + "tasks waited a median 25.6 µs to run (1.45 ms of the wall time in all), where the pool handed the task on "
            + "in a median 591 ns")
        // Waits that add up to less than half the gap are not the reason.
        b.handoffs?.waitOnPath = 900 * µs
        #expect(ContrastVerdict.wall(a, b).hasSuffix("(1.04 ms vs 3.12 ms)"))
        // When the pool is the slower one, its hand-offs are named under its own name.
        b.handoffs?.waitOnPath = 10 * µs
        a.wallTime = 5 * ms
        a.handoffs?.waitOnPath = 1_800 * µs
        #expect(ContrastVerdict.wall(a, b) == "multiplexed (2 pool threads) finished 1.88 ms later than thread-per-task "
            + "(5.00 ms vs 3.12 ms): over its 93 hand-offs, the woken tasks waited a median 591 ns to run (1.80 ms of the "
            + "wall time in all) (thread-per-task: a median 25.6 µs)")
    }

    @Test("time counted as running beyond the CPU time got is the reason when it accounts for half the gap")
    func cpu() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 4 * ms, threads: 3, tasks: 5, workers: 2, cores: 2,
                           coreUse: CoreUse(busy: [], cores: 2), cpuTime: 8 * ms, busy: 7_800 * µs)
        var use = CoreUse(busy: [], cores: 2)
        use.peak = 5
        use.oversubscribed = 3 * ms
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 7 * ms, threads: 6, tasks: 5, cores: 2,
                           coreUse: use, cpuTime: 8 * ms, busy: 12 * ms)
        #expect(b.cpuWait == 4 * ms && a.cpuWait == 0)
        #expect(ContrastVerdict.wall(a, b) == "multiplexed (2 pool threads) finished 3.00 ms sooner than thread-per-task "
            + "(4.00 ms vs 7.00 ms): under thread-per-task, its threads were running for 12.0 ms in all but got 8.00 ms of "
            + "CPU, so 4.00 ms went on waiting for one of the 2 cores, with up to 5 threads running at once (multiplexed: 0 ns)")
        // The wait is summed over threads side by side: 4 ms on 2 cores accounts for 2 ms, not half of a 5 ms gap.
        var later = b
        later.wallTime = 9 * ms
        #expect(ContrastVerdict.wall(a, later) == "multiplexed (2 pool threads) finished 5.00 ms sooner than thread-per-task (4.00 ms vs 9.00 ms)")
    }

    @Test("of several reasons the one that accounts for the most of the gap is given")
    func largestReason() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 100 * ms, threads: 3, tasks: 101, workers: 2, cores: 2,
                           spawning: 1 * ms, handoffs: Handoffs(count: 100, medianWait: 1 * µs, waitOnPath: 1 * ms))
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 200 * ms, threads: 102, tasks: 101, cores: 2,
                           spawning: 61 * ms, spawner: "main",
                           handoffs: Handoffs(count: 100, medianWait: 700 * µs, waitOnPath: 81 * ms))
        #expect(ContrastVerdict.wall(a, b).contains(": under thread-per-task, each of its 100 hand-offs woke another OS thread"))
    }
}

@Suite("Figures a verdict's reasons read from a trace")
struct VerdictFiguresTests {
    @Test("a task waking another is a hand-off; a timer's wake-up is not; its wait counts on the critical path")
    func handoffsFromTrace() throws {
        // two-tasks: the timer wakes main at 150; main wakes the worker at 170, which runs at 210, on the path.
        let timeline = try traceFile("two-tasks")
        let figures = RunFigures(timeline)
        #expect(figures.handoffs == Handoffs(count: 1, medianWait: 40, waitOnPath: 40))
        #expect(figures.spawner == "main")
        #expect(figures.busy == 40 + 40 + 10 + 40)
        #expect(figures.coreUse == nil && figures.cpuTime == nil && figures.cpuWait == nil)
    }

    @Test("creating tasks counts from the first spawn, not the creator's own wait to start, and not its sleep; that wait is a start-up")
    func creationFromTrace() throws {
        let timeline = try traceFile("late-creator")
        let figures = RunFigures(timeline)
        #expect(figures.spawning == 30)
        #expect(figures.startUps == StartUps(waitOnPath: 1000, longest: "main", longestWait: 1000))
        #expect(figures.spawner == "main")
    }

    @Test("more threads running than cores is counted, with how long")
    func coreUse() {
        let busy: [[Range<UInt64>]] = (1...3).map { [0 ..< UInt64(100 * $0)] }
        let use = CoreUse(busy: busy, cores: 2)
        #expect(use.peak == 3 && use.oversubscribed == 100)
        #expect(CoreUse(busy: busy, cores: 4).peak == 0)
    }
}

@Suite("Spread of repeated runs")
struct SpreadTests {
    @Test("the median is the middle value by rank, the lower middle one for an even count, and one run's own")
    func median() {
        #expect(Spread([5, 1, 3])! == Spread(median: 3, low: 1, high: 5, count: 3))
        #expect(Spread([4, 1, 3, 2])!.median == 2)
        #expect(Spread<Int>([]) == nil)
        #expect(Spread.medianIndex([30, 10, 20, 40]) == 2)
        #expect(Spread.medianIndex([7, 7, 7]) == 1)
        #expect(Spread([1, 2]).map { $0.overlaps(Spread([2, 3])!) } == true)
        #expect(Spread([1, 2]).map { $0.overlaps(Spread([3, 4])!) } == false)
    }
}

@Suite("Runs the machine paused")
struct StalledRunTests {
    let ms: UInt64 = 1_000_000

    @Test("a recorded run that stood still twice for over 4 ms (no task running, the 1 ms sampler silent) is measured as stalled")
    func recordedStall() throws {
        // actor-cache under multiplexed (24.5 ms, against 12.6 ms under thread-per-task): no thread of the process
        // recorded anything from 7.45 to 11.73 ms nor from 13.65 to 17.80 ms.
        let timeline = try traceFile("stalled-run")
        let stalls = MachineStalls(timeline).stretches
        #expect(stalls.count == 2, "\(stalls)")
        #expect(stalls.first.map { $0.lowerBound / 10_000 == 744 && $0.upperBound / 10_000 == 1_172 } == true, "\(stalls)")
        let stalled = RunFigures.stalled(timeline)
        #expect(stalled >= 8 * ms && stalled <= 9 * ms, "\(stalled)")
        let other = RunFigures(scheduler: "thread-per-task", wallTime: 12_600_000, threads: 10, tasks: 9, cores: 2)
        #expect(ContrastVerdict.wall(RunFigures(timeline), other).contains("the difference is noise"))
        #expect(RunFigures(timeline).stalled == stalled)
    }

    @Test("a run whose samples keep their pace, or that has too few, stood still for no time")
    func noStall() throws {
        #expect(RunFigures.stalled(try traceFile("two-tasks")) == 0)
        // The same run with its long gaps covered by more running tasks than there are cores: the threads shared the
        // cores, so the sampler's silence says nothing of the machine.
        var timeline = try traceFile("stalled-run")
        let gapStart: UInt64 = 7_300_000, gapEnd: UInt64 = 19_000_000
        for (id, thread) in [(99, 2), (100, 4), (101, 1)] {
            timeline.tasks.append(TaskTimeline(
                id: TaskID(UInt64(id)), name: "spinner", created: gapStart, ended: gapEnd,
                intervals: IntervalList(sorted: [StateInterval(start: gapStart, end: gapEnd, state: .running(ThreadID(UInt64(thread))))])))
        }
        #expect(RunFigures.stalled(timeline) == 0)
    }

    @Test("tasks the runtime thinks are running do not hide a stall while no more ran than there are cores")
    func stallThroughARunningTask() throws {
        // main runs from 1 to 12 ms on 2 cores; nothing of the process records anything from 4.5 to 11.5 ms.
        var timeline = try traceFile("running-stall")
        #expect(MachineStalls(timeline).stretches == [4_500_000 ..< 11_500_000])
        #expect(RunFigures(timeline).stalled == 7 * ms)
        // With a second task running through it on one core, the two shared the only core: the sampler's silence is
        // no evidence of the machine.
        timeline.run.metadata.append(MetadataEntry(key: "cores", value: "1"))
        #expect(MachineStalls(timeline).stretches == [4_500_000 ..< 11_500_000])
        timeline.tasks.append(TaskTimeline(
            id: TaskID(9), name: "spinner", created: 1_000_000, ended: 12_000_000,
            intervals: IntervalList(sorted: [StateInterval(start: 1_000_000, end: 12_000_000, state: .running(ThreadID(2)))])))
        #expect(MachineStalls(timeline).stretches.isEmpty)
    }

    @Test("a silence in which every task slept past it or waited is no stall; one in which a sleep fell due is")
    func noStallWhileNothingCouldRun() throws {
        // main runs from 1 to 2 ms, then sleeps to 12 ms; nothing records anything from 4.5 to 11.5 ms.
        var timeline = try traceFile("running-stall")
        func main(_ state: TaskState) -> TaskTimeline {
            TaskTimeline(id: TaskID(1), name: "main", created: 900_000, ended: 12_000_000, intervals: IntervalList(sorted: [
                StateInterval(start: 1_000_000, end: 2_000_000, state: .running(ThreadID(1))),
                StateInterval(start: 2_000_000, end: 12_000_000, state: state),
            ]))
        }
        // Asleep until 22 ms: nothing of the program could have run, so the machine took nothing from it.
        timeline.tasks = [main(.sleeping(duration: 20 * ms))]
        #expect(MachineStalls(timeline).stretches.isEmpty)
        #expect(RunFigures(timeline).stalled == 0)
        // Waiting on a mutex: likewise.
        timeline.tasks = [main(.blocked(object: ObjectID(7), reason: .mutex))]
        #expect(MachineStalls(timeline).stretches.isEmpty)
        // Asleep until 7 ms, inside the silence: main was due to run and did not.
        timeline.tasks = [main(.sleeping(duration: 5 * ms))]
        #expect(MachineStalls(timeline).stretches == [4_500_000 ..< 11_500_000])
        // Ready through it: likewise.
        timeline.tasks = [main(.runnable(.yielded))]
        #expect(MachineStalls(timeline).stretches == [4_500_000 ..< 11_500_000])
    }

    @Test("a gap that the slower run's stall explains is called noise, naming the stall")
    func verdictNamesTheStall() {
        let a = RunFigures(scheduler: "multiplexed", wallTime: 24 * ms, threads: 3, tasks: 9, workers: 2, cores: 2,
                           stalled: 11 * ms)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 10, tasks: 9, cores: 2)
        let wall = ContrastVerdict.wall(a, b)
        #expect(wall.hasPrefix("multiplexed (2 pool threads) and thread-per-task took about as long (24.0 ms vs 12.0 ms): multiplexed's run stood still for 11.0 ms ("), "\(wall)")
        #expect(wall.hasSuffix("so the difference is noise"))
        // A stall that explains less than half of the gap leaves the difference standing.
        let small = RunFigures(scheduler: "multiplexed", wallTime: 24 * ms, threads: 3, tasks: 9, workers: 2, stalled: 4 * ms)
        #expect(ContrastVerdict.wall(small, b).hasPrefix("multiplexed (2 pool threads) finished 12.0 ms later"))
    }

    @Test("over repeated runs that differ, a stall in the drawn run does not turn the difference into noise")
    func repeatedRunsIgnoreTheDrawnRunsStall() {
        let slow = WallTimeRuns([18 * ms, 24 * ms, 30 * ms])!, fast = WallTimeRuns([12 * ms, 13 * ms, 17 * ms])!
        let a = RunFigures(scheduler: "multiplexed", wallTime: slow.spread.median, threads: 3, tasks: 9, workers: 2,
                           cores: 2, stalled: 11 * ms, wallRuns: slow)
        let b = RunFigures(scheduler: "thread-per-task", wallTime: fast.spread.median, threads: 10, tasks: 9, cores: 2,
                           wallRuns: fast)
        #expect(!ContrastVerdict.isTie(a, b))
        let wall = ContrastVerdict.wall(a, b)
        #expect(wall.hasPrefix("multiplexed (2 pool threads) finished 11.0 ms later than thread-per-task (medians of 3 runs"), "\(wall)")
        #expect(!wall.contains("stood still"))
    }
}
