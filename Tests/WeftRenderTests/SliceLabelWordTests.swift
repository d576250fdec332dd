import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// A task's label on its thread-lane slices is shortened at a word boundary: "t3 group child 2 …", never
/// "t3 group chil…", so a Swift child's name is never cut mid-word.
@Suite("Slice labels shortened at word boundaries")
struct SliceLabelWordTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// Every shortened task label in `scene` that is not whole words of a label in `labels`.
    static func cutMidWord(_ scene: Scene, labels: [String]) -> [String] {
        scene.texts.map(\.text).filter { text in
            guard text.hasSuffix("…") else { return false }
            let kept = String(text.dropLast())
            guard labels.contains(where: { $0.hasPrefix(kept) && $0 != kept }) else { return false }
            return !kept.hasSuffix(" ")
        }
    }

    @Test("the committed Swift-task contrasts: no slice label of a task is cut inside a word",
          arguments: ["task-group-map-reduce", "async-let-fan-out", "actor-cache"])
    func swiftTaskContrasts(_ name: String) throws {
        let paths = ["multiplexed", "thread-per-task"].map {
            CommittedTraces.folder.appendingPathComponent("\(name)-\($0).weft").path
        }
        guard paths.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else { return }
        let runs = try paths.map { RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: $0))) }
        let labels = runs.flatMap { $0.tasks.map(\.label) }
        #expect(labels.contains { $0.contains(" of t") }, "\(name): no Swift child names")
        let scene = try TimelineLayout.contrast(runs[0], runs[1], options: RenderOptions(width: 1600), measurer: measurer)
        #expect(Self.cutMidWord(scene, labels: labels) == [], "\(name)")
        // Shortened slice labels still show: the check is not passed by drawing none.
        let shortened = scene.texts.map(\.text).filter { text in
            text.hasSuffix(" …") && labels.contains { $0.hasPrefix(text.dropLast(1)) }
        }
        #expect(!shortened.isEmpty, "\(name): no shortened label")
    }
}
