import Testing
import WeftAnalysis
@testable import WeftRender
import WeftAnalysis

@Suite("Folded time axis")
struct FoldingTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("the one long stretch in which nothing changes is folded, exactly from the last change to the next")
    func foldsTheQuietStretch() {
        let run = Fixtures.sleepy()
        let folds = TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 1000)
        #expect(folds == [TimeFold(start: 80_000, end: 100_050_000)])
        #expect(TimeFolding.describe(folds[0], in: run) == "every task asleep")
    }

    @Test("short quiet stretches stay on the axis")
    func keepsShortGaps() {
        // The small run is busy throughout; its longest quiet stretch is a tenth of it.
        let run = Fixtures.small()
        #expect(TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 1000).isEmpty)
    }

    @Test("a fold is drawn narrow and ticks keep one scale on both sides of it")
    func scaleAroundAFold() throws {
        let fold = TimeFold(start: 80_000, end: 100_050_000)
        let scale = TimeScale(start: 0, end: 100_100_000, x0: 100, x1: 1100, folds: [fold])
        #expect(scale.segments.count == 3)
        let folded = try #require(scale.segments.first { $0.folded })
        #expect(abs(folded.x1 - folded.x0 - Metrics.foldWidth) < 1e-9)
        #expect(scale.x(UInt64(0)) == 100 && abs(scale.x(UInt64(100_100_000)) - 1100) < 1e-9)
        // 10 µs is as wide before the fold as after it.
        let before = scale.x(UInt64(20_000)) - scale.x(UInt64(10_000))
        let after = scale.x(UInt64(100_070_000)) - scale.x(UInt64(100_060_000))
        #expect(abs(before - after) < 1e-6 && before > 50)
        var last = -Double.infinity
        for t in stride(from: 0, through: 100_100_000, by: 50_000) {
            #expect(scale.x(UInt64(t)) >= last)
            last = scale.x(UInt64(t))
        }
    }

    @Test("the picture labels the fold with what it hides, and --time linear keeps the plain axis")
    func labelledFold() throws {
        let run = Fixtures.sleepy()
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1000), measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("\(DurationFormat.format(UInt64(99_970_000))) folded: every task asleep"))
        // Ticks name true times on both sides: microseconds before, 100.x ms after.
        #expect(texts.contains("0 µs") && texts.contains { $0.hasPrefix("100.") && $0.hasSuffix(" ms") })
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let linear = try TimelineLayout.scene(run, options: RenderOptions(width: 1000, time: .linear), measurer: measurer)
        #expect(!linear.texts.contains { $0.text.contains("folded") })
        #expect(linear.texts.contains { $0.text == "50 ms" })
    }

    @Test("two runs drawn together share one folded axis: a fold only where both are quiet")
    func contrastSharesFolds() throws {
        let a = Fixtures.sleepy()
        // The second run wakes at 60 ms: the shared folds must leave that burst on the axis.
        let b = Fixtures.sleepy(scheduler: "thread-per-task", wakeAt: 60_000_000)
        let folds = TimeFolding.folds([a, b], start: 0, end: a.facts.traceEnd, plotWidth: 1000)
        #expect(folds == [TimeFold(start: 80_000, end: 60_000_000), TimeFold(start: 60_050_000, end: 100_050_000)])
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1000), measurer: measurer)
        let labels = scene.texts.filter { $0.text.contains("folded") }
        // One label per fold per panel, each panel's at the same x.
        #expect(labels.count == 4)
        let xs = Dictionary(grouping: labels, by: { $0.text.prefix(8) }).values.map { Set($0.map(\.box.x)) }
        #expect(xs.allSatisfy { $0.count <= 2 })
        #expect(SceneChecks.textProblems(scene).isEmpty)
    }

    @Test("the folded scene matches its golden text")
    func golden() throws {
        let scene = try TimelineLayout.scene(Fixtures.sleepy(), options: RenderOptions(width: 900), measurer: measurer)
        try LayoutTests().golden("sleepy-folded.scene.txt", scene.dump())
    }
}
