import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// A task waiting to enter a busy actor, in the Chrome export: the same reason word, actor and time as `weft stats`.
@Suite("Actor entry waits in the Chrome export")
struct ChromeActorEntryTests {
    static func export(_ lanes: ExportLanes) throws -> ChromeTraceChecker {
        let events = try TraceText.parse(ActorEntryTraceText.text)
        let out = JSONOutput()
        _ = try ChromeTrace.export(events, options: ChromeTraceOptions(lanes: lanes), to: out)
        try out.close()
        return try ChromeTraceChecker(out.memory)
    }

    @Test("task lanes: the waiter's waits for the actor are blocked slices spelled as stats spells them, as long in all")
    func taskLanes() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text))
        let stats = RunStats(timeline)
        let waiter = try #require(stats.tasks.first { $0.name == "waiter" })
        let actor = try #require(timeline.actors.first)
        let check = try Self.export(.tasks)
        #expect(check.problems == [])
        let waits = check.events("X").filter { $0.tid == 3 && $0.args["reason"] as? String == BlockReason.actor.description }
        #expect(waits.map(\.name) == ["blocked", "blocked"])
        #expect(waits.allSatisfy { $0.args["object"] as? Int == Int(actor.id.rawValue) })
        #expect(waits.allSatisfy { $0.args["object_name"] as? String == timeline.label(of: actor.id.object, reason: .actor) })
        #expect(waits.allSatisfy { $0.args["object_name"] as? String == actor.label })
        // Stats: 1.73 ms woken and waiting for the holder to leave the actor, then 100 ns from the hop to the actor.
        let total = waits.reduce(Int64(0)) { $0 + ($1.dur ?? 0) }
        #expect(waiter.blocked[BlockReason.actor.description] == 1_730_100)
        #expect(total == 1_730_100)
        #expect(UInt64(total) == stats.actors?.first.map { $0.waited - 100 })  // less the holder's own 100 ns wait
    }

    @Test("thread lanes: the slice the waiter ended to hop onto the actor names the actor as its wait")
    func threadLanes() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text))
        let actor = try #require(timeline.actors.first)
        let check = try Self.export(.threads)
        #expect(check.problems == [])
        let hop = try #require(check.events("X").first { $0.args["task"] as? Int == 3 && $0.ts == 3_050_000 })
        #expect(hop.args["end"] as? String == "blocked")
        #expect(hop.args["reason"] as? String == BlockReason.actor.description)
        #expect(hop.args["object_name"] as? String == actor.label)
    }
}
