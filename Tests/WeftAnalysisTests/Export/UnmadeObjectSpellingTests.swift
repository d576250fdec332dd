import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// A wait on an object the trace never made is spelled by the wait's kind (`tm7`, `mu9`) in the model, the text
/// form, and both exports, never as the raw `o7`.
@Suite("Unmade objects spelled by their wait")
struct UnmadeObjectSpellingTests {
    /// main (t1) waits on timer 7 and then on mutex 9, neither made in the trace.
    static func trace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.wait(20, on: 1, .timer, 7)
        s.unblock(50, on: 1, 1)
        s.begin(60, on: 1, 1)
        s.wait(70, on: 1, .mutex, 9)
        s.unblock(90, on: 1, 1)
        s.begin(100, on: 1, 1)
        s.finish(120, on: 1)
        return s
    }

    @Test("the model's label and the text form spell it tm7 and mu9")
    func modelAndText() throws {
        let s = Self.trace()
        let timeline = s.timeline()
        #expect(timeline.label(of: ObjectID(7), reason: .timer) == "tm7")
        #expect(timeline.label(of: ObjectID(9), reason: .mutex) == "mu9")
        #expect(BlockReason.timer.describeWait(on: ObjectID(7), label: timeline.label(of: ObjectID(7), reason: .timer))
                == "timer tm7")
        s.list.rewind()
        let text = try TraceText.format(s.list)
        #expect(text.contains("object=tm7") && text.contains("object=mu9") && !text.contains("object=o"))
    }

    @Test("Perfetto: the slice's end and the blocked state name tm7 and mu9", arguments: [ExportLanes.threads, .tasks])
    func perfetto(lanes: ExportLanes) throws {
        let c = try PerfettoExportTests.export(Self.trace(), PerfettoTraceOptions(lanes: lanes)).check
        #expect(c.problems == [])
        let texts = c.events.flatMap { [$0.annotations["end"], $0.annotations["wait"]] }.compactMap { $0 }
        #expect(texts.contains { $0.hasSuffix("timer tm7") } && texts.contains { $0.hasSuffix("mutex mu9") })
        #expect(!texts.contains { $0.contains(" o7") || $0.contains(" o9") })
    }

    @Test("Chrome: the slice's and the block's object_name are tm7 and mu9")
    func chrome() throws {
        let e = try ExportTraces.export(Self.trace())
        #expect(e.check.problems == [])
        let slices = e.check.events("X").filter { $0.args["end"] as? String == "blocked" }.sorted { $0.ts! < $1.ts! }
        #expect(slices.map { $0.args["object_name"] as? String } == ["tm7", "mu9"])
        let blocks = e.check.events("i").filter { $0.name == "block" }.sorted { $0.ts! < $1.ts! }
        #expect(blocks.map { $0.args["object_name"] as? String } == ["tm7", "mu9"])
    }
}
