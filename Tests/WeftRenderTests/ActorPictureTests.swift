import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// A task's code on an actor, in the picture: its slice on the actor job's thread carries the actor mark and the
/// label "t2 on Cache"; the wait before it is its own state, named in the legend.
@Suite("Actors in the picture")
struct ActorPictureTests {
    @Test("actor slices are marked and labelled in the thread lane; waiting for the actor has its legend entry")
    func markedAndLabelled() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(ActorTraceText.text))
        let render = RenderTimeline(timeline: timeline)
        let slices = try #require(render.threads.first { $0.thread == ThreadID(1) }).slices.filter { $0.actor != nil }
        #expect(slices.map(\.actor) == ["Cache", "Cache"])
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let lanes = try #require(scene.layer("lanes")).items
        let marks = lanes.filter { if case let .rect(_, fill, _) = $0 { fill == Palette.actorMark } else { false } }
        #expect(marks.count >= 2, "one mark under each stretch on the actor")
        let texts = scene.layers.flatMap(\.items).compactMap { item -> String? in
            if case let .text(text) = item { text.text } else { nil }
        }
        #expect(texts.contains { $0.hasPrefix("t2 on Cache") || $0.hasPrefix("t2 on C") }, "\(texts)")
        #expect(texts.contains { $0.hasPrefix("underlined: the task's code ran on an actor") })
        #expect(texts.contains { $0.hasPrefix("waiting to enter a busy actor") })
    }
}
