import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// The Chrome export of a few traces as sets of events (`ChromeEventSet`: sorted, flows by their ends, not by id),
/// compared with expected files written by the export that built the whole model first. The streaming export writes
/// its events in another order and numbers its flows otherwise; a viewer, which sorts by time, must see the same
/// events. Set WEFT_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, and read the diff.
@Suite("Chrome export: the same events as the model-built export")
struct ChromeEventSetGoldenTests {
    /// Traces in `Golden/` (text form): the hand-written small run, and demo runs of both schedulers recorded by
    /// `weft run` and printed by `weft dump` (pipeline: messages, spawns, a wait group; actor-cache: actor slices).
    static let traces = ["small", "demo-pipeline-multiplexed", "demo-pipeline-thread-per-task", "demo-actor-cache-multiplexed"]

    @Test("each trace, each lane layout", arguments: traces, [ExportLanes.threads, .tasks])
    func sameEvents(trace: String, lanes: ExportLanes) throws {
        let list = try TraceText.parse(try ExportGoldenTests.golden("\(trace).txt"))
        let out = JSONOutput()
        try ChromeTrace.export(list, options: ChromeTraceOptions(lanes: lanes), to: out)
        try out.close()
        let check = try ChromeTraceChecker(out.memory)
        #expect(check.problems.prefix(3) == [])
        let lines = try ChromeEventSet.lines(out.memory)
        try ExportGoldenTests.compare(lines.joined(separator: "\n") + "\n", with: "\(trace).\(lanes).events.txt")
    }
}
