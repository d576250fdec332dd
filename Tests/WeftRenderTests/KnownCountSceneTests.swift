import Testing
import WeftAnalysis
import WeftRuntime
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// The picture of the known-count program draws what the program did: one lane per task, one message arrow per
/// message where arrows are not thinned, under both schedulers.
@Suite("Known counts in the picture", .serialized)
struct KnownCountSceneTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .threadPerTask]

    @Test("one task lane per task, labelled with it; the feeder's messages are three arrows to the selector",
          arguments: schedulers)
    func scene(_ scheduler: SchedulerKind) async throws {
        let path = try await KnownCountProgram.record(scheduler)
        defer { TemporaryFiles.remove(path) }
        let timeline = try TimelineBuilder.build(from: TraceReader(path: path))
        let render = RenderTimeline(timeline: timeline)
        let p = KnownCountProgram.self
        #expect(render.tasks.count == p.tasks)
        #expect(render.links.filter { $0.kind == .message }.count == p.messages)

        let measurer = try TextMeasurer()
        let whole = try TimelineLayout.scene(render, options: RenderOptions(width: 1400), measurer: measurer)
        let labels = render.tasks.map(\.label)
        let lanes = Self.laneLabels(whole, among: labels)
        #expect(lanes.sorted() == labels.sorted(), "\(lanes)")

        // Only the feeder and the selector ("*e*e*r" matches those two names and no other): the arrows between
        // them are its messages, 100 ms apart, so none is thinned away.
        var pair = RenderOptions(width: 1400)
        pair.taskPattern = "*e*e*r"
        let scene = try TimelineLayout.scene(render, options: pair, measurer: measurer)
        let drawn = Self.laneLabels(scene, among: labels)
        #expect(drawn.count == 2 && drawn.allSatisfy { $0.hasSuffix(" feeder") || $0.hasSuffix(" selector") }, "\(drawn)")
        // The legend's key arrow is in its own layer: count the arrows layer only.
        let messageArrows = (scene.layer("arrows")?.items ?? []).filter {
            if case let .arrow(_, _, color, _, _, dash) = $0 { color == pair.theme.messageArrow && dash.isEmpty } else { false }
        }
        #expect(messageArrows.count == p.selectRounds)
    }

    /// The lane labels of `scene` among `labels`: those texts set at the gutter's left edge (a task's label also
    /// appears inside the plot, on the thread lanes it ran on).
    static func laneLabels(_ scene: Scene, among labels: [String]) -> [String] {
        let candidates = scene.texts.filter { labels.contains($0.text) }
        guard let gutter = candidates.map(\.box.x).min() else { return [] }
        return candidates.filter { abs($0.box.x - gutter) < 0.5 }.map(\.text)
    }
}
