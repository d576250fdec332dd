import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// A run cut only by crowded stretches too narrow to draw broken is drawn as one bar, labelled once: each cut would
/// draw a seam and a second label, a broken bar the legend does not explain.
@Suite("Thread lanes: a run is cut only where it is drawn broken")
struct UncutRunTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("io-bound under thread-per-task: main's thread draws its 44 ms of creating threads as one labelled bar")
    func ioBoundMain() throws {
        let path = CommittedTraces.folder.appendingPathComponent("io-bound-thread-per-task.weft").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let lane = try #require(scene.texts.first { $0.text == "thread of t1" })
        func middle(_ r: Rect) -> Double { r.y + r.height / 2 }
        let labels = scene.texts.filter { $0.text.hasPrefix("t1") && abs(middle($0.box) - middle(lane.box)) < 3 }
        // Its two run slices (creating the tasks, then returning after the wait), each labelled once.
        let thread = try #require(run.threads.first { $0.owner == TaskID(1) })
        #expect(thread.slices.count == 2)
        #expect(labels.count <= thread.slices.count, "\(labels.map(\.text))")
    }
}
