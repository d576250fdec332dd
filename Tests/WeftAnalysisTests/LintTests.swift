import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

@Suite("Lints")
struct LintTests {
    @Test("a three-task lock cycle is found and printed as the cycle")
    func deadlockFound() throws {
        let timeline = try traceFile("philosophers-deadlock")
        let cycles = DeadlockLint().check(timeline)
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.map(\.task) == [TaskID(2), TaskID(3), TaskID(4)])
        #expect(cycle.map(\.object) == [ObjectID(11), ObjectID(12), ObjectID(10)])
        let message = DeadlockLint().message(cycle, in: timeline)
        #expect(message.contains("t2 \"philosopher0\" waits on mutex mu11 \"fork1\""))
        #expect(message.contains("held by t3 \"philosopher1\""))
        // The main task, joining a deadlocked task, is a leak, not part of the cycle.
        let leaks = LeakLint().check(timeline)
        #expect(leaks.map(\.task) == [TaskID(1)])
        #expect(LeakLint().message(leaks[0], in: timeline).contains("join of t2"))
    }

    @Test("the same philosophers taking forks in order finish: no deadlock, no leak")
    func orderedIsClean() throws {
        let timeline = try traceFile("philosophers-ordered")
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        for lint in allLints() { #expect(lint.run(timeline).isEmpty, "\(lint.name)") }
    }

    @Test("a task sleeping while it holds a mutex is reported; releasing first is clean")
    func lockAcrossBlock() throws {
        let held = try traceFile("lock-across-sleep")
        let findings = LockAcrossBlockLint().check(held)
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.task == TaskID(1) && f.mutex == MutexID(7) && f.reason == .sleep && f.duration == 1000)
        #expect(LockAcrossBlockLint().message(f, in: held).contains("holds mutex mu7 \"state\""))
        #expect(LockAcrossBlockLint().check(try traceFile("lock-released-first")).isEmpty)
    }

    /// One worker thread; t2 hogs it for `hog` ns while t3 waits runnable.
    static func hog(_ hog: UInt64) -> Timeline {
        let s = ScriptedTrace()
        s.create(0, on: 1, 2, name: "hog")
        s.create(0, on: 1, 3, name: "victim")
        s.begin(0, on: 1, 2)
        s.finish(hog, on: 1)
        s.begin(hog, on: 1, 3)
        s.finish(hog + 10, on: 1)
        return s.timeline()
    }

    @Test("starvation and never-yields fire above their thresholds and not below")
    func thresholds() throws {
        let long = Self.hog(20_000_000), short = Self.hog(1_000_000)
        let starvation = StarvationLint(threshold: 10_000_000)
        let found = starvation.check(long)
        #expect(found.map(\.task) == [TaskID(3)])
        #expect(found.first?.duration == 20_000_000)
        #expect(starvation.message(found[0], in: long).contains("runnable for 20.0 ms"))
        #expect(starvation.check(short).isEmpty)
        let slices = LongSliceLint(threshold: 10_000_000)
        #expect(slices.check(long).map(\.slice.task) == [TaskID(2)])
        #expect(slices.check(short).isEmpty)
        #expect(LongSliceLint(threshold: 500_000).check(short).count == 1)
    }

    @Test("a task blocked on a channel no one else uses is a leak")
    func leak() throws {
        let timeline = try traceFile("leak")
        let leaks = LeakLint().run(timeline)
        #expect(leaks.count == 1)
        #expect(leaks.first?.tasks == [2])
        #expect(leaks.first?.message.contains("receive on ch4 \"results\"") == true)
        #expect(DeadlockLint().check(timeline).isEmpty)
    }

    @Test("every hand-written trace fires exactly the lints its header names")
    func tracesFireTheirLints() throws {
        let folder = try #require(Bundle.module.url(forResource: "Traces", withExtension: nil))
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(names.count >= 7)
        for file in names {
            let name = String(file.dropLast(4))
            let text = try traceText(name)
            let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("# lints: ") }, "\(file) has no lints line")
            var expected: [String: Int] = [:]
            for pair in line.dropFirst("# lints: ".count).split(separator: " ") where pair != "none" {
                let parts = pair.split(separator: "=")
                expected[String(parts[0])] = Int(parts[1])
            }
            let timeline = try TimelineBuilder.build(from: TraceText.parse(text))
            #expect(timeline.run.anomalyCount == 0, "\(file): \(timeline.run.anomalies)")
            var fired: [String: Int] = [:]
            for lint in allLints() {
                let count = lint.run(timeline).count
                if count > 0 { fired[lint.name] = count }
            }
            #expect(fired == expected, "\(file)")
        }
    }
}
