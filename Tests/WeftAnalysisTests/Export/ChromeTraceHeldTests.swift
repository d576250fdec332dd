import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// The Chrome export streams: what it holds (flows not yet written, flow ends waiting for their slice, blocked
/// slices waiting for their wait, and the builder's intervals, slices and messages) stays the same whatever the
/// length of the trace.
@Suite("Chrome export: held state")
struct ChromeTraceHeldTests {
    /// Exports `ExportTraces.busy(slices:)` (each slice receives the last message and sends the next) and returns
    /// the writer's peak of held records and the builder's peak of kept intervals, slices and messages.
    static func peaks(slices: Int, options: ChromeTraceOptions) throws -> (held: Int, builder: Int, summary: ChromeTraceSummary) {
        let trace = ExportTraces.busy(slices: slices)
        let list = trace.list
        let writer = ChromeTraceWriter(options: options, out: JSONOutput(), strings: { list.string($0) })
        var builderPeak = 0, n = 0
        while let event = try list.next() {
            writer.add(event)
            n += 1
            if n % 64 == 0 { builderPeak = max(builderPeak, writer.builder.retainedRecords) }
        }
        writer.finish()
        try writer.out.close()
        #expect(try ChromeTraceChecker(writer.out.memory).problems.prefix(3) == [])
        return (writer.summary.heldPeak, builderPeak, writer.summary)
    }

    @Test("ten times the events, the same held peak", arguments: [ExportLanes.threads, .tasks])
    func flat(lanes: ExportLanes) throws {
        let options = ChromeTraceOptions(lanes: lanes)
        let short = try Self.peaks(slices: 2_000, options: options)
        let long = try Self.peaks(slices: 20_000, options: options)
        #expect(long.summary.messageFlows == 19_999 && short.summary.messageFlows == 1_999)
        #expect(short.held > 0 && long.held == short.held, "held \(short.held) then \(long.held)")
        #expect(long.held <= 16)
        #expect(long.builder == short.builder, "builder kept \(short.builder) then \(long.builder)")
        #expect(long.builder <= 16)
    }

    @Test("past the cap of held flows, sends get no flow and are counted; the file stays valid")
    func cap() throws {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 1000, role: .worker, index: 0)
        s.create(0, on: 1, 1, name: "sender")
        s.channel(1, on: 1, 100, capacity: 1_000, name: "never read")
        s.begin(10, on: 1, 1)
        for seq in 1...50 as ClosedRange<UInt64> { s.send(10 + seq, on: 1, 100, seq: seq) }
        s.finish(100, on: 1)
        let e = try ExportTraces.export(s, ChromeTraceOptions(heldFlowCap: 10))
        #expect(e.check.problems == [])
        #expect(e.summary.flowsPastCap == 40 && e.summary.heldPeak <= 10 + 10 + 1)
        #expect(e.summary.messageFlows == 0 && e.check.count("i") == ExportTraces.expectedInstants(e.timeline))
        #expect(e.summary.description.contains("40 sends or spawns past the cap"))
    }
}
