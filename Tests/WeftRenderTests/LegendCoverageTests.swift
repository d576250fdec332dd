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
            case let .hatch(_, color): fill = Fill(color, hatched: true)
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
        // The OS's share of a woken pool thread (hatched yellow) and a new thread not yet started (hatched orange).
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
}
