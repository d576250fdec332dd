import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// Every fill a task lane draws is explained by the legend: a state drawn without an entry (the OS's share of a
/// pool thread's wake-up, hatched yellow, once was) leaves a reader guessing.
@Suite("Legend coverage")
struct LegendCoverageTests {
    /// How a task-lane state is drawn: its colour, flat or hatched.
    struct Fill: Hashable, CustomStringConvertible {
        var red: Double, green: Double, blue: Double
        var hatched: Bool

        init(_ color: Color, hatched: Bool) {
            (red, green, blue) = (color.red, color.green, color.blue)
            self.hatched = hatched
        }

        var description: String {
            "\(hatched ? "hatched " : "")\(Color(red: red, green: green, blue: blue, alpha: 1))"
        }
    }

    /// The fills of `items` in a state's colour (alpha aside: sparse columns are drawn paler).
    static func stateFills(_ items: [SceneItem]) -> Set<Fill> {
        let stateColors = Set(LaneState.allCases.map { Fill(Palette.color(of: $0), hatched: false) })
        var fills = Set<Fill>()
        for item in items {
            let fill: Fill
            switch item {
            case let .rect(_, color, nil): fill = Fill(color, hatched: false)
            case let .hatch(_, color, _): fill = Fill(color, hatched: true)
            default: continue
            }
            if stateColors.contains(Fill(Color(red: fill.red, green: fill.green, blue: fill.blue, alpha: 1), hatched: false)) {
                fills.insert(fill)
            }
        }
        return fills
    }

    /// Checks that each state fill the lanes drew has a key of the same colour and kind in the legend.
    static func expectLegendCovers(_ scene: Scene, _ name: String) throws {
        let drawn = stateFills(try #require(scene.layer("lanes")).items)
        let keys = stateFills(try #require(scene.layer("legend")).items)
        #expect(!drawn.isEmpty, "\(name): no state drawn")
        for fill in drawn { #expect(keys.contains(fill), "\(name): \(fill) drawn in the lanes, missing from the legend") }
    }

    @Test("every task state has a place in the legend's order")
    func everyStateIsOrdered() {
        #expect(Set(LegendLayout.stateOrder) == Set(LaneState.allCases))
    }

    @Test("every state fill a scene's task lanes draw has a legend key of its colour and pattern")
    func everyDrawnStateIsExplained() throws {
        let measurer = try TextMeasurer()
        let options = RenderOptions(width: 1000, time: .linear)
        let pool = RenderTimeline(timeline: OSWakeDelayTests.trace().timeline())
        let own = RenderTimeline(timeline: OwnThreadWaitTests.trace().timeline())
        // The OS's share of a woken pool thread (drawn as wake-up latency) and a new thread not yet started (hatched orange).
        #expect(pool.tasks.contains { $0.spans.contains { $0.state == .osWakeDelay } })
        #expect(own.tasks.contains { $0.spans.contains { $0.state == .awaitingThread } })
        try Self.expectLegendCovers(try TimelineLayout.scene(pool, options: options, measurer: measurer), "multiplexed")
        try Self.expectLegendCovers(try TimelineLayout.scene(own, options: options, measurer: measurer), "thread-per-task")
        try Self.expectLegendCovers(try TimelineLayout.contrast(pool, own, options: options, measurer: measurer), "contrast")
        let a = try Fixtures.synthetic(tasks: 50, bursts: 3, workers: 2)
        let b = try Fixtures.synthetic(tasks: 50, bursts: 3, workers: nil)
        try Self.expectLegendCovers(try TimelineLayout.contrast(a, b, options: options, measurer: measurer), "synthetic")
        try Self.expectLegendCovers(try TimelineLayout.scene(Fixtures.small(), options: options, measurer: measurer), "small")
    }

    /// The marker shapes (in the marker colour) and the link arrows' kinds (told by colour and dash) among `items`.
    static func marksAndArrows(_ items: [SceneItem]) -> (shapes: Set<MarkerShape>, dashes: Set<String>) {
        var shapes = Set<MarkerShape>(), arrows = Set<String>()
        for item in items {
            switch item {
            case let .marker(shape, _, _, color) where color == Theme.light.marker: shapes.insert(shape)
            case let .arrow(_, _, color, _, _, dash):
                // A link's arrow (a wait-for graph's arrows are explained by the graph itself).
                for kind in Link.Kind.allCases {
                    let style = PanelLayout.arrowStyle(kind, theme: .light)
                    if style.color == color && style.dash == dash { arrows.insert(kind.description) }
                }
            default: continue
            }
        }
        return (shapes, arrows)
    }

    /// The legend's words, one entry or heading a text.
    static func legendWords(_ scene: Scene) throws -> [String] {
        try #require(scene.layer("legend")).items.compactMap { item -> String? in
            if case let .text(text) = item { text.text } else { nil }
        }
    }

    @Test("every marker and arrow kind the lanes draw has a legend key of its shape or line style")
    func everyDrawnMarkAndArrowIsExplained() throws {
        let measurer = try TextMeasurer()
        let options = RenderOptions(width: 1200)
        let scenes = [
            ("deadlock contrast", try TimelineLayout.contrast(DeadlockFixture.run(), DeadlockFixture.run(), options: options,
                                                              measurer: measurer)),
            ("timeouts", try MarkFixture.scene()),
            ("small", try TimelineLayout.scene(Fixtures.small(), options: options, measurer: measurer)),
        ]
        for (name, scene) in scenes {
            let drawn = Self.marksAndArrows(try #require(scene.layer("markers")).items
                + (scene.layer("arrows")?.items ?? []))
            let keys = Self.marksAndArrows(try #require(scene.layer("legend")).items)
            #expect(!drawn.shapes.isEmpty, "\(name): no marker drawn")
            #expect(drawn.shapes.isSubset(of: keys.shapes), "\(name): \(drawn.shapes.subtracting(keys.shapes)) lack a key")
            #expect(drawn.dashes.isSubset(of: keys.dashes), "\(name): \(drawn.dashes.subtracting(keys.dashes)) lack a key")
        }
    }

    @Test("a picture without actors, locks or timeouts has no legend entry for them; one with them has")
    func nothingUndrawnInTheLegend() throws {
        let measurer = try TextMeasurer()
        let options = RenderOptions(width: 1200)
        let plain = try TimelineLayout.contrast(RenderTimeline(timeline: OSWakeDelayTests.trace().timeline()),
                                                RenderTimeline(timeline: OwnThreadWaitTests.trace().timeline()),
                                                options: options, measurer: measurer)
        let words = try Self.legendWords(plain)
        #expect(!words.isEmpty)
        for absent in ["Actors", "actor", "lock", "mutex", "semaphore", "timeout", "deadlock", "failed"] {
            #expect(!words.contains { $0.contains(absent) }, "the legend names \(absent): \(words)")
        }
        // The same words come when the picture draws them.
        let locks = try Self.legendWords(try TimelineLayout.contrast(DeadlockFixture.run(), DeadlockFixture.run(),
                                                                     options: options, measurer: measurer))
        #expect(locks.contains { $0.contains("mutex") } && locks.contains { $0.hasPrefix("deadlock") })
        let timeouts = try Self.legendWords(try MarkFixture.scene())
        #expect(timeouts.contains { $0.hasPrefix("timeout") })
    }
}
