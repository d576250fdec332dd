import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// Two deadlocked runs drawn together: how they ended is drawn once above the panels, side by side only where the
/// runs differ.
@Suite("Contrast: how the runs ended, drawn once")
struct EndingLayoutTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// The deadlock fixture under the other scheduler, the same deadlock.
    func twin() -> RenderTimeline {
        var run = DeadlockFixture.run()
        run.facts.scheduler = "multiplexed"
        return run
    }

    @Test("where both runs ended alike, the message and the wait-for graph are drawn once (golden)")
    func agreeing() throws {
        let scene = try TimelineLayout.contrast(twin(), DeadlockFixture.run(), options: RenderOptions(width: 1200),
                                                measurer: measurer)
        try GoldenFile.compare(scene.dump(), with: "deadlock-contrast.scene.txt", in: URL(fileURLWithPath: LayoutTests.goldenFolder))
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let texts = scene.texts.map(\.text)
        #expect(texts.filter { $0 == "Both runs ended the same way:" }.count == 1)
        #expect(texts.filter { $0.hasPrefix("deadlock: all 3 live tasks") }.count == 1)
        #expect(texts.filter { $0.hasPrefix("wait-for graph of the deadlock") }.count == 1)
        // Each panel still marks its own instant of detection.
        #expect(texts.filter { $0.hasPrefix("deadlock detected at 60.0 µs") }.count == 2)
        // The ending sits above the first panel's title.
        let ending = try #require(scene.texts.first { $0.text == "Both runs ended the same way:" })
        let firstPanel = try #require(scene.texts.first { $0.text.hasPrefix("multiplexed:") })
        #expect(ending.box.maxY <= firstPanel.box.y)
    }

    @Test("where the runs ended differently, the messages and the graphs stand side by side, each named")
    func differing() throws {
        var other = twin()
        other.facts.problem = "deadlock: all 3 live tasks are blocked; one waits on a channel no one sends to."
        other.deadlock?.cycle[1].objectLabel = "ch4 forks"
        other.deadlock?.cycle[1].mutex = nil
        let scene = try TimelineLayout.contrast(other, DeadlockFixture.run(), options: RenderOptions(width: 1200),
                                                measurer: measurer)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("The runs ended differently:"))
        #expect(texts.filter { $0.hasPrefix("deadlock: all 3 live tasks are blocked and no timer") }.count == 1)
        #expect(texts.filter { $0.hasPrefix("deadlock: all 3 live tasks are blocked; one waits") }.count == 1)
        let titles = scene.texts.filter { $0.text.contains("wait-for graph: ") }
        #expect(titles.map(\.text).sorted() == ["multiplexed: wait-for graph: a cycle of 2 tasks",
                                                "thread-per-task: wait-for graph: a cycle of 2 tasks"])
        // Side by side: one row, two columns.
        #expect(titles.count == 2 && titles[0].box.y == titles[1].box.y && titles[0].box.x != titles[1].box.x)
        #expect(texts.contains("ch4 forks") && texts.contains("mu1 fork 1"))
    }

    @Test("a run that ended well beside one that did not keeps its message in its own panel")
    func oneProblem() throws {
        var fine = twin()
        fine.facts.problem = nil
        fine.deadlock = nil
        let scene = try TimelineLayout.contrast(fine, DeadlockFixture.run(), options: RenderOptions(width: 1200),
                                                measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(!texts.contains { $0.hasPrefix("Both runs") || $0.hasPrefix("The runs ended") })
        #expect(texts.filter { $0.hasPrefix("deadlock: all 3 live tasks") }.count == 1)
    }
}
