import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// Runs a program traced and returns the report and the trace's model.
func reportAndTimeline(_ scheduler: SchedulerKind, name: String,
                       _ body: @escaping @Sendable (Runtime) async throws -> Void) async throws -> (RunReport, Timeline) {
    let path = temporaryTracePath("onetruth-\(name)")
    defer { TemporaryFiles.remove(path) }
    let (_, report) = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path, programName: name), body)
    let timeline = try TimelineBuilder.build(path: path).timeline
    return (report, timeline)
}

@Suite("One wall time, one caller", .serialized)
struct WallTimeAndCallerTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .threadPerTask]

    @Test("the report's wall time is the trace's: stats, diff and the picture's header read the same figure",
          arguments: schedulers)
    func oneWallTime(_ scheduler: SchedulerKind) async throws {
        let (report, timeline) = try await reportAndTimeline(scheduler, name: "wall") { rt in
            let a = rt.spawn("sleeper") { try await rt.sleep(for: .milliseconds(3)) }
            try await a.value
        }
        let stats = RunStats(timeline)
        #expect(report.wallNanoseconds == timeline.run.wallTime)
        #expect(stats.run.wallTime == report.wallNanoseconds)
        let finished = try #require(timeline.run.finished)
        #expect(timeline.run.wallTime == finished - timeline.run.start)
        #expect(report.wallNanoseconds >= 3_000_000)
        let diff = TraceDiff.runMetrics(timeline, timeline, RunStats(timeline), RunStats(timeline))
        #expect(diff.first { $0.key == "wall" }?.a == report.wallNanoseconds)
    }

    @Test("the wall time runs from the caller's threadStart to runFinish, not over the samples after it")
    func wallDefinition() {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 7, role: .main, index: 0)
        s.thread(5, 2, tid: 8, role: .worker, index: 0)
        s.create(10, on: 1, 1, name: "main")
        s.begin(20, on: 2, 1)
        s.finish(120, on: 2)
        s.runFinish(200, .completed)
        s.raw(.sample, 210, on: 1, 0, 1)
        s.raw(.threadStop, 220, on: 1)
        let run = s.timeline().run
        #expect(run.wallTime == 200)
        #expect(run.traceSpan == 220)
    }

    @Test("a 2-worker run has 3 scheduler threads and one caller, in the model, stats and diff", arguments: [1, 2])
    func oneCaller(_ workers: Int) async throws {
        let (report, timeline) = try await reportAndTimeline(.multiplexed(workers: workers), name: "caller") { rt in
            let ch = rt.channel(of: Int.self, name: "c")
            rt.spawn("producer") { try await ch.send(1) }
            _ = try await ch.receive()
        }
        let callers = timeline.threads.filter(\.isCaller)
        #expect(callers.count == 1)
        #expect(callers.first?.label == "caller thread")
        #expect(callers.first?.stopped != nil)
        let census = timeline.threadCensus
        #expect(census == ThreadCensus(workers: workers, timers: 1, caller: true))
        #expect(census.schedulerThreads == report.threadsCreated)
        let stats = RunStats(timeline)
        #expect(stats.run.threads == workers + 1)
        let text = StatsReport().runTable(stats.run).render()
        #expect(text.contains(workers == 1 ? "2: 1 worker + timer, caller apart" : "3: 2 workers + timer, caller apart"))
        let diff = TraceDiff.runMetrics(timeline, timeline, stats, stats)
        #expect(diff.first { $0.key == "threads" }?.a == UInt64(workers + 1))
    }

    @Test("an older trace that records the caller twice, from two kernel threads, has one caller in the model")
    func callerRecordedTwice() {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 7, role: .main, index: 0)
        s.thread(1, 2, tid: 8, role: .worker, index: 0)
        s.thread(2, 3, tid: 9, role: .timer, index: 0)
        s.raw(.threadStop, 3, on: 1)
        s.create(10, on: 2, 1, name: "main")
        s.begin(20, on: 2, 1)
        s.finish(120, on: 2)
        s.thread(130, 4, tid: 11, role: .main, index: 0)
        s.runFinish(140, .completed)
        s.raw(.threadStop, 150, on: 4)
        let timeline = s.timeline()
        #expect(timeline.threads.count == 3)
        let caller = timeline.threads.filter(\.isCaller)
        #expect(caller.count == 1)
        #expect(caller.first?.started == 0)
        #expect(caller.first?.stopped == 150)
        #expect(timeline.threadCensus.description == "2: 1 worker + timer, caller apart")
        #expect(timeline.run.anomalyCount == 0)
    }
}
