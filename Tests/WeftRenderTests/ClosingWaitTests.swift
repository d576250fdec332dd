import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// The wait that closed a deadlock's cycle began at the instant the runtime found the cycle: it is drawn no narrower
/// than `Metrics.closingWait`, ending at the deadlock line, and labelled.
@Suite("The wait that closed a deadlock's cycle")
struct ClosingWaitTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("philosophers seed 8: philosopher 3's wait for fork 4 is drawn ending at the deadlock line, labelled")
    func explorePicture() throws {
        let path = CommittedTraces.folder.appendingPathComponent("explore/philosophers-seed8.weft").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
        let deadlock = try #require(run.deadlock)
        // The closing wait: the cycle task whose wait began last, at the instant itself.
        let closer = try #require(run.tasks.first { $0.name == "philosopher 3" })
        #expect(deadlock.cycle.contains { $0.task == closer.task })
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let x = try #require(DeadlockMarkTests.lineAndTriangleXs(scene).lines.first)
        let red = Palette.color(of: LaneState.mutex)
        let bars: [Rect] = scene.layers.flatMap(\.items).compactMap {
            if case let .rect(rect, fill, _) = $0, fill == red, abs(rect.maxX - x) < 0.5, rect.width >= Metrics.closingWait - 0.01 {
                rect
            } else { nil }
        }
        let labels = scene.texts.filter { $0.text == "closing wait" }
        #expect(labels.count == 1)
        let label = try #require(labels.first)
        // On the closer's lane, left of the bar.
        #expect(bars.contains { $0.y >= label.clip.y && $0.maxY <= label.clip.maxY && label.box.maxX <= $0.x })
        // Only the closing wait is labelled: every other wait of the cycle was drawn wide before the instant.
        func middle(_ r: Rect) -> Double { r.y + r.height / 2 }
        #expect(scene.texts.contains { $0.text == closer.label && abs(middle($0.box) - middle(label.box)) < 3 })
    }

    @Test("philosophers seed 8: on fork 4's lock lane the closing wait is a red strip ending at the deadlock line")
    func lockLane() throws {
        let path = CommittedTraces.folder.appendingPathComponent("explore/philosophers-seed8.weft").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
        let deadlock = try #require(run.deadlock)
        let closer = try #require(run.tasks.first { $0.name == "philosopher 3" })
        let step = try #require(deadlock.cycle.first { $0.task == closer.task })
        #expect(step.mutex == MutexID(4))
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let x = try #require(DeadlockMarkTests.lineAndTriangleXs(scene).lines.first)
        let red = Palette.color(of: LaneState.mutex)
        let strips: [Rect] = scene.layers.flatMap(\.items).compactMap {
            if case let .rect(rect, fill, _) = $0, fill == red, rect.height == Metrics.lockWaitStrip, abs(rect.maxX - x) < 0.5,
               rect.width >= Metrics.closingWait - 0.01 {
                rect
            } else { nil }
        }
        let lane = try #require(scene.texts.first { $0.text == "lock mu4 fork 4" })
        func middle(_ r: Rect) -> Double { r.y + r.height / 2 }
        // In fork 4's lane: within half a lock lane of its label's middle.
        #expect(strips.contains { abs(middle($0) - middle(lane.box)) <= Metrics.lockLane / 2 })
    }
}
