import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// The repository's recorded demo traces (`traces/*.weft`, from real runs of both schedulers) export to files that
/// follow the format's rules, in both lane layouts, with every received message and every spawn drawn as a flow.
@Suite("Export of recorded traces")
struct RecordedTraceExportTests {
    static let folder = CommittedTraces.folder

    static var traces: [String] {
        CommittedTraces.names
    }

    @Test("every recorded trace exports cleanly", arguments: [ExportLanes.threads, .tasks])
    func recorded(lanes: ExportLanes) throws {
        for name in Self.traces {
            let path = Self.folder.appendingPathComponent(name).path
            let out = JSONOutput()
            let summary = try ChromeTrace.export(try TraceReader(path: path), options: ChromeTraceOptions(lanes: lanes), to: out)
            try out.close()
            let check = try ChromeTraceChecker(out.memory)
            #expect(check.problems.prefix(3) == [], "\(name)")
            let timeline = try TimelineBuilder.build(from: try TraceReader(path: path))
            let received = timeline.flows.filter { $0.sent != nil && $0.received != nil }.count
            let spawned = timeline.tasks.filter { $0.parent != .none && $0.intervals.contains { $0.state.category == .running } }.count
            #expect(summary.unboundFlows == 0, "\(name)")
            #expect(summary.messageFlows == received && check.flowsByCategory["message", default: 0] == received, "\(name)")
            #expect(summary.spawnFlows == spawned && check.flowsByCategory["spawn", default: 0] == spawned, "\(name)")
            #expect(check.count("i") == ExportTraces.expectedInstants(timeline), "\(name)")
            #expect(check.events.count == summary.total, "\(name)")
            if lanes == .threads {
                let threads = check.events("M").filter { $0.name == "thread_name" }.compactMap { $0.args["name"] as? String }
                #expect(threads.count == timeline.threads.count && threads.filter { $0.hasPrefix("caller") }.count == 1,
                        "\(name): \(threads)")
            }
            let process = check.events("M").first { $0.name == "process_name" }?.args["name"] as? String ?? ""
            // Named after the traced program and its scheduler ("weft run pingpong (multiplexed)", "weft actor-cache
            // (thread-per-task)" for a program of one's own), "weft" said once.
            #expect(!timeline.run.program.isEmpty && process.contains(timeline.run.program), "\(name): \(process)")
            #expect(process.hasPrefix("weft ") && process.hasSuffix(" (\(timeline.run.scheduler))"), "\(name): \(process)")
            #expect(!process.contains("weft weft"), "\(name): \(process)")
        }
    }
}
