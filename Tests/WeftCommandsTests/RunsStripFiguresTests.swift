import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
@testable import WeftCommands

/// One truth: the contrast picture's runs strip shows the wall times `weft compare --repeat`'s table prints and the
/// verdict's ranges state, taken from the same runs.
@Suite("Runs strip: the table's figures")
struct RunsStripFiguresTests {
    /// A measurement of `scheduler` whose wall time is `wall` (ns).
    func measurement(_ scheduler: String, wall: UInt64) throws -> RunMeasurement {
        let line = """
        {"arguments":[],"baselineResidentBytes":20000000,"baselineVirtualBytes":300000000,"demo":"pipeline",\
        "eventsDropped":0,"eventsRecorded":541,"meanSpawnNanoseconds":13000,"outcome":"completed",\
        "peakThreadsAlive":3,"scheduler":"\(scheduler)","tasksCreated":4,"threadsCreated":3,"traceBytes":4270,\
        "usage":{"involuntarySwitches":3,"peakResidentBytes":25000000,"peakVirtualBytes":600000000,\
        "systemNanoseconds":4000000,"userNanoseconds":12000000,"voluntarySwitches":20},"wallNanoseconds":\(wall)}
        """
        return try #require(RunMeasurement.parse(line))
    }

    /// A two-panel picture of `runs` with the options `weft compare` gives it.
    func picture(_ runs: [RepeatedRuns]) throws -> Scene {
        let panels = ["multiplexed", "thread-per-task"].enumerated().map { i, scheduler in
            RenderTimeline(facts: RunFacts(program: "pipeline", scheduler: scheduler, taskCount: 4, threadCount: 3,
                                           wallTime: runs[i].medianRun.wallNanoseconds, eventCount: 10))
        }
        let options = ContrastPicture.options(title: "weft compare pipeline --repeat 5", description: nil,
                                              verdict: VerdictText(headline: "The verdict."), runs: runs)
        return try TimelineLayout.contrast(panels[0], panels[1], options: options, measurer: TextMeasurer())
    }

    @Test("each strip row's label is the table's wall-time cell, its ringed run the kept trace's; the tie is the verdict's alone")
    func sameFigures() throws {
        for (walls, tie) in [([2_360_000, 2_150_000, 3_520_000, 2_200_000, 2_400_000] as [UInt64], true),
                             ([1_050_000, 1_000_000, 1_100_000, 1_080_000, 1_020_000], false)] {
            let m = RepeatedRuns(try walls.map { try measurement("multiplexed(2 workers)", wall: $0) })
            let t = RepeatedRuns(try [2_910_000, 2_590_000, 2_980_000, 2_700_000, 2_950_000].map {
                try measurement("thread-per-task", wall: $0)
            })
            let row = try #require(CompareTable.rows([m, t]).first { $0.name == "wall time" })
            let scene = try picture([m, t])
            let labels = scene.texts.map(\.text).filter { $0.hasPrefix("median ") }
            #expect(labels == row.cells.map { "median " + $0 })
            #expect(row.cells[0] == (tie ? "2.36 ms (2.15 ms – 3.52 ms)" : "1.05 ms (1.00 ms – 1.10 ms)"))
            // The ringed run is the one whose trace `weft compare` keeps and the panels draw.
            #expect(m.wallTimes.drawn == m.medianIndex && t.wallTimes.drawn == t.medianIndex)
            #expect(m.wallTimes.walls[m.wallTimes.drawn] == m.medianRun.wallNanoseconds)
            // The tie is the verdict's, over the spreads the verdict reads; the strip's caption does not repeat it.
            var a = RunFigures(scheduler: "multiplexed", wallTime: m.medianRun.wallNanoseconds, threads: 3, tasks: 4)
            var b = RunFigures(scheduler: "thread-per-task", wallTime: t.medianRun.wallNanoseconds, threads: 3, tasks: 4)
            a.wallRuns = m.wallTimes
            b.wallRuns = t.wallTimes
            #expect(ContrastVerdict.isTie(a, b) == tie)
            let caption = scene.texts.map(\.text).filter { !$0.hasPrefix("median ") }.joined(separator: " ")
            #expect(!caption.contains("a tie") && !caption.contains("no clear winner") && !caption.contains("sooner"))
            let sentences = ContrastVerdict.sentences(a, b)
            #expect((sentences.contains("a tie") || sentences.contains("tied with") || sentences.lowercased().contains("no clear winner")) == tie)
        }
    }

    @Test("a single run of each draws no strip: its tie rule is another")
    func singleRun() throws {
        let m = RepeatedRuns([try measurement("multiplexed(2 workers)", wall: 2_000_000)])
        let t = RepeatedRuns([try measurement("thread-per-task", wall: 2_500_000)])
        #expect(ContrastPicture.options(title: "t", description: nil, verdict: nil, runs: [m, t]).wallTimeRuns?
            .allSatisfy { $0.count == 1 } == true)
        let texts = try picture([m, t]).texts.map(\.text)
        #expect(!texts.contains { $0.hasPrefix("Wall time of each") || $0.hasPrefix("median ") })
    }

    @Test("a deadlocked run is not a race: its contrast picture gets no runs strip, a completed pair does")
    func noStripAfterADeadlock() async throws {
        let runs = [RepeatedRuns(try [2_000_000, 2_100_000].map { try measurement("multiplexed(2 workers)", wall: $0) }),
                    RepeatedRuns(try [3_000_000, 3_100_000].map { try measurement("thread-per-task", wall: $0) })]
        // No thinking and a 10 ms hold, in virtual time: every philosopher holds its left fork before any reaches for its
        // right, whatever the machine's load.
        let stuck = try await RecordedRun.of("philosophers", ["--think-ms", "0", "--hold-ms", "10"], scheduler: "deterministic").timeline
        let done = try await RecordedRun.of("pipeline", [], scheduler: "multiplexed").timeline
        #expect(stuck.run.outcome != .completed && done.run.outcome == .completed)
        #expect(ContrastPicture.racedRuns(stuck, done, runs) == nil)
        #expect(ContrastPicture.racedRuns(done, stuck, runs) == nil)
        #expect(ContrastPicture.racedRuns(done, done, runs)?.count == 2)
    }
}
