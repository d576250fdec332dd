import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft diff`'s report, word for word, on synthetic and hand-written traces, against golden files written by the
/// diff that built both whole models; whatever way the diff reads its runs, its text and JSON must stay the same.
@Suite("Diff golden files")
struct DiffGoldenTests {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("DiffGolden")

    /// A synthetic trace, as a run ready to compare.
    static func synthetic(events: Int, population: Int, seed: UInt64) throws -> TracedRun {
        try TracedRun.build(from: SyntheticTrace(events: events, population: population, seed: seed))
    }

    /// A hand-written trace in `Traces/`, as a run ready to compare.
    static func handWritten(_ name: String) throws -> TracedRun {
        try TracedRun.build(from: TraceText.parse(traceText(name)))
    }

    /// The pairs compared: (name, A, B).
    static func pairs() throws -> [(String, TracedRun, TracedRun)] {
        [
            ("synthetic-seeds", try synthetic(events: 12_000, population: 30, seed: 1),
             try synthetic(events: 12_000, population: 30, seed: 2)),
            ("synthetic-longer", try synthetic(events: 10_000, population: 30, seed: 5),
             try synthetic(events: 13_000, population: 30, seed: 5)),
            ("synthetic-self", try synthetic(events: 10_000, population: 30, seed: 9),
             try synthetic(events: 10_000, population: 30, seed: 9)),
            ("philosophers", try handWritten("philosophers-deadlock"), try handWritten("philosophers-ordered")),
            ("locks", try handWritten("lock-across-sleep"), try handWritten("lock-released-first")),
            ("contention", try handWritten("mutex-contention"), try handWritten("two-tasks")),
            ("fixture", DiffFixtures.program(workerRuns: 100, helpers: 1),
             DiffFixtures.program(workerRuns: 300, helpers: 3, scheduler: "thread-per-task")),
        ]
    }

    /// The text report (with and without timing) and the JSON of the diff without its task rows (their figures are
    /// the stats', checked elsewhere; the rest holds every divergence and reordered channel in full).
    static func outputs(_ a: TracedRun, _ b: TracedRun, name: String) throws -> String {
        let diff = TraceDiff(a: a, b: b, nameA: "\(name)-a.weft", nameB: "\(name)-b.weft")
        let untimed = TraceDiff(a: a, b: b, nameA: "\(name)-a.weft", nameB: "\(name)-b.weft", ignoreTiming: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var untabled = diff
        untabled.tasks = []
        let json = String(decoding: try encoder.encode(untabled), as: UTF8.self)
        return DiffReport(top: 10).render(diff) + "\n--- ignoring timing, top 3\n" + DiffReport(top: 3).render(untimed)
            + "\n--- json\n" + json + "\n"
    }

    @Test("the report and JSON of each pair match their golden file")
    func golden() throws {
        for (name, a, b) in try Self.pairs() {
            try GoldenFile.compare(try Self.outputs(a, b, name: name), with: "\(name).txt", in: Self.goldenFolder)
        }
    }
}
