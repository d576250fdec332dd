import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// A task that ends by throwing is marked on its lane and listed by `weft stats`; the runtime's cancellations at the
/// end of a deadlocked run are not failures of the tasks.
@Suite("Failed tasks", .serialized)
struct FailedTaskTests {
    @Test("the errors demo's failing task gets a cross and its error on its lane, a legend entry and a stats row")
    func errorsDemo() async throws {
        let run = try await RecordedRun.of("errors", ["--tasks", "3", "--fail", "2"], scheduler: "deterministic")
        let failing = try #require(run.tasks(named: "riskyTask 2").first)
        let picture = RenderTimeline(timeline: run.timeline)
        #expect(picture.tasks.filter { $0.failure != nil }.map(\.task) == [failing])
        let track = try #require(picture.tasks.first { $0.task == failing })
        #expect(track.failure?.label == "failed: worker 2 failed")
        let scene = try TimelineLayout.scene(picture, options: RenderOptions(width: 1400), measurer: try TextMeasurer())
        #expect(SceneChecks.textProblems(scene).isEmpty)
        #expect(scene.texts.contains { $0.text == "failed: worker 2 failed" })
        #expect(scene.texts.contains { $0.text == "failed: the task ended by throwing" })
        let vermillion = Palette.color(of: .mutex)
        let crosses = scene.layers.flatMap(\.items).filter { item in
            if case let .marker(.cross, _, _, color) = item { return color == vermillion }
            return false
        }
        #expect(crosses.count == 2)  // on the lane and in the legend
        let stats = StatsReport().render(RunStats(run.timeline))
        #expect(stats.contains("failed tasks (ended by throwing)"))
        #expect(stats.contains("riskyTask 2") && stats.contains("worker 2 failed"))
    }

    @Test("tasks the runtime cancelled at a deadlock are not marked failed")
    func deadlockIsNotAFailure() async throws {
        let trace = try await RecordedTrace.record(.multiplexed(workers: 2), name: "failed-deadlock", threeDeadlockingPhilosophers)
        #expect(trace.timeline.tasks.contains { $0.outcome == .threw })
        #expect(RenderTimeline(timeline: trace.timeline).tasks.allSatisfy { $0.failure == nil })
        #expect(!StatsReport().render(RunStats(trace.timeline)).contains("failed tasks"))
    }

    @Test("a task cancelled by the program and ending by CancellationError is not marked failed")
    func cancellationIsNotAFailure() async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: "deterministic")
        let straggler = try #require(run.tasks(named: "straggler").first)
        #expect(run.timeline.tasks.contains { $0.id == straggler && $0.outcome == .threw })
        #expect(RenderTimeline(timeline: run.timeline).tasks.allSatisfy { $0.failure == nil })
        #expect(!StatsReport().render(RunStats(run.timeline)).contains("failed tasks"))
    }
}
