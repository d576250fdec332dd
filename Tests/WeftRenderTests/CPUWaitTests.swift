import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// Where more threads ran tasks than the machine has cores, a task's "running" may have been waiting for a CPU: the
/// lanes draw it apart (hatched running blue) and the legend names it.
@Suite struct CPUWaitTests {
    /// Thread-per-task on one core: main's thread runs main 0–10 µs; t2's thread runs t2 4–14 µs. From 4 to 10 µs two
    /// threads run on the one core.
    static func trace(cores: Int = 1) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.meta(0, "cores", "\(cores)")
        s.thread(0, 1, tid: 101, role: .taskThread, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "child")
        s.thread(3_000, 2, tid: 102, role: .taskThread, index: 2)
        s.begin(4_000, on: 2, 2)
        s.finish(10_000, on: 1)
        s.finish(14_000, on: 2)
        s.runFinish(15_000, .completed)
        return s
    }

    /// A task's running spans as "state start-end".
    static func running(_ render: RenderTimeline, _ name: String) throws -> [String] {
        let task = try #require(render.tasks.first { $0.name.hasSuffix(name) })
        return task.spans.filter { $0.state.isRunning }.map { "\($0.state) \($0.start)-\($0.end)" }
    }

    @Test func runningWhileMoreThreadsRanThanCoresIsItsOwnState() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        #expect(try Self.running(render, "main") == ["running 0-4000", "running or waiting for a CPU 4000-10000"])
        #expect(try Self.running(render, "child") == ["running or waiting for a CPU 4000-10000", "running 10000-14000"])
        // Two cores for two threads: all of it is running.
        let roomy = RenderTimeline(timeline: Self.trace(cores: 2).timeline())
        #expect(try Self.running(roomy, "main") == ["running 0-10000"])
    }

    @Test func theSweepGivesTheCrowdedStretchesJoined() {
        let busy: [[Range<UInt64>]] = [[0 ..< 10], [4 ..< 14], [6 ..< 8, 12 ..< 20]]
        #expect(CoreUse.oversubscribedSpans(busy: busy, cores: 1) == [4 ..< 10, 12 ..< 14])
        #expect(CoreUse.oversubscribedSpans(busy: busy, cores: 2) == [6 ..< 8])
        #expect(CoreUse.oversubscribedSpans(busy: busy, cores: 3).isEmpty)
        let use = CoreUse(busy: busy, cores: 1)
        #expect(use.peak == 3 && use.oversubscribed == 8)
    }

    @Test func theLaneHatchesItAndTheLegendAndHeaderNameIt() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 900), measurer: TextMeasurer())
        let blue = Palette.color(of: .running)
        let hatches = scene.layer("lanes")?.items.filter {
            if case let .hatch(_, color, .broken) = $0 { color.withAlpha(1) == blue } else { false }
        } ?? []
        #expect(!hatches.isEmpty)
        let entries = try LegendTests().fullLegend()
        let entry = try #require(entries.first { $0.label.hasPrefix("running or waiting for a CPU") })
        #expect(entry.key == .hatched(blue, thin: false, pattern: .broken))
        let legend = scene.layer("legend")?.items.compactMap { item -> String? in
            if case let .text(t) = item { t.text } else { nil }
        } ?? []
        #expect(legend.contains { $0.hasPrefix("running or waiting for a CPU") })
        // The Threads header, wrapped over lines, says it too.
        let words = scene.texts.map(\.text).joined(separator: " ")
        #expect(words.contains("more than cores for ") && words.contains("(broken bars: running or waiting for a CPU)"))
        // The hatching really reaches the picture: some pixel of a hatched stretch is running's blue.
        let image = try ScenePainter.image(scene)
        let hatch = try #require(hatches.first)
        guard case let .hatch(rect, _, _) = hatch else { return }
        var found = false
        for x in Int(rect.x) ..< Int(rect.maxX) {
            for y in Int(rect.y) ..< Int(rect.maxY) where image.color(x: x, y: y).map({ ColorVision.normal.distance($0, blue) < 12 }) == true {
                found = true
            }
        }
        #expect(found)
    }

    @Test func theThreadLanesHatchTheCrowdedStretchInTheTasksColoursAndTheLegendSaysItOnce() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        #expect(render.oversubscribed == [TimeSpan(4_000, 10_000)])
        let lanes = LaneSelection(render, options: RenderOptions(width: 900))
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 900), measurer: TextMeasurer())
        let hatched = scene.layer("lanes")?.items.compactMap { item -> (Rect, Color)? in
            if case let .hatch(rect, color, _) = item { (rect, color) } else { nil }
        } ?? []
        // Both threads' runs from 4 to 10 µs, each in its task's colour, full lane height (a held thread's is thinner).
        for name in ["main", "child"] {
            let task = try #require(render.tasks.first { $0.name == name }).task
            let color = lanes.coloring.color(task)
            #expect(hatched.contains { $0.1 == color && $0.0.height == Metrics.threadLane - 4 }, "\(name)")
        }
        // The one legend entry for running or waiting for a CPU says how a thread lane draws it.
        let legend = scene.layer("legend")?.items.compactMap { item -> String? in
            if case let .text(t) = item { t.text } else { nil }
        } ?? []
        #expect(legend.filter { $0.hasPrefix("running or waiting for a CPU") }.count == 1)
        #expect(legend.contains { $0.hasSuffix("(thread lane: broken in the task's colour)") })
        // Two cores: nothing crowded, the runs are flat.
        let roomy = RenderTimeline(timeline: Self.trace(cores: 2).timeline())
        #expect(roomy.oversubscribed.isEmpty)
    }

    @Test func aRunSplitsAtTheCrowdedStretches() {
        let crowded = [TimeSpan(10, 20), TimeSpan(30, 40)]
        let parts = PanelLayout.splitByCrowding(5, 35, crowded: crowded).map { "\($0.start)-\($0.end)\($0.crowded ? "*" : "")" }
        #expect(parts == ["5-10", "10-20*", "20-30", "30-35*"])
        #expect(PanelLayout.splitByCrowding(41, 50, crowded: crowded).map(\.crowded) == [false])
        #expect(PanelLayout.splitByCrowding(12, 18, crowded: crowded).map(\.crowded) == [true])
    }

    /// `CPUStarvedThreadTrace`: from 2 to 6 ms main's thread got 0.1 ms of CPU, with no more threads than cores.
    @Test func runningWhileTheThreadsCPUClockStoodStillIsWaitingForACPU() throws {
        let render = RenderTimeline(timeline: CPUStarvedThreadTrace.make().timeline())
        // No more threads than cores: only the CPU clock tells.
        #expect(render.oversubscribed.isEmpty)
        #expect(try Self.running(render, "main") == ["running 30-2000000", "running or waiting for a CPU 2000000-6000000",
                                                     "running 6000000-7500000"])
        #expect(render.facts.cpuStarved == 4_000_000)
        let thread = try #require(render.threads.first { $0.thread == ThreadID(2) })
        #expect(thread.starved == [TimeSpan(2_000_000, 6_000_000)])
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 900), measurer: TextMeasurer())
        // The thread lane hatches that stretch of the run in the task's colour, the task lane in running's blue.
        let lanes = LaneSelection(render, options: RenderOptions(width: 900))
        let color = lanes.coloring.color(TaskID(1))
        let hatches = scene.layer("lanes")?.items.compactMap { item -> Color? in
            if case let .hatch(_, color, _) = item { color } else { nil }
        } ?? []
        #expect(hatches.contains(color))
        #expect(hatches.contains { $0.withAlpha(1) == Palette.color(of: .running) })
        let words = scene.texts.map(\.text).joined(separator: " ")
        #expect(words.contains("got no CPU"))
    }
}
