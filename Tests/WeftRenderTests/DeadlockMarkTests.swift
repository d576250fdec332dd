import Testing
import WeftAnalysis
import WeftRuntime
import WeftTestSupport
@testable import WeftRender

/// The deadlock's instant and what the picture draws after it: the label's triangle on the line, and every thread
/// of a deadlocked task held by it to its end, drawn alike.
@Suite("Deadlock marks")
struct DeadlockMarkTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// The x of every deadlock line (the vertical lines in the deadlock colour) and of every triangle marking it.
    static func lineAndTriangleXs(_ scene: Scene) -> (lines: [Double], triangles: [Double]) {
        let color = Palette.color(of: .mutex)
        var lines: [Double] = [], triangles: [Double] = []
        for item in scene.layers.flatMap(\.items) {
            switch item {
            case let .line(from, to, c, _, _) where c == color && from.x == to.x && to.y - from.y > 20: lines.append(from.x)
            case let .marker(.triangleDown, center, _, c) where c == color: triangles.append(center.x)
            default: break
            }
        }
        return (lines, triangles)
    }

    @Test("the label's triangle sits exactly over the deadlock line, with the words right of it or ending left of it")
    func triangleOnTheLine() throws {
        let run = DeadlockFixture.run()
        // Detected at 60 of 80 µs: the words do not fit on the right and end left of the triangle.
        for width in [1200, 2400] {
            let scene = try TimelineLayout.scene(run, options: RenderOptions(width: width), measurer: measurer)
            let (lines, triangles) = Self.lineAndTriangleXs(scene)
            #expect(lines.count == 1 && triangles == lines, "\(lines) \(triangles)")
            let label = try #require(scene.texts.first { $0.text.hasPrefix("deadlock detected at") })
            let x = try #require(triangles.first)
            #expect(label.box.maxX < x - Metrics.deadlockMarker / 2 || label.box.x > x + Metrics.deadlockMarker / 2,
                    "\(label.box) covers the triangle at \(x)")
            #expect(SceneChecks.textProblems(scene).isEmpty)
        }
        // Two panels, each with its own instant.
        let contrast = try TimelineLayout.contrast(run, run, options: RenderOptions(width: 1200), measurer: measurer)
        let (lines, triangles) = Self.lineAndTriangleXs(contrast)
        #expect(lines.count == 2 && triangles == lines)
    }

    @Test("every thread of a task caught in the deadlock is held by it from the deadlock to its end, hatched alike")
    func everyHeldThreadHatchedToItsEnd() async throws {
        let trace = try await RecordedTrace.record(.threadPerTask, name: "held-after-deadlock", threeDeadlockingPhilosophers)
        let run = RenderTimeline(timeline: trace.timeline)
        let deadlock = try #require(run.deadlock)
        let owned = run.threads.filter { $0.owner != nil }
        #expect(owned.count == 4)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let lineX = try #require(Self.lineAndTriangleXs(scene).lines.first)
        let hatches: [(Rect, Color)] = scene.layers.flatMap(\.items).compactMap {
            if case let .hatch(rect, color, _) = $0 { (rect, color) } else { nil }
        }
        let lanes = LaneSelection(run, options: RenderOptions())
        for thread in owned {
            let owner = try #require(thread.owner)
            let task = try #require(run.tasks.first { $0.task == owner })
            let end = min(task.spans.last?.end ?? 0, thread.lifetime?.end ?? 0)
            guard end > deadlock.detected else { continue }
            // The model: one held stretch from before the deadlock to the thread's end.
            let held = try #require(thread.held.last)
            #expect(held.start <= deadlock.detected && held.end == end, "\(thread.label): \(thread.held)")
            // The picture: a hatch in the task's colour on its lane through the deadlock line, and no cancellation hatch.
            let label = try #require(scene.texts.first { $0.text == thread.label })
            let laneTop = label.clip.y, laneBottom = label.clip.maxY
            let color = lanes.coloring.color(owner).withAlpha(0.8)
            let onLane = hatches.filter { $0.0.y >= laneTop && $0.0.maxY <= laneBottom }
            #expect(onLane.contains { $0.1 == color && $0.0.x <= lineX && $0.0.maxX >= lineX }, "\(thread.label): \(onLane)")
            #expect(!onLane.contains { $0.1 == Palette.color(of: .cancelled) }, "\(thread.label) drawn cancelled")
        }
    }
}
