import Foundation
import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// The picture of the demo that uses every newer primitive: the read-write lock's lane, ticks and the cancellation.
@Suite("Pictures of the newer primitives", .serialized)
struct PrimitivesPictureTests {
    @Test("the rwlock lane holds the readers and the writers; the cancelled task and the ticks are marked")
    func configCacheScene() async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: "deterministic")
        let picture = RenderTimeline(timeline: run.timeline)
        let lock = try #require(picture.locks.first { $0.label == "cache" })
        #expect(lock.isReadWrite)
        #expect(lock.readHolds.count == 81 && lock.holds.count == 4)
        let straggler = try #require(run.tasks(named: "straggler").first)
        let track = try #require(picture.tasks.first { $0.task == straggler })
        #expect(track.marks.filter { $0.kind == .cancel }.count == 1)
        #expect(picture.tasks.flatMap(\.marks).filter { $0.kind == .tick }.count == 4)  // three ticks and the timer
        let scene = try TimelineLayout.scene(picture, options: RenderOptions(width: 1400), measurer: try TextMeasurer())
        #expect(SceneChecks.textProblems(scene).isEmpty)
        #expect(scene.texts.contains { $0.text.hasPrefix("rw-lock mu") && $0.text.hasSuffix("cache") })
        #expect(scene.texts.contains { $0.text == "cancelled" } && scene.texts.contains { $0.text == "tick / timer fired" })
        let markers = scene.layers.flatMap(\.items).compactMap { item -> MarkerShape? in
            if case let .marker(shape, _, _, _) = item { shape } else { nil }
        }
        #expect(markers.contains(.cross))
        // The cross is painted (sampled: the PNG differs from one without it is too strong; check it paints at all).
        let dir = try Gallery.folder ?? Fixtures.temporaryFolder()
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { if Gallery.folder == nil { try? FileManager.default.removeItem(atPath: dir) } }
        try ScenePainter.write(scene, to: "\(dir)/config-cache.png")
        #expect(FileManager.default.fileExists(atPath: "\(dir)/config-cache.png"))
    }
}
