import Foundation
import Testing
import WeftTrace
import WeftAnalysis
import WeftTestSupport

/// Every model-based step after reading (stats, the critical path, diff, both exports) must grow linearly with the
/// number of tasks and with the number of events: four times as much may take about four times the time, not
/// sixteen. The bound is 7; times are the thread's CPU time and each size keeps the fastest of several runs, so that
/// a loaded machine does not decide the outcome. (`LintScalingTests` does the same for the lints.)
@Suite("Pipeline scaling", .serialized)
struct PipelineScalingTests {
    /// The steps timed, each from the events of one trace.
    enum Step: String, CaseIterable {
        case stats, criticalPath = "critical path", diff, chrome = "chrome export", perfetto = "perfetto export"
    }

    /// Runs `step` once over `list`'s events and returns a number that depends on its whole result.
    static func perform(_ step: Step, _ list: EventList) throws -> Int {
        list.rewind()
        switch step {
        case .stats:
            let stats = RunStats(try TimelineBuilder.build(from: list))
            return stats.tasks.count + stats.channels.count
        case .criticalPath:
            let timeline = try TimelineBuilder.build(from: list)
            return CriticalPath(timeline).segments.count + timeline.tasks.count
        case .diff:
            let a = try TracedRun.build(from: list)
            list.rewind()
            let b = try TracedRun.build(from: list)
            let diff = TraceDiff(a: a, b: b)
            return diff.divergences.count + a.timeline.tasks.count + a.timeline.flows.count
        case .chrome:
            let out = try JSONOutput(path: "/dev/null")
            _ = try ChromeTrace.export(list, to: out)
            try out.close()
            return out.bytesWritten
        case .perfetto:
            let out = try JSONOutput(path: "/dev/null")
            _ = try PerfettoTrace.export(list, to: out)
            try out.close()
            return out.bytesWritten
        }
    }

    /// The fastest of `runs` timings of `step`, in seconds, and its result's size.
    static func time(_ step: Step, _ list: EventList, runs: Int) throws -> (seconds: Double, size: Int) {
        var best = Double.infinity, size = 0
        for _ in 0..<runs {
            let start = threadCPUSeconds()
            size = try perform(step, list)
            best = min(best, threadCPUSeconds() - start)
        }
        return (best, size)
    }

    /// The calling thread's CPU time: unlike wall time, it does not count the turns of other processes on a busy
    /// machine (every step runs on the calling thread).
    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }

    /// Times every step on `small` and on `large` (four times its size) and checks each ratio.
    static func checkLinear(_ small: EventList, _ large: EventList, what: String) throws {
        for step in Step.allCases {
            _ = try time(step, small, runs: 1) // warm up
            let a = try time(step, small, runs: 5), b = try time(step, large, runs: 3)
            #expect(b.size > a.size, "\(step.rawValue): the larger trace gave no larger result")
            let ratio = b.seconds / a.seconds
            print(String(format: "pipeline scaling: %@, %@: ratio %.2f", step.rawValue, what, ratio))
            #expect(ratio < 7.0, "\(step.rawValue), \(what): \(a.seconds) s, then \(b.seconds) s for four times as much; ratio \(ratio)")
        }
    }

    @Test("four times the tasks: every step takes about four times the time")
    func tasks() throws {
        try Self.checkLinear(LintScalingTests.queue(tasks: 2_000).list, LintScalingTests.queue(tasks: 8_000).list,
                             what: "2,000 then 8,000 tasks")
    }

    @Test("four times the events on the same tasks: every step takes about four times the time")
    func events() throws {
        func list(_ events: Int) throws -> EventList {
            let source = SyntheticTrace(events: events)
            var all: [Event] = []
            while let e = try source.next() { all.append(e) }
            return EventList(events: all, strings: (0..<source.stringCount).map { source.string(StringID(UInt64($0))) })
        }
        try Self.checkLinear(try list(30_000), try list(120_000), what: "30,000 then 120,000 events")
    }
}
