import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft check` runs its lints while reading (`TimelineBuilder.check`), keeping no intervals, slices, messages or
/// holds; the lints on a whole model (`Lint.check`) are what the renderer and the tests use. Both must find the same,
/// in the same order and words, on real traces, hand-written ones and scripted ones, and the one-pass state must not
/// grow with the events.
@Suite("Lints run while reading")
struct StreamedCheckTests {
    /// Thresholds that find nothing on most traces, and ones that find something on every trace.
    static let thresholds = [LintThresholds(), LintThresholds(starvation: 1_000, longSlice: 10_000), LintThresholds(starvation: 1, longSlice: 1)]

    /// Checks every lint of `list` read in one pass against the same lint on the whole model.
    static func compare(_ name: String, _ list: @autoclosure () throws -> any EventStream) throws {
        let model = try TimelineBuilder.build(from: list())
        for thresholds in thresholds {
            let everything = try TimelineBuilder.check(from: list(), thresholds: thresholds, detailLimit: 1_000_000)
            let capped = try TimelineBuilder.check(from: list(), thresholds: thresholds, detailLimit: 3)
            for lint in allLints(thresholds) {
                let want = lint.run(model)
                let got = lint.run(everything, wording: .max)
                #expect(got.count == want.count, "\(name) \(lint.name) \(thresholds)")
                if got.results != want {
                    let missing = want.filter { !got.results.contains($0) }.prefix(3).map(\.message)
                    let extra = got.results.filter { !want.contains($0) }.prefix(3).map(\.message)
                    Issue.record("\(name) \(lint.name) \(thresholds): missing \(missing); extra \(extra)")
                }
                let first = lint.run(capped, wording: 3)
                #expect(first.count == want.count, "\(name) \(lint.name) capped")
                #expect(first.results == Array(want.prefix(3)), "\(name) \(lint.name) capped")
            }
        }
    }

    @Test("the recorded traces: the same findings, in the same order and words, as the lints on the whole model")
    func recordedTraces() throws {
        #expect(SummarizedStatsTests.recorded.count > 10)
        for name in SummarizedStatsTests.recorded {
            let path = SummarizedStatsTests.folder.appendingPathComponent(name).path
            try Self.compare(name, try TraceReader(path: path))
        }
    }

    @Test("the hand-written traces and the scripted queue: the same findings as on the whole model")
    func handWrittenTraces() throws {
        for name in SummarizedStatsTests.handWritten {
            try Self.compare(name, try TraceText.parse(traceText(name)))
        }
        for rounds in [1, 30] {
            let trace = SummarizedStatsTests.everyKind(rounds: rounds)
            try Self.compare("every kind \(rounds)", { trace.list.rewind(); return trace.list }())
            // Left waiting on the wait group, the semaphore and the condition, and cut short on the read lock.
            let leaks = LeakLint().check(trace.timeline())
            #expect(leaks.map(\.reason) == [.waitGroup, .semaphore, .condition, .readLock], "\(leaks)")
            #expect(leaks.map { $0.holders.count } == [2, 1, 2, 0], "\(leaks)")
        }
        let queue = LintScalingTests.queue(tasks: 300)
        try Self.compare("queue", { queue.list.rewind(); return queue.list }())
    }

    /// Two tasks on two threads passing `rounds` messages through a buffered channel, taking a mutex around each,
    /// the receiver sleeping with it held every tenth round (so lock-across-block and starvation have findings).
    static func pingPong(rounds: Int) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.thread(0, 2, tid: 101, role: .worker, index: 1)
        s.create(1, on: 1, 1, name: "ping")
        s.create(1, on: 1, 2, name: "pong")
        s.channel(2, on: 1, 10, capacity: 4, name: "ball")
        s.mutex(2, on: 1, 20, name: "score")
        var time: UInt64 = 10
        for i in 1...UInt64(rounds) {
            s.begin(time, on: 1, 1)
            s.send(time + 1, on: 1, 10, seq: i)
            s.end(time + 2, on: 1, .yielded)
            s.begin(time + 3, on: 2, 2)
            s.receive(time + 4, on: 2, 10, seq: i)
            s.request(time + 5, on: 2, 20)
            s.acquire(time + 5, on: 2, 20)
            if i % 10 == 0 {
                s.sleep(time + 6, on: 2, 2)
                s.unblock(time + 8, on: 1, 2)
                s.begin(time + 9, on: 2, 2)
            }
            s.release(time + 10, on: 2, 20)
            s.end(time + 11, on: 2, .yielded)
            time += 12
        }
        s.runFinish(time, .completed)
        return s
    }

    @Test("reading for the lints holds as many records after 4,000 rounds as after 1,000: nothing per event")
    func retainedStateIsFlat() throws {
        func checked(_ rounds: Int) throws -> CheckedTrace {
            let trace = Self.pingPong(rounds: rounds)
            trace.list.rewind()
            return try TimelineBuilder.check(from: trace.list, thresholds: LintThresholds(starvation: 1, longSlice: 1), detailLimit: 10)
        }
        let short = try checked(1_000), long = try checked(4_000)
        // Findings everywhere: every slice is long, every runnable wait starved, the mutex held across 400 sleeps.
        #expect(LongSliceLint(threshold: 1).run(long, wording: 10).count == 4 * LongSliceLint(threshold: 1).run(short, wording: 10).count)
        #expect(StarvationLint(threshold: 1).run(long, wording: 10).count > 4_000)
        let across = LockAcrossBlockLint().run(long, wording: 10)
        #expect(across.count == 1 && across.results[0].message.contains("(400 times"), "\(across.results)")
        #expect(short.retainedRecords == long.retainedRecords, "1,000 rounds: \(short.retainedRecords); 4,000: \(long.retainedRecords)")
        #expect(long.retainedRecords < 200, "\(long.retainedRecords)")
        // The whole model, by contrast, keeps every interval and slice.
        let model = Self.pingPong(rounds: 4_000).timeline()
        #expect(model.tasks.reduce(0) { $0 + $1.intervals.count } > 4 * 4_000)
    }
}
