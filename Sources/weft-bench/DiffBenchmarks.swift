import Foundation
import WeftAnalysis
import WeftRender
import WeftTrace
import WeftTestSupport

/// Diffing two 1-million-event traces: ≤ 3 s end to end (read both for the diff, keeping no per-event lists, with
/// their operation sequences; compare; write the text report), and reading both as whole models instead (what the
/// picture's timelines need) for comparison.
///
/// The traces are one `SyntheticRun` (2,000 producers) under 2 workers and under one thread per task, written once
/// to .weft files in the temporary folder and reused. `WEFT_BENCH_EVENTS` scales them (default 1,000,000 each).
let diffSuite = BenchmarkSuite(name: "diff") {
    let target = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_EVENTS"] ?? "") ?? 1_000_000
    let runs = 5
    let tasks = 2_000
    // About 7.5 events per producer burst.
    let bursts = max(target * 2 / (tasks * 15), 1)
    var paths: [String] = []
    for (label, workers) in [("multiplexed", 2 as Int?), ("thread-per-task", nil)] {
        let path = NSTemporaryDirectory() + "weft-bench-diff-\(label)-\(tasks)x\(bursts).weft"
        if !FileManager.default.fileExists(atPath: path) {
            let list = SyntheticRun(tasks: tasks, bursts: bursts, workers: workers, sleep: 100_000_000).events()
            try TraceFileWriter.write(list, to: path)
            print("generated \(list.events.count) events into \(path)")
        }
        paths.append(path)
    }

    var load: [Double] = [], compare: [Double] = [], report: [Double] = [], total: [Double] = []
    var cpu: [Double] = [], loadCPU: [Double] = [], compareCPU: [Double] = [], whole: [Double] = [], wholeCPU: [Double] = []
    var events = (0, 0), matched = 0, divergent = 0
    for _ in 0..<runs {
        let begin = ContinuousClock.now, cpuBegin = DiffBench.cpuSeconds()
        var a: TracedRun!, b: TracedRun!
        load.append(try DiffBench.seconds {
            let runs = try TracedRun.read(paths, whole: false)
            a = runs[0].run
            b = runs[1].run
        })
        loadCPU.append(DiffBench.cpuSeconds() - cpuBegin)
        events = (a.timeline.run.totalEvents, b.timeline.run.totalEvents)
        var diff: TraceDiff!
        let compareBegin = DiffBench.cpuSeconds()
        compare.append(DiffBench.seconds { diff = TraceDiff(a: a, b: b, nameA: paths[0], nameB: paths[1]) })
        compareCPU.append(DiffBench.cpuSeconds() - compareBegin)
        var text = ""
        report.append(DiffBench.seconds { text = DiffReport().render(diff) })
        total.append(RenderBench.since(begin))
        cpu.append(DiffBench.cpuSeconds() - cpuBegin)
        precondition(!text.isEmpty)
        matched = diff.tasks.count
        divergent = diff.divergences.count
        a = nil
        b = nil
        let wholeBegin = DiffBench.cpuSeconds()
        whole.append(try DiffBench.seconds {
            let runs = try TracedRun.read(paths, whole: true)
            precondition(TraceDiff(a: runs[0].run, b: runs[1].run, nameA: paths[0], nameB: paths[1]) == diff)
        })
        wholeCPU.append(DiffBench.cpuSeconds() - wholeBegin)
    }
    let m = RenderBench.median
    let f = DiffBench.format
    print("traces: \(events.0) + \(events.1) events; \(matched) tasks matched, \(divergent) diverge; medians of \(runs) runs")
    print("(wall seconds; CPU seconds over all threads tell the work apart from waiting on a busy machine)")
    print("read both for the diff, in parallel     \(f(m(load))) s  CPU \(f(m(loadCPU))) s")
    print("compare (match, deltas, behaviour)      \(f(m(compare))) s  CPU \(f(m(compareCPU))) s")
    print("text report                             \(f(m(report))) s")
    print("end to end                              \(f(m(total))) s  (target ≤ 3 s); CPU time \(f(m(cpu))) s")
    print("whole models instead (--timelines)      \(f(m(whole))) s  CPU \(f(m(wholeCPU))) s (read, build, compare)")
}

/// Timing helpers of the diff suite: wall time, and the CPU time of the whole process (every thread), so that a
/// busy machine's waiting can be told apart from the work.
enum DiffBench {
    /// Wall seconds `body` takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        return RenderBench.since(start)
    }

    /// CPU seconds this process has used, over all its threads.
    static func cpuSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    static func format(_ seconds: Double) -> String { DurationFormat.fixed(seconds, decimals: 3) }
}
