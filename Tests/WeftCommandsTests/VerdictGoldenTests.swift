import Foundation
import Testing
import WeftAnalysis
import WeftTestSupport
@testable import WeftCommands

/// The verdict over fixed figures, and `weft compare`'s whole printout over fixed measurements, compared with
/// `Golden/verdicts.txt` and `Golden/compare-report.txt` (WEFT_UPDATE_GOLDEN=1 rewrites them).
@Suite("Verdict golden files")
struct VerdictGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let ms: UInt64 = 1_000_000
    static let mib: UInt64 = 1 << 20

    /// One pair of runs to judge: what it shows, multiplexed first, then thread-per-task.
    struct Case {
        let name: String
        let a: RunFigures
        let b: RunFigures
    }

    static let cases: [Case] = [
        Case(name: "10,000 sleeping tasks: thread-per-task later, and main's slow task creation explains the gap",
             a: RunFigures(scheduler: "multiplexed", wallTime: 608 * ms, threads: 3, peakMemory: 165 * mib, tasks: 10_001,
                           workers: 2, cores: 2, spawning: 20 * ms, spawner: "main"),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 1_020 * ms, threads: 10_002, peakMemory: 612 * mib,
                           tasks: 10_001, cores: 2, spawning: 430 * ms, spawner: "main")),
        Case(name: "a pipeline: thread-per-task later, and the hand-offs that woke OS threads explain the gap",
             a: RunFigures(scheduler: "multiplexed", wallTime: 1_040_000, threads: 3, peakMemory: 25 * mib, tasks: 4,
                           workers: 2, cores: 2, spawning: 116_000, spawner: "main",
                           handoffs: Handoffs(count: 93, medianWait: 591, waitOnPath: 52_000)),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 3_120_000, threads: 5, peakMemory: 25 * mib, tasks: 4,
                           cores: 2, spawning: 303_000, spawner: "main",
                           handoffs: Handoffs(count: 92, medianWait: 25_600, waitOnPath: 1_450_000))),
        Case(name: "CPU-bound tasks: thread-per-task later, and time spent waiting for a CPU explains the gap",
             a: RunFigures(scheduler: "multiplexed", wallTime: 4 * ms, threads: 3, peakMemory: 25 * mib, tasks: 5,
                           workers: 2, cores: 2, coreUse: CoreUse(busy: [], cores: 2), cpuTime: 8 * ms, busy: 7_800_000),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 7 * ms, threads: 6, peakMemory: 25 * mib, tasks: 5,
                           cores: 2, coreUse: CoreUse(busy: [[0 ..< 6_000_000], [0 ..< 6_000_000], [0 ..< 3_000_000]], cores: 2),
                           cpuTime: 8 * ms, busy: 12 * ms)),
        Case(name: "median of 5 runs: the medians 3× apart, but one multiplexed run slower than all of thread-per-task's: a tie (rank test p = 0.17)",
             a: repeated(.a, [2 * ms, 2 * ms, 3 * ms, 9 * ms, 2 * ms]),
             b: repeated(.b, [6 * ms, 7 * ms, 6 * ms, 8 * ms, 6 * ms])),
        Case(name: "median of 5 runs: 300 µs apart and every run apart: a difference, though under the single-run floor",
             a: repeated(.a, [1_000_000, 1_050_000, 1_100_000, 1_080_000, 1_020_000]),
             b: repeated(.b, [1_300_000, 1_350_000, 1_400_000, 1_320_000, 1_380_000])),
        Case(name: "later, but task creation explains less than half the gap: no reason is claimed",
             a: RunFigures(scheduler: "multiplexed", wallTime: 105 * ms, threads: 3, peakMemory: 25 * mib, tasks: 1_001,
                           workers: 2, cores: 2, spawning: 3_300_000),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 149 * ms, threads: 1_002, peakMemory: 41 * mib,
                           tasks: 1_001, cores: 2, spawning: 13_300_000)),
        Case(name: "a tie: times 1% apart, memory 4% apart",
             a: RunFigures(scheduler: "multiplexed", wallTime: 101 * ms, threads: 3, peakMemory: 24 * mib, tasks: 4,
                           workers: 2, cores: 2),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 102 * ms, threads: 6, peakMemory: 25 * mib, tasks: 4,
                           cores: 2)),
        Case(name: "a tie: three times as long, but under a millisecond apart",
             a: RunFigures(scheduler: "multiplexed", wallTime: 300_000, threads: 3, tasks: 4, workers: 2, cores: 4),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 900_000, threads: 5, tasks: 4, cores: 4)),
        Case(name: "the edge of noise: 15% apart is a difference, with the slower task creation too small to be the reason",
             a: RunFigures(scheduler: "multiplexed", wallTime: 100 * ms, threads: 3, peakMemory: 30 * mib, tasks: 5,
                           workers: 2, cores: 2, spawning: 100_000),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 115 * ms, threads: 6, peakMemory: 30 * mib, tasks: 5,
                           cores: 2, spawning: 400_000)),
        Case(name: "thread-per-task sooner, with less memory (CPU-bound work on more cores than workers)",
             a: RunFigures(scheduler: "multiplexed", wallTime: 7_400_000, threads: 2, peakMemory: 40 * mib, tasks: 5,
                           workers: 1, cores: 4),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 2_000_000, threads: 5, peakMemory: 30 * mib, tasks: 5,
                           cores: 4)),
        Case(name: "as many threads, no memory figures, no cores recorded",
             a: RunFigures(scheduler: "multiplexed", wallTime: 10 * ms, threads: 3, tasks: 4, workers: 3),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 3, tasks: 4)),
        Case(name: "both deadlocked: times are not compared",
             a: RunFigures(scheduler: "multiplexed", wallTime: 14 * ms, threads: 3, peakMemory: 25 * mib, tasks: 6,
                           workers: 2, cores: 2, problem: "deadlocked"),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 15 * ms, threads: 7, peakMemory: 25 * mib, tasks: 6,
                           cores: 2, problem: "deadlocked")),
        Case(name: "only one run deadlocked",
             a: RunFigures(scheduler: "multiplexed", wallTime: 14 * ms, threads: 3, tasks: 6, workers: 2, cores: 2,
                           problem: "deadlocked"),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 15 * ms, threads: 7, tasks: 6, cores: 2)),
        Case(name: "the two ended differently",
             a: RunFigures(scheduler: "multiplexed", wallTime: 14 * ms, threads: 3, tasks: 6, workers: 2, cores: 2,
                           problem: "deadlocked"),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 15 * ms, threads: 7, tasks: 6, cores: 2,
                           problem: "thread-limit")),
        Case(name: "10,000 threads woken at once: the bound on waiting for a CPU exceeds the run, main's creation is named",
             a: RunFigures(scheduler: "multiplexed", wallTime: 2_040 * ms, threads: 3, peakMemory: 56 * mib, tasks: 10_001,
                           workers: 2, cores: 2, spawning: 27 * ms, spawner: "main", cpuTime: 181 * ms, busy: 190 * ms),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 2_580 * ms, threads: 10_002, peakMemory: 172 * mib,
                           tasks: 10_001, cores: 2, spawning: 393 * ms, spawner: "main", cpuTime: 2_120 * ms,
                           busy: 39_000 * ms)),
        Case(name: "median of 5 runs: one multiplexed run among thread-per-task's, the rest apart: a difference though the ranges overlap (rank test p = 0.032)",
             a: repeated(.a, [2 * ms, 2 * ms, 3 * ms, 6_500_000, 2 * ms]),
             b: repeated(.b, [6 * ms, 7 * ms, 7_500_000, 8 * ms, 6 * ms])),
        Case(name: "median of 5 runs: every run apart but the medians 3.9% apart: a tie, under the 15% margin",
             a: repeated(.a, [100 * ms, 101 * ms, 102 * ms, 103 * ms, 104 * ms]),
             b: repeated(.b, [105 * ms, 106 * ms, 106 * ms, 107 * ms, 108 * ms])),
        Case(name: "median of 5 runs: the runs interleave: a tie",
             a: repeated(.a, [100 * ms, 104 * ms, 101 * ms, 109 * ms, 103 * ms]),
             b: repeated(.b, [102 * ms, 106 * ms, 99 * ms, 105 * ms, 101 * ms])),
        Case(name: "median of 3 runs: too few for the rank test; every run apart is a difference",
             a: repeated(.a, [1_040_000, 980_000, 1_200_000]),
             b: repeated(.b, [3_120_000, 2_900_000, 3_400_000])),
        Case(name: "median of 3 runs: too few for the rank test; overlapping runs are a tie",
             a: repeated(.a, [1_040_000, 980_000, 3_000_000]),
             b: repeated(.b, [3_120_000, 2_900_000, 3_400_000])),
        Case(name: "a pipeline whose main waited for its own new thread: creating the tasks took 0.3 ms of a 5.3 ms gap, the tasks' waits to start explain it",
             a: RunFigures(scheduler: "multiplexed", wallTime: 1_290_000, threads: 3, peakMemory: 26 * mib, tasks: 4,
                           workers: 2, cores: 2, spawning: 120_000, spawner: "main",
                           handoffs: Handoffs(count: 90, medianWait: 2_100, waitOnPath: 150_000),
                           startUps: StartUps(waitOnPath: 90_000, longest: "main", longestWait: 40_000)),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 6_630_000, threads: 5, peakMemory: 26 * mib, tasks: 4,
                           cores: 2, spawning: 300_000, spawner: "main",
                           handoffs: Handoffs(count: 91, medianWait: 9_000, waitOnPath: 900_000),
                           startUps: StartUps(waitOnPath: 4_400_000, longest: "main", longestWait: 3_780_000))),
        Case(name: "later, with creation, start-up and hand-offs each under half the gap: no reason is claimed",
             a: RunFigures(scheduler: "multiplexed", wallTime: 1_290_000, threads: 3, tasks: 4, workers: 2, cores: 2,
                           spawning: 120_000, spawner: "main",
                           handoffs: Handoffs(count: 90, medianWait: 2_100, waitOnPath: 150_000),
                           startUps: StartUps(waitOnPath: 90_000, longest: "main", longestWait: 40_000)),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 6_630_000, threads: 5, tasks: 4, cores: 2,
                           spawning: 300_000, spawner: "main",
                           handoffs: Handoffs(count: 91, medianWait: 9_000, waitOnPath: 900_000),
                           startUps: StartUps(waitOnPath: 1_400_000, longest: "main", longestWait: 800_000))),
        Case(name: "median of 5 runs: thread-per-task's runs in two groups, its median 50% above multiplexed's: the groups lead, no clear winner",
             a: repeated(.a, [34 * ms, 36_400_000, 35 * ms, 38 * ms, 37 * ms]),
             b: repeated(.b, [33_100_000, 39_100_000, 54_800_000, 57 * ms, 60_600_000])),
        Case(name: "ping-pong: thread-per-task later, its hand-offs explain the gap, a few long waits make most of their total",
             a: RunFigures(scheduler: "multiplexed", wallTime: 3_230_000, threads: 3, peakMemory: 26 * mib, tasks: 3,
                           workers: 2, cores: 2,
                           handoffs: Handoffs(count: 106, medianWait: 972, longestWait: 25_000, waitOnPath: 150_000)),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 18_300_000, threads: 4, peakMemory: 26 * mib, tasks: 3,
                           cores: 2,
                           handoffs: Handoffs(count: 106, medianWait: 30_200, longestWait: 3_100_000, waitOnPath: 9_330_000))),
        Case(name: "a pipeline: the woken tasks' waits explain under half the gap; with the system CPU of waking OS threads they explain it",
             a: RunFigures(scheduler: "multiplexed", wallTime: 3_310_000, threads: 3, peakMemory: 26 * mib, tasks: 4,
                           workers: 2, cores: 2,
                           handoffs: Handoffs(count: 92, medianWait: 1_100, longestWait: 299_000, waitOnPath: 200_000),
                           cpuTime: 4_410_000, systemTime: 109_000, busy: 1_220_000),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 18_100_000, threads: 5, peakMemory: 26 * mib, tasks: 4,
                           cores: 2,
                           handoffs: Handoffs(count: 98, medianWait: 13_000, longestWait: 281_000, waitOnPath: 3_100_000),
                           cpuTime: 21_000_000, systemTime: 19_000_000, busy: 29_100_000)),
        Case(name: "median of 5 runs, a tie: the drawn thread-per-task run lost 6.96 ms to a machine stall, more than the 1.77 ms between the drawn runs",
             a: repeated(.a, [13_800_000, 13_200_000, 16_000_000, 13_500_000, 15_500_000]),
             b: with(repeated(.b, [15_500_000, 14 * ms, 18_500_000, 15 * ms, 16 * ms]), stalled: 6_960_000)),
        Case(name: "median of 5 runs, a tie: the faster drawn run stalled for longer than the gap",
             a: with(repeated(.a, [53_800_000, 50 * ms, 54_540_000, 52 * ms, 54 * ms]), stalled: 3_180_000),
             b: repeated(.b, [54_100_000, 52 * ms, 55_080_000, 53 * ms, 54_500_000])),
        Case(name: "median of 5 runs, a tie: both drawn runs stalled for longer than the gap",
             a: with(repeated(.a, [53_800_000, 50 * ms, 54_540_000, 52 * ms, 54 * ms]), stalled: 3_180_000),
             b: with(repeated(.b, [54_100_000, 52 * ms, 55_080_000, 53 * ms, 54_500_000]), stalled: 1_200_000)),
        Case(name: "median of 5 runs, no clear winner: the slower drawn multiplexed run had a pool thread frozen with work for 3.56 ms",
             a: with(repeated(.a, [5_450_000, 4_100_000, 6_630_000, 4_640_000, 6_310_000]), frozen: 3_560_000),
             b: repeated(.b, [4_640_000, 4_200_000, 5_900_000, 4_500_000, 5_800_000])),
        Case(name: "median of 5 runs, no clear winner: most of each drawn run is start-up before main and the end after it",
             a: with(repeated(.a, [1_760_000, 1_440_000, 2_700_000, 1_700_000, 2_000_000]),
                     parts: WallTimeParts(beforeMain: 1_050_000, main: 313_000, afterMain: 392_000)),
             b: with(repeated(.b, [2_100_000, 1_820_000, 2_240_000, 2_000_000, 2_200_000]),
                     parts: WallTimeParts(beforeMain: 1_010_000, main: 707_000, afterMain: 383_000))),
        Case(name: "single runs, a difference: a 10 ms start-up before main in thread-per-task's run, more than the gap",
             a: RunFigures(scheduler: "multiplexed", wallTime: 20 * ms, threads: 3, tasks: 4, workers: 2, cores: 2,
                           wallParts: WallTimeParts(beforeMain: 1 * ms, main: 18 * ms, afterMain: 1 * ms)),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 26 * ms, threads: 5, tasks: 4, cores: 2,
                           wallParts: WallTimeParts(beforeMain: 10 * ms, main: 15 * ms, afterMain: 1 * ms))),
        Case(name: "single runs: the gap put down to the slower run's stall in the wall clause is not said again",
             a: RunFigures(scheduler: "multiplexed", wallTime: 24 * ms, threads: 3, tasks: 9, workers: 2, cores: 2,
                           stalled: 11 * ms),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 12 * ms, threads: 10, tasks: 9, cores: 2)),
        Case(name: "median of 5 runs, a difference: stall, frozen pool thread and start-up all smaller than the gap: nothing more said",
             a: with(with(repeated(.a, [1_050_000, 1_000_000, 1_100_000, 1_080_000, 1_020_000]), stalled: 100_000,
                          frozen: 150_000), parts: WallTimeParts(beforeMain: 200_000, main: 700_000, afterMain: 150_000)),
             b: with(repeated(.b, [1_350_000, 1_300_000, 1_400_000, 1_320_000, 1_380_000]),
                     parts: WallTimeParts(beforeMain: 250_000, main: 950_000, afterMain: 150_000))),
        Case(name: "median of 5 runs, a tie on wall, but start-up and ending are a third of each run and main's lifetimes differ by 28%: judged on main, hand-offs the reason",
             a: with(with(repeated(.a, [3_720_000, 3_260_000, 3_870_000, 3_800_000, 3_500_000]),
                          parts: WallTimeParts(beforeMain: 1_030_000, main: 2_320_000, afterMain: 374_000)),
                     handoffs: Handoffs(count: 18, medianWait: 1_260, waitOnPath: 40_000)),
             b: with(with(repeated(.b, [4_200_000, 3_700_000, 4_910_000, 4_500_000, 4_100_000]),
                          parts: WallTimeParts(beforeMain: 1_020_000, main: 2_970_000, afterMain: 213_000)),
                     handoffs: Handoffs(count: 19, medianWait: 30_300, waitOnPath: 441_000))),
        Case(name: "median of 5 runs, a tie: start-up about equal in both drawn runs; the gap is said to lie inside main",
             a: with(repeated(.a, [5_900_000, 5_790_000, 6_650_000, 6_000_000, 5_850_000]),
                     parts: WallTimeParts(beforeMain: 921_000, main: 4_600_000, afterMain: 379_000)),
             b: with(repeated(.b, [6_230_000, 5_970_000, 6_400_000, 6_300_000, 6_100_000]),
                     parts: WallTimeParts(beforeMain: 880_000, main: 5_070_000, afterMain: 280_000))),
        Case(name: "median of 5 runs, steadily but under 15% slower: one statement, and the drawn run's stall, more than half the gap, in the headline",
             a: with(repeated(.a, [91_600_000, 87_400_000, 96_500_000, 93_000_000, 90_000_000]), stalled: 3_890_000),
             b: repeated(.b, [85_000_000, 83_700_000, 87_900_000, 84_000_000, 86_000_000])),
        Case(name: "median of 5 runs, a difference: the path that set the wall time slept longer, as long as the program asked",
             a: with(repeated(.a, [33_500_000, 31_300_000, 36_100_000, 34_000_000, 32_000_000]),
                     waits: PathWaits(byKind: ["asleep": 31_500_000, "waiting for a lock": 400_000], overslept: 100_000)),
             b: with(repeated(.b, [28_600_000, 24_700_000, 29_900_000, 29_000_000, 27_000_000]),
                     waits: PathWaits(byKind: ["asleep": 26_500_000], overslept: 90_000))),
        Case(name: "single runs: a lock waited for on the path explains the gap",
             a: RunFigures(scheduler: "multiplexed", wallTime: 20 * ms, threads: 3, tasks: 4, workers: 2, cores: 2,
                           pathWaits: PathWaits(byKind: ["waiting for a lock": 6 * ms])),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 14 * ms, threads: 5, tasks: 4, cores: 2,
                           pathWaits: PathWaits(byKind: ["waiting for a lock": 200_000]))),
        Case(name: "single runs: thread creation explains most of the gap, and the end after main a fifth of it",
             a: RunFigures(scheduler: "multiplexed", wallTime: 105 * ms, threads: 3, tasks: 1_001, workers: 2, cores: 2,
                           spawning: 3_840_000, wallParts: WallTimeParts(beforeMain: 826_000, main: 104 * ms, afterMain: 443_000),
                           spawner: "main"),
             b: RunFigures(scheduler: "thread-per-task", wallTime: 152 * ms, threads: 1_002, tasks: 1_001, cores: 2,
                           spawning: 40_100_000, wallParts: WallTimeParts(beforeMain: 945_000, main: 141 * ms, afterMain: 10_200_000),
                           spawner: "main", peakThreads: 402)),
        Case(name: "median of 5 runs, no clear winner: main's lifetimes differ, but the drawn runs' start-ups differ more and the wall medians point the other way: not judged on main",
             a: with(repeated(.a, [8_470_000, 5_380_000, 13_700_000, 6_000_000, 9_000_000]),
                     parts: WallTimeParts(beforeMain: 4_000_000, main: 3_630_000, afterMain: 850_000)),
             b: with(repeated(.b, [6_620_000, 5_760_000, 21_200_000, 6_000_000, 7_000_000]),
                     parts: WallTimeParts(beforeMain: 1_500_000, main: 4_390_000, afterMain: 740_000))),
        Case(name: "median of 5 runs, a tie: the outside-main parts explain part of the gap between the drawn runs, said as a share",
             a: with(repeated(.a, [5_100_000, 4_290_000, 16_800_000, 4_500_000, 6_000_000]),
                     parts: WallTimeParts(beforeMain: 1_000_000, main: 3_580_000, afterMain: 520_000)),
             b: with(repeated(.b, [5_520_000, 3_710_000, 15_100_000, 4_000_000, 11_900_000]),
                     parts: WallTimeParts(beforeMain: 1_100_000, main: 3_830_000, afterMain: 590_000))),
        // Ties: where the two schedulers differed in running the same work.
        Case(name: "CPU-bound tie (cpu-bound --tasks 8): both wait for the same 2 cores, in the pool's queue and for a CPU from the OS; thread-per-task's uneven runs",
             a: with(repeated(.a, [86_800_000, 88_000_000, 90_300_000, 91_000_000, 91_800_000]),
                     ready: TaskSum(total: 240 * ms, tasks: 9), spawner: "main", spawnerReady: 45_400_000),
             b: with(repeated(.b, [81_200_000, 82_000_000, 83_400_000, 85_000_000, 147 * ms]),
                     ready: TaskSum(total: 45_700_000, tasks: 9), starved: 227 * ms)),
        Case(name: "map-reduce, no clear winner: multiplexed's tasks waited longer in all, thread-per-task's start-ups on the path set main's lifetime",
             a: with(repeated(.a, [3_440_000, 3_600_000, 3_760_000, 5_000_000, 6_720_000]),
                     parts: WallTimeParts(beforeMain: 798_000, main: 2_690_000, afterMain: 274_000),
                     ready: TaskSum(total: 4_630_000, tasks: 5),
                     startUps: StartUps(waitOnPath: 423_000, longest: "group child 1 of t1", longestWait: 300_000)),
             b: with(repeated(.b, [3_920_000, 4_300_000, 4_810_000, 5_500_000, 6_080_000]),
                     parts: WallTimeParts(beforeMain: 931_000, main: 3_550_000, afterMain: 325_000),
                     ready: TaskSum(total: 3_390_000, tasks: 5),
                     startUps: StartUps(waitOnPath: 1_900_000, longest: "group child 4 of t1", longestWait: 1_880_000))),
        Case(name: "pipeline tie (--items 6 --capacity 0 --work-us 300): square set the pace in both runs",
             a: with(repeated(.a, [3_150_000, 3_180_000, 3_210_000, 3_500_000, 4_020_000]),
                     parts: WallTimeParts(beforeMain: 822_000, main: 2_110_000, afterMain: 286_000),
                     pacer: Pacer(task: "square", running: 1_890_000, waiters: [.init(task: "generate", blocked: 1_580_000),
                                                                               .init(task: "sum", blocked: 1_800_000)])),
             b: with(repeated(.b, [3_120_000, 3_200_000, 3_360_000, 3_900_000, 4_340_000]),
                     parts: WallTimeParts(beforeMain: 640_000, main: 2_460_000, afterMain: 261_000),
                     pacer: Pacer(task: "square", running: 2_040_000, waiters: [.init(task: "generate", blocked: 1_610_000),
                                                                               .init(task: "sum", blocked: 1_880_000)]))),
        Case(name: "sleeping producers, a tie: thread-per-task's tasks kept their threads while they waited, the pool's held none",
             a: with(repeated(.a, [18_700_000, 19_000_000, 19_100_000, 19_300_000, 19_500_000]),
                     waiting: TaskSum(total: 69_100_000, tasks: 4), busy: 1_020_000),
             b: with(repeated(.b, [18_600_000, 19_100_000, 19_300_000, 19_700_000, 20_000_000]),
                     waiting: TaskSum(total: 69_200_000, tasks: 4), busy: 1_250_000)),
        Case(name: "actor-cache, a tie: the Cache actor was busy most of the run and the tasks queued to enter it",
             a: with(repeated(.a, [9_800_000, 10_100_000, 10_300_000, 10_600_000, 11_000_000]),
                     waiting: TaskSum(total: 30_000_000, tasks: 5), busy: 7_000_000,
                     bottleneck: Bottleneck(kind: .actor, name: "Cache", busy: 6_560_000, waited: 16_600_000, tasks: 5, mainWaited: true)),
             b: with(repeated(.b, [9_700_000, 10_000_000, 10_200_000, 10_500_000, 10_900_000]),
                     waiting: TaskSum(total: 29_000_000, tasks: 5), busy: 7_100_000,
                     bottleneck: Bottleneck(kind: .actor, name: "Cache", busy: 6_570_000, waited: 15_000_000, tasks: 5, mainWaited: true))),
        Case(name: "counter, a tie: the adders waited for the counter's lock, held most of the run",
             a: with(repeated(.a, [7_400_000, 7_600_000, 7_670_000, 7_900_000, 8_100_000]),
                     waiting: TaskSum(total: 11_800_000, tasks: 4), busy: 6_510_000,
                     bottleneck: Bottleneck(kind: .lock, name: "counter", busy: 7_000_000, waited: 5_880_000, tasks: 2)),
             b: with(repeated(.b, [7_500_000, 7_650_000, 7_690_000, 7_800_000, 8_000_000]),
                     waiting: TaskSum(total: 7_880_000, tasks: 4), busy: 6_470_000,
                     bottleneck: Bottleneck(kind: .lock, name: "counter", busy: 7_010_000, waited: 3_840_000, tasks: 2))),
        Case(name: "CPU-bound, multiplexed steadily slower: a pool thread sat free at the end while the last task ran alone, which outweighs both waiting for the cores",
             a: with(repeated(.a, [92_800_000, 94 * ms, 96 * ms, 97 * ms, 97_900_000]),
                     ready: TaskSum(total: 246 * ms, tasks: 9), spawner: "main", spawnerReady: 44_200_000,
                     poolIdle: PoolIdleAtEnd(idle: 25_070_000, runner: "t9", workers: 2)),
             b: with(repeated(.b, [84_600_000, 85 * ms, 86_400_000, 87 * ms, 87_700_000]),
                     ready: TaskSum(total: 22_500_000, tasks: 9), starved: 251 * ms))
    ]

    /// `run` with a stall, a frozen pool thread's time, or the wall time's parts around main.
    static func with(_ run: RunFigures, stalled: UInt64? = nil, frozen: UInt64? = nil, parts: WallTimeParts? = nil,
                     handoffs: Handoffs? = nil, waits: PathWaits? = nil, ready: TaskSum? = nil, starved: UInt64? = nil,
                     waiting: TaskSum? = nil, busy: UInt64? = nil, spawner: String? = nil, spawnerReady: UInt64? = nil,
                     startUps: StartUps? = nil, pacer: Pacer? = nil, bottleneck: Bottleneck? = nil,
                     poolIdle: PoolIdleAtEnd? = nil) -> RunFigures {
        var run = run
        if let poolIdle { run.poolIdleAtEnd = poolIdle }
        if let ready { run.waitingToRun = ready }
        if let starved { run.cpuStarved = starved }
        if let waiting { run.waiting = waiting }
        if let busy { run.busy = busy }
        if let spawner { run.spawner = spawner }
        if let spawnerReady { run.spawnerReady = spawnerReady }
        if let startUps { run.startUps = startUps }
        if let pacer { run.pacer = pacer }
        if let bottleneck { run.bottleneck = bottleneck }
        if let handoffs { run.handoffs = handoffs }
        if let waits { run.pathWaits = waits }
        if let stalled { run.stalled = stalled }
        if let frozen { run.frozenPoolThread = frozen }
        if let parts { run.wallParts = parts }
        return run
    }

    /// Which scheduler a repeated case's figures are of.
    enum Side { case a, b }

    /// Figures over repeated runs with these wall times: multiplexed with 2 workers (`a`) or thread-per-task (`b`),
    /// on 2 cores, the drawn run the median one.
    static func repeated(_ side: Side, _ walls: [UInt64]) -> RunFigures {
        let runs = WallTimeRuns(walls)!
        return RunFigures(scheduler: side == .a ? "multiplexed" : "thread-per-task",
                          wallTime: runs.walls[runs.drawn], threads: side == .a ? 3 : 6, peakMemory: 25 * mib, tasks: 5,
                          workers: side == .a ? 2 : nil, cores: 2, wallRuns: runs)
    }

    /// One run's figures on one line: "thread-per-task · wall 1.02 s · 10,002 OS threads · peak 612 MiB · …".
    static func describe(_ run: RunFigures) -> String {
        var parts = [run.scheduler, "wall \(DurationFormat.format(run.wallTime))", "\(Format.count(run.threads)) OS threads"]
        if let peak = run.peakMemory { parts.append("peak \(ByteFormat.format(peak))") }
        parts.append("\(Format.count(run.tasks)) tasks")
        if let workers = run.workers { parts.append(workers == 1 ? "1 worker" : "\(workers) workers") }
        if let cores = run.cores { parts.append(cores == 1 ? "1 core" : "\(cores) cores") }
        if let spawning = run.spawning { parts.append("creating tasks \(DurationFormat.format(spawning))" + (run.spawner.map { " by \($0)" } ?? "")) }
        if let s = run.startUps {
            parts.append("\(DurationFormat.format(s.waitOnPath)) waiting to start on the critical path, \(s.longest) "
                + DurationFormat.format(s.longestWait))
        }
        if let h = run.handoffs {
            parts.append("\(h.count) hand-offs, median wait \(DurationFormat.format(h.medianWait)), longest "
                + "\(DurationFormat.format(h.longestWait)), \(DurationFormat.format(h.waitOnPath)) on the critical path")
        }
        if let cpu = run.cpuTime {
            parts.append("CPU \(DurationFormat.format(cpu))" + (run.systemTime.map { " (system \(DurationFormat.format($0)))" } ?? "")
                + ", running \(DurationFormat.format(run.busy))")
        }
        if let use = run.coreUse, use.peak > 0 { parts.append("up to \(use.peak) threads running") }
        if run.stalled > 0 { parts.append("stalled \(DurationFormat.format(run.stalled))") }
        if let idle = run.poolIdleAtEnd { parts.append("pool idle at the end \(DurationFormat.format(idle.idle)) while \(idle.runner) ran") }
        if run.frozenPoolThread > 0 { parts.append("pool thread frozen \(DurationFormat.format(run.frozenPoolThread))") }
        if let p = run.wallParts {
            parts.append("\(DurationFormat.format(p.beforeMain)) before main + \(DurationFormat.format(p.main)) main + "
                + "\(DurationFormat.format(p.afterMain)) after")
        }
        if let runs = run.wallRuns {
            parts.append("\(runs.count) runs: " + runs.walls.map(DurationFormat.format).joined(separator: ", "))
        }
        if let waits = run.pathWaits {
            parts.append("on the path: " + waits.byKind.sorted { $0.key < $1.key }
                .map { "\($0.key) \(DurationFormat.format($0.value))" }.joined(separator: ", ")
                + (waits.overslept > 0 ? " (overslept \(DurationFormat.format(waits.overslept)))" : ""))
        }
        if let peak = run.peakThreads { parts.append("at most \(peak) threads at once") }
        if let ready = run.waitingToRun { parts.append("waiting to run \(DurationFormat.format(ready.total)) over \(ready.tasks) tasks") }
        if run.cpuStarved > 0 { parts.append("no CPU \(DurationFormat.format(run.cpuStarved))") }
        if let waiting = run.waiting { parts.append("blocked or asleep \(DurationFormat.format(waiting.total)) over \(waiting.tasks) tasks") }
        if let ready = run.spawnerReady { parts.append("\(run.spawner ?? "spawner") ready \(DurationFormat.format(ready))") }
        if let pacer = run.pacer {
            parts.append("pacer \(pacer.task) ran \(DurationFormat.format(pacer.running)), waited on by "
                + pacer.waiters.map { "\($0.task) \(DurationFormat.format($0.blocked))" }.joined(separator: ", "))
        }
        if let b = run.bottleneck {
            parts.append("bottleneck \(b.kind) \(b.name) busy \(DurationFormat.format(b.busy)), waited "
                + "\(DurationFormat.format(b.waited)) by \(b.tasks) tasks")
        }
        if let problem = run.problem { parts.append(problem) }
        return parts.joined(separator: " · ")
    }

    @Test("each pair of fixed figures gets the verdict in the golden file (ties, reasons, problems)")
    func verdicts() throws {
        var text = "# The verdict atop each contrast picture and under weft compare's table, for fixed figures.\n"
        for c in Self.cases {
            text += "\n== \(c.name)\n"
            text += "a: \(Self.describe(c.a))\nb: \(Self.describe(c.b))\n"
            let verdict = ContrastVerdict.verdict(c.a, c.b)
            text += "headline: \(verdict.headline)\n"
            if !verdict.detail.isEmpty { text += "detail: \(verdict.detail)\n" }
        }
        try GoldenFile.compare(text, with: "verdicts.txt", in: Self.goldenFolder)
        // The golden file itself claims what the rules say: ties are called ties, and each reason is named once,
        // where its measure accounts for at least half the gap.
        let all = Self.cases.map { ContrastVerdict.verdict($0.a, $0.b) }
        let verdicts = all.map(\.text), headlines = all.map(\.headline)
        #expect(headlines[0].contains("main spent 430 ms creating 10,000 tasks and their OS threads"))
        #expect(headlines[2].contains("waiting for one of the 2 cores, with up to 3 threads running at once"))
        // Multiplexed is named first, as the panels are drawn.
        #expect(headlines.filter { !$0.contains("ended") }.allSatisfy {
            let text = $0.lowercased()
            return (text.range(of: "multiplexed")?.lowerBound ?? text.endIndex) < (text.range(of: "thread-per-task")?.lowerBound ?? text.endIndex)
        })
        #expect(headlines[3].contains("no clear winner between multiplexed (2 pool threads) and thread-per-task")
            && all[3].detail.hasPrefix("Rank test p = 0.17;") && !verdicts[3].contains("tied"))
        #expect(headlines[4].contains("300 µs sooner") && headlines[4].contains("medians of 5 runs")
            && !headlines[4].contains("rank test") && all[4].detail.hasPrefix("Rank test p = 0.0079"))
        // The statistics and the tie margin are said once, in the detail.
        #expect(all.allSatisfy { !$0.headline.contains("p = ") && !$0.headline.contains("Weft calls a tie") })
        #expect(all.allSatisfy { $0.detail.components(separatedBy: "Weft calls a win").count <= 2 })
        // A win with no measured cause says so, in the detail.
        #expect(all[5].detail.hasPrefix("None of the causes Weft measures"))
        // Over repeated runs: a difference needs the ranks and the margin; with 3 runs each, every run apart.
        #expect(headlines[15].contains("sooner") && all[15].detail.hasPrefix("Rank test p = 0.032"))
        #expect(headlines[16].contains("took 3.9% less time than thread-per-task")
            && headlines[16].contains("in every run") && all[16].detail.contains("so this difference is real but small")
            && !headlines[16].contains("Weft calls"))
        #expect(headlines[17].contains("took about as long"))
        #expect(headlines[18].contains("sooner") && all[18].detail.hasPrefix("3 runs each are too few for a rank test"))
        #expect(headlines[19].contains("no clear winner") && all[19].detail.contains("too few for a rank test"))
        #expect(all[22].detail.contains("Thread-per-task's runs fell in two separate groups")
            && headlines[22].contains("no clear winner between") && !verdicts[22].contains("tied"))
        #expect(headlines[23].contains("each of its 106 hand-offs woke another OS thread, and the woken tasks waited a "
            + "median 30.2 µs to run (9.33 ms of the wall time in all)"))
        #expect(headlines[24].contains("which cost 19.0 ms of system CPU putting threads to sleep and waking them"))
        #expect(headlines.filter { $0.contains("creating") }.count == 3)
        // Creation counts from the first spawn: main's own wait for its thread is a start-up, named as one.
        #expect(headlines[20].contains("its tasks waited 4.40 ms of the wall time for their new OS threads to start (main alone 3.78 ms)")
            && !headlines[20].contains("creating"))
        #expect(headlines[21].contains("(1.29 ms vs 6.63 ms). Thread-per-task used"))
        // Where both qualify, creation (on the path that set the wall time) is named before the looser CPU bound.
        #expect(headlines[14].contains("main spent 393 ms creating") && !headlines[14].contains("waiting for one of"))
        #expect(headlines[6].contains("a tie within run-to-run noise") && headlines[7].contains("a tie within run-to-run noise"))
        #expect(!verdicts[8].contains("a tie") && headlines[9].contains("later"))
        // In a tie, a stall of a drawn run is said once, in the detail: the headline says where the schedulers differed.
        #expect(all[25].detail.hasSuffix("Thread-per-task's drawn run stood still for 6.96 ms (no thread of the process "
            + "ran: the machine paused it), more than the whole 1.70 ms between the drawn runs: the gap is not the scheduler's."))
        #expect(verdicts[25].components(separatedBy: "stood still").count == 2 && !headlines[25].contains("stood still"))
        #expect(all[26].detail.contains("Multiplexed's drawn run stood still for 3.18 ms")
            && all[26].detail.hasSuffix("without it they would differ more."))
        #expect(all[27].detail.contains("Both drawn runs stood still"))
        // A tie's detail is the statistics and what the panels show, in one sentence, and nothing on the gap between
        // the drawn runs: neither a frozen pool thread's share of it nor the outside of main.
        let caveat = "Weft calls a win only at p < 0.05 with the medians over 15% apart, so the panels show how each ran "
            + "the work, not which is faster."
        for i in [17, 28, 29, 33, 34, 39, 40] {
            #expect(all[i].detail.hasPrefix("Rank test p = ") && all[i].detail.contains(caveat), "case \(i)")
            #expect(!verdicts[i].contains("drawn runs differ") && !verdicts[i].contains("Outside main")
                && !verdicts[i].contains("ran main in"), "case \(i)")
        }
        #expect(all[30].detail.hasSuffix("The drawn runs differ mostly outside main, in the runtime starting and stopping "
            + "its threads: 2.00 ms under multiplexed, 11.0 ms under thread-per-task; main itself ran 18.0 ms and 15.0 ms."))
        #expect(headlines[31].contains("stood still for 11.0 ms") && verdicts[31].components(separatedBy: "stood still").count == 2)
        // Main's lifetimes apart with a measured cause: where the schedulers differed is the path that set main's.
        #expect(headlines[33].hasSuffix("In the drawn runs thread-per-task's main ran 650 µs longer (2.97 ms vs 2.32 ms): "
            + "each of its 19 hand-offs woke another OS thread, and the woken tasks waited a median 30.3 µs to run (441 µs "
            + "of the wall time in all), where the pool handed the task on in a median 1.26 µs."))
        // Main's lifetimes apart with no measured cause (29), or apart the other way from the wall medians (39): unsaid.
        #expect(!headlines[29].contains("In the drawn runs") && !headlines[39].contains("In the drawn runs"))
        #expect(headlines[35].contains("took 7.8% longer than thread-per-task")
            && all[35].detail.contains("Multiplexed's drawn run stood still for 3.89 ms")
            && all[35].detail.contains("more than half of the 6.60 ms between the drawn runs"))
        #expect(headlines[36].contains("tasks spent 31.5 ms asleep (thread-per-task: 26.5 ms), sleeps the program asked for"))
        #expect(headlines[37].contains("tasks spent 6.00 ms waiting for a lock (thread-per-task: 200 µs)"))
        #expect(headlines[38].contains("main spent 40.1 ms creating 1,000 tasks and their OS threads (multiplexed: 3.84 ms), "
            + "and after main returned the runtime took 10.2 ms to end its threads (multiplexed: 443 µs)")
            && headlines[38].contains("1,002 OS threads (at most 402 at once) instead of 3"))
        // Ties say where the schedulers differed, one rule each, and uneven runs say their range.
        #expect(headlines[41].contains("(medians of 5 runs: 90.3 ms vs 83.4 ms; thread-per-task's runs took 81.2 ms – 147 ms)")
            && headlines[41].hasSuffix("Both waited for the same 2 cores, in different places: multiplexed's tasks in "
            + "the pool's queue (26.7 ms each on average), thread-per-task's threads for a CPU from the OS (25.2 ms per "
            + "task “running” while its thread's CPU clock stood still)."))
        #expect(headlines[42].contains("In the drawn runs thread-per-task's main ran 860 µs longer (3.55 ms vs 2.69 ms): "
            + "its tasks waited 1.90 ms of the wall time for their new OS threads to start")
            && headlines[42].hasSuffix("multiplexed's tasks waited longer to run in all (926 µs each on average, against "
            + "678 µs), but less of it on the path that set the wall time."))
        #expect(headlines[43].hasSuffix("In both runs square set the pace: generate and sum spent 1.58 ms and 1.80 ms "
            + "blocked on channels waiting for it (thread-per-task: 1.61 ms and 1.88 ms), each keeping its OS thread "
            + "meanwhile under thread-per-task, none under multiplexed."))
        #expect(headlines[44].hasSuffix("Under thread-per-task each task kept its own OS thread while it waited (blocked "
            + "or asleep: 69.2 ms task-time over 4 tasks); under multiplexed a waiting task held no thread, and its 2 "
            + "pool threads ran tasks for 1.02 ms in all."))
        // One headline sentence on times, then at most one on where they differed; the resources go to the detail.
        #expect(all[41...47].allSatisfy { $0.headline.components(separatedBy: ". ").count == 2 })
        #expect(all[41...47].allSatisfy { !$0.headline.contains("OS threads instead of") && $0.detail.contains("OS threads instead of") })
        // The actor's waiters are counted as the panels count them: main apart.
        #expect(headlines[45].contains("the 4 tasks and main waited 16.6 ms in all to enter it"))
        // A pool thread free at the end outweighs the cores both waited for: where multiplexed lost is named.
        #expect(headlines[47].hasSuffix("At the end multiplexed's pool threads sat free for 25.1 ms of main's last wait "
            + "with nothing to run while t9 still ran: a task stays on its pool thread until it awaits or ends, so the work "
            + "did not divide evenly."))
    }

    @Test("weft compare's printout for fixed measurements matches the golden file: the table, then the verdict")
    func compareReport() throws {
        let measurements = try ["multiplexed(2 workers)", "thread-per-task"].enumerated().map { i, scheduler in
            let line = """
            {"arguments":["--tasks","1000","--sleep-ms","100"],"baselineResidentBytes":\(20 * Self.mib),\
            "baselineVirtualBytes":\(300 * Self.mib),"demo":"io-bound","eventsDropped":0,\
            "eventsRecorded":\(i == 0 ? 21_004 : 23_010),"meanSpawnNanoseconds":\(i == 0 ? 2_100 : 41_000),\
            "outcome":"completed","peakThreadsAlive":\(i == 0 ? 3 : 1_002),"scheduler":"\(scheduler)",\
            "tasksCreated":1001,"threadsCreated":\(i == 0 ? 3 : 1_002),"traceBytes":\(i == 0 ? 180_000 : 196_000),\
            "usage":{"involuntarySwitches":\(i == 0 ? 12 : 950),"peakResidentBytes":\(i == 0 ? 27 * Self.mib : 43 * Self.mib),\
            "peakVirtualBytes":\(i == 0 ? 500 * Self.mib : 8_600 * Self.mib),"systemNanoseconds":\(i == 0 ? 9 * Self.ms : 80 * Self.ms),\
            "userNanoseconds":\(i == 0 ? 30 * Self.ms : 60 * Self.ms),"voluntarySwitches":\(i == 0 ? 1_500 : 4_100)},\
            "wallNanoseconds":\(i == 0 ? 105 * Self.ms : 149 * Self.ms)}
            """
            return try #require(RunMeasurement.parse(line), "measurement \(i) parses")
        }
        // The figures the two traces would give: the table's wall times, threads and peaks.
        var figures = (Self.cases[5].a, Self.cases[5].b)
        figures.0.peakMemory = 27 * Self.mib
        figures.1.peakMemory = 43 * Self.mib
        let verdict = ContrastVerdict.sentences(figures.0, figures.1)
        let selection = try DemoSelection(name: "io-bound", words: ["--tasks", "1000", "--sleep-ms", "100"])
        let report = CompareTable.report(demo: "io-bound", arguments: ["--tasks", "1000", "--sleep-ms", "100"],
                                         description: ProgramDescription.demo(selection),
                                         measurements.map { RepeatedRuns([$0]) }, verdict: verdict)
        try GoldenFile.compare(report + "\n", with: "compare-report.txt", in: Self.goldenFolder)
        #expect(report.hasSuffix("\n\nVerdict: " + verdict))
        // The second line says what the program does, with the options changed from their defaults.
        #expect(report.split(separator: "\n")[1].hasPrefix("io-bound: 10,000 tasks that mostly sleep"))
        #expect(report.split(separator: "\n")[1].hasSuffix("this run: --tasks 1,000 (default 10,000), --sleep-ms 100 (default 2,000)"))
        // Without both traces there is no verdict, only the table.
        #expect(!CompareTable.report(demo: "io-bound", arguments: [], measurements.map { RepeatedRuns([$0]) },
                                     verdict: nil).contains("Verdict"))
    }

    @Test("weft compare --repeat 3's printout: medians with their ranges, ratios of medians, the header says so")
    func repeatedReport() throws {
        func measurement(_ scheduler: String, wall: UInt64, threads: Int, switches: Int) throws -> RunMeasurement {
            let line = """
            {"arguments":["--items","30"],"baselineResidentBytes":\(20 * Self.mib),"baselineVirtualBytes":\(300 * Self.mib),\
            "demo":"pipeline","eventsDropped":0,"eventsRecorded":541,"meanSpawnNanoseconds":13000,"outcome":"completed",\
            "peakThreadsAlive":\(threads),"scheduler":"\(scheduler)","tasksCreated":4,"threadsCreated":\(threads),\
            "traceBytes":4270,"usage":{"involuntarySwitches":3,"peakResidentBytes":\(25 * Self.mib),\
            "peakVirtualBytes":\(600 * Self.mib),"systemNanoseconds":\(4 * Self.ms),"userNanoseconds":\(12 * Self.ms),\
            "voluntarySwitches":\(switches)},"wallNanoseconds":\(wall)}
            """
            return try #require(RunMeasurement.parse(line))
        }
        let m = RepeatedRuns(try [(1_040_000, 27), (980_000, 25), (1_200_000, 30)].map {
            try measurement("multiplexed(2 workers)", wall: $0.0, threads: 3, switches: $0.1)
        })
        let t = RepeatedRuns(try [(3_120_000, 121), (2_900_000, 119), (3_400_000, 130)].map {
            try measurement("thread-per-task", wall: $0.0, threads: 5, switches: $0.1)
        })
        #expect(m.medianRun.wallNanoseconds == 1_040_000 && m.medianIndex == 0 && t.medianIndex == 0)
        let selection = try DemoSelection(name: "pipeline", words: ["--items", "30"])
        let report = CompareTable.report(demo: "pipeline", arguments: ["--items", "30", "--repeat", "3"],
                                         description: ProgramDescription.demo(selection), [m, t], verdict: nil)
        try GoldenFile.compare(report + "\n", with: "compare-report-repeat.txt", in: Self.goldenFolder)
        #expect(report.contains("Median of 3 runs of each scheduler"))
        // The ratio is of the medians: 3.12 ms ÷ 1.04 ms.
        #expect(report.split(separator: "\n").contains { $0.hasPrefix("wall time") && $0.contains("1.04 ms (980 µs – 1.20 ms)") && $0.hasSuffix("×3.00") })
        // A measure that did not vary shows its one value.
        #expect(report.split(separator: "\n").contains { $0.hasPrefix("OS threads created") && !$0.contains("(") })
    }
}
