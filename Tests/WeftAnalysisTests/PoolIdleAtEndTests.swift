import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// Pool threads free at the end of a run (`PoolIdleAtEnd`): one definition that `weft stats` prints and the verdict
/// quotes.
@Suite("Pool threads free at the end")
struct PoolIdleAtEndTests {
    @Test("a pool thread free from short's end to long's, within main's last wait, with nothing ready: 70 ns")
    func freeAtEnd() throws {
        let timeline = try traceFile("pool-idle-at-end")
        let idle = try #require(PoolIdleAtEnd(timeline))
        #expect(idle == PoolIdleAtEnd(idle: 70, runner: "long", workers: 2))
        #expect(RunFigures(timeline).poolIdleAtEnd == idle)
        // weft stats, from the whole model and as the trace is read, prints the same figure.
        let stats = RunStats(timeline)
        #expect(stats.run.poolIdleAtEnd == 70 && stats.run.poolIdleRunner == "long")
        let summarized = try TimelineBuilder.summarize(from: TraceText.parse(traceText("pool-idle-at-end"))).stats
        #expect(summarized.run.poolIdleAtEnd == 70 && summarized.run.poolIdleRunner == "long")
        let rows = StatsReport().runTable(stats.run, tasks: stats.tasks).render().split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("  pool idle ") && $0.contains("70 ns in main's last wait") && $0.contains("while long ran") })
        #expect(rows.contains { $0.hasPrefix("  wall time ") && $0.hasSuffix("110 ns = 0 ns before main + 110 ns main + 0 ns after") })
    }

    @Test("none under thread-per-task, nor where nothing ran while a pool thread was free")
    func none() throws {
        let text = try traceText("pool-idle-at-end")
        let own = try TimelineBuilder.build(from: TraceText.parse(text.replacingOccurrences(of: "value=\"multiplexed\"", with: "value=\"thread-per-task\"")))
        #expect(PoolIdleAtEnd(own) == nil && RunStats(own).run.poolIdleAtEnd == nil)
        // Both pool threads busy to the end: long's partner runs as long as it does.
        let even = try TimelineBuilder.build(from: TraceText.parse(text.replacingOccurrences(of: "30 T2 t2", with: "100 T2 t2")))
        #expect(PoolIdleAtEnd(even) == nil)
    }

    @Test("in every committed pool trace, the verdict's figure is the one weft stats prints")
    func committed() throws {
        for name in CommittedTraces.names where name.hasSuffix("-multiplexed.weft") {
            let path = CommittedTraces.folder.appendingPathComponent(name).path
            let timeline = try TimelineBuilder.build(from: TraceReader(path: path))
            let summarized = try TimelineBuilder.summarize(from: TraceReader(path: path)).stats
            #expect(RunFigures(timeline).poolIdleAtEnd?.idle == summarized.run.poolIdleAtEnd, "\(name)")
            #expect(RunFigures(timeline).poolIdleAtEnd?.runner == summarized.run.poolIdleRunner, "\(name)")
        }
    }
}
