import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport

/// The runs strip atop a contrast picture of repeated runs: every run's wall time per scheduler, so that a tie is
/// drawn as a tie (golden scenes in `Golden/runs-strip-*.scene.txt`).
@Suite("Contrast: the runs strip")
struct RunsStripTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    static let names = ["multiplexed", "thread-per-task"]
    /// Five runs each, as task-group-map-reduce's: the medians 2.36 ms and 2.91 ms, one multiplexed run above every
    /// thread-per-task run, so only 20 of the 25 pairs favour multiplexed (rank test p = 0.15): a tie.
    static let tie = [WallTimeRuns([2_360_000, 2_150_000, 3_520_000, 2_200_000, 2_400_000])!,
                      WallTimeRuns([2_910_000, 2_590_000, 2_980_000, 2_700_000, 2_950_000])!]
    /// Five runs each, thread-per-task's all slower: the ranges apart.
    static let apart = [WallTimeRuns([1_050_000, 1_000_000, 1_100_000, 1_080_000, 1_020_000])!,
                        WallTimeRuns([1_350_000, 1_300_000, 1_400_000, 1_320_000, 1_380_000])!]
    /// Five runs each, one multiplexed run among thread-per-task's: the ranges overlap, yet 24 of the 25 pairs favour
    /// multiplexed (rank test p = 4/252 = 0.016): a difference.
    static let stray = [WallTimeRuns([2_360_000, 2_150_000, 2_650_000, 2_200_000, 2_400_000])!,
                        WallTimeRuns([2_910_000, 2_590_000, 2_980_000, 2_700_000, 2_950_000])!]

    @Test("median labels print distinct range ends distinctly, with as many digits as both rows need, as the table does")
    func distinctLabels() {
        // producer-consumer's runs: three digits wrote "243 ms (242 ms – 243 ms)" for 242.4–243.4 ms.
        let rows = [RunsStripLayout.Row(name: "multiplexed", runs: WallTimeRuns([242_400_000, 242_910_000, 243_400_000, 242_700_000, 243_100_000])!),
                    RunsStripLayout.Row(name: "thread-per-task", runs: WallTimeRuns([242_000_000, 243_000_000, 244_000_000])!)]
        #expect(RunsStripLayout.labels(rows) == ["median 242.9 ms (242.4 ms – 243.4 ms)", "median 243.0 ms (242.0 ms – 244.0 ms)"])
        // Runs three digits tell apart keep three.
        let tie = zip(Self.names, Self.tie).map { RunsStripLayout.Row(name: $0, runs: $1) }
        #expect(RunsStripLayout.labels(tie) == ["median 2.36 ms (2.15 ms – 3.52 ms)", "median 2.91 ms (2.59 ms – 2.98 ms)"])
    }

    /// The strip's caption: its wrapped lines, the texts before the first row's name, joined.
    static func caption(_ scene: Scene) -> String {
        scene.texts.map(\.text).prefix { !Self.names.contains($0) }.joined(separator: " ")
    }

    /// The rectangles shading the ranges' overlap.
    static func shades(_ scene: Scene) -> [Rect] {
        scene.layers.flatMap(\.items).compactMap { item -> Rect? in
            if case let .rect(r, fill, _) = item, fill == RunsStripLayout.overlapFill { r } else { nil }
        }
    }

    /// The strip alone, laid out on a canvas 1200 pixels wide with the gutter a contrast picture would have.
    func strip(_ runs: [WallTimeRuns]?, names: [String] = Self.names) -> (Scene, Double) {
        let canvas = LayoutCanvas(measurer: measurer, theme: .light, width: 1200, gutterWidth: 110, start: 0, end: 1)
        let bottom = RunsStripLayout.layout(names: names, runs: runs, canvas: canvas, top: 10)
        return (canvas.builder.scene(width: 1200, height: bottom, background: Theme.light.background), bottom)
    }

    @Test("a tie: every run a dot, the ranges shaded where they overlap, the caption says only what the marks are (golden)")
    func tieStrip() throws {
        let (scene, _) = strip(Self.tie)
        try GoldenFile.compare(scene.dump(), with: "runs-strip-tie.scene.txt", in: URL(fileURLWithPath: LayoutTests.goldenFolder))
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let texts = scene.texts.map(\.text)
        #expect(Self.caption(scene) == "Wall time of each of 5 runs (scale from 0): a dot per run, a bar from the lowest "
            + "to the highest, a tick at the median · ringed: the median run, drawn in the panels below · shaded: where "
            + "the two ranges overlap")
        #expect(texts.contains("median 2.36 ms (2.15 ms – 3.52 ms)"))
        #expect(texts.contains("median 2.91 ms (2.59 ms – 2.98 ms)"))
        // Five dots a row, one ring a row on the median run.
        let markers = scene.layers.flatMap(\.items).compactMap { item -> (MarkerShape, Point)? in
            if case let .marker(shape, center, _, _) = item { (shape, center) } else { nil }
        }
        #expect(markers.filter { $0.0 == .circle }.count == 10)
        let rings = markers.filter { $0.0 == .ring }
        #expect(rings.count == 2)
        // The scale starts at 0 at the plot's left edge: the ring's x is in proportion to the median's time.
        let scale = RunsStripLayout.scale(RunsStripLayout.rows(names: Self.names, runs: Self.tie)!,
                                          canvas: LayoutCanvas(measurer: measurer, theme: .light, width: 1200,
                                                               gutterWidth: 110, start: 0, end: 1),
                                          labelRoom: 0)
        #expect(scale.start == 0)
        let x0 = 14.0 + 110 + 8
        let ratio = (rings[1].1.x - x0) / (rings[0].1.x - x0)
        #expect(abs(ratio - 2.91 / 2.36) < 0.01)
        // The overlap, 2.59 ms – 2.98 ms, shaded behind both rows.
        let shades = Self.shades(scene)
        #expect(shades.count == 1)
        #expect(shades[0].height == 2 * RunsStripLayout.rowHeight)
    }

    @Test("ranges apart: no shading, and the caption does not repeat the verdict's finding (golden)")
    func apartStrip() throws {
        let (scene, _) = strip(Self.apart)
        try GoldenFile.compare(scene.dump(), with: "runs-strip-apart.scene.txt", in: URL(fileURLWithPath: LayoutTests.goldenFolder))
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let caption = Self.caption(scene)
        #expect(caption.hasSuffix(" · ringed: the median run, drawn in the panels below"))
        #expect(!caption.contains("sooner") && !caption.contains("a tie") && !caption.contains("rank test"))
        #expect(Self.shades(scene).isEmpty)
    }

    @Test("one stray run makes the ranges overlap, the ranks still differ: a difference, not shaded, as the verdict says")
    func strayRun() {
        let (scene, _) = strip(Self.stray)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        #expect(!Self.caption(scene).contains("shaded"))
        #expect(Self.stray[0].spread.overlaps(Self.stray[1].spread))
        #expect(Self.shades(scene).isEmpty)
        #expect(ContrastVerdict.isTie(repeated: Self.stray[0], Self.stray[1]) == false)
    }

    @Test("3 runs each, too few for the rank test: ranges apart are not shaded, overlapping ranges of a tie are")
    func fewRuns() {
        let runs = [WallTimeRuns([1_040_000, 980_000, 1_200_000])!, WallTimeRuns([3_120_000, 2_900_000, 3_400_000])!]
        #expect(Self.caption(strip(runs).0) == "Wall time of each of 3 runs (scale from 0): a dot per run, a bar from the "
            + "lowest to the highest, a tick at the median · ringed: the median run, drawn in the panels below")
        let overlapping = [WallTimeRuns([1_040_000, 980_000, 3_000_000])!, runs[1]]
        let (scene, _) = strip(overlapping)
        #expect(Self.caption(scene).hasSuffix(" · shaded: where the two ranges overlap"))
        #expect(Self.shades(scene).count == 1)
    }

    @Test("runs close together compared with their length are drawn from 0 too: a few percent looks like a few percent")
    func closeRunsFromZero() {
        let runs = [WallTimeRuns([100_000_000, 101_000_000, 102_000_000])!, WallTimeRuns([103_000_000, 104_000_000, 105_000_000])!]
        let (scene, _) = strip(runs)
        let text = scene.texts.map(\.text).joined(separator: " ")
        #expect(text.contains("scale from 0") && !text.contains("zoomed"))
        #expect(SceneChecks.textProblems(scene).isEmpty)
        // The two medians (101 and 104 ms, 3 % apart) sit 3 % of the scale's length apart, not across the strip.
        let medians: [Double] = scene.layers.flatMap(\.items).compactMap {
            if case let .marker(.bar, center, _, _) = $0 { center.x } else { nil }
        }
        #expect(medians.count == 2)
        let x0 = 14.0 + 110 + 8
        #expect(abs((medians[1] - x0) / (medians[0] - x0) - 104.0 / 101.0) < 0.01, "\(medians)")
    }

    @Test("runs all within a ring's width on the scale from 0 (numbers'): the figures written, no empty scale, no marks")
    func collapsedRuns() {
        // numbers' runs: 502 ms each, every one within 1.64 ms.
        let runs = [WallTimeRuns([502_230_000, 502_040_000, 502_430_000, 502_100_000, 502_300_000])!,
                    WallTimeRuns([502_400_000, 502_140_000, 503_680_000, 502_200_000, 502_500_000])!]
        let (scene, _) = strip(runs)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        #expect(Self.caption(scene) == "Wall time of each of 5 runs: all 10 within 502.04 ms – 503.68 ms, too close "
            + "together to draw apart on a scale from 0 · the median run is the one drawn in the panels below")
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("median 502.23 ms (502.04 ms – 502.43 ms)"))
        #expect(texts.contains("median 502.40 ms (502.14 ms – 503.68 ms)"))
        let markers = scene.layers.flatMap(\.items).filter { if case .marker = $0 { true } else { false } }
        #expect(markers.isEmpty)
        #expect(!texts.contains("0 ms") && !texts.contains { $0.hasSuffix("00 ms") }, "no axis: \(texts)")
        // Each label starts at the plot's left edge, on its scheduler's row.
        let names = scene.texts.filter { Self.names.contains($0.text) }
        let labels = scene.texts.filter { $0.text.hasPrefix("median ") }
        #expect(names.count == 2 && labels.count == 2)
        #expect(zip(names, labels).allSatisfy { abs($0.box.y - $1.box.y) < 1 })
        // Runs a few pixels further apart are drawn as ever.
        let apart = [runs[0], WallTimeRuns([512_400_000, 512_140_000, 513_680_000, 512_200_000, 512_500_000])!]
        #expect(Self.caption(strip(apart).0).hasPrefix("Wall time of each of 5 runs (scale from 0): a dot per run"))
    }

    @Test("said once: no line under the strip, no finding and no groups in the caption; the verdict says them")
    func saidOnce() {
        let bimodal = WallTimeRuns([5_740_000, 7_500_000, 5_170_000, 7_880_000, 5_450_000])!
        let other = WallTimeRuns([5_440_000, 5_020_000, 6_300_000, 7_330_000, 5_300_000])!
        for runs in [Self.tie, Self.apart, [bimodal, other]] {
            let (scene, _) = strip(runs)
            #expect(SceneChecks.textProblems(scene).isEmpty)
            let text = scene.texts.map(\.text).joined(separator: " ")
            for said in ["The two runs", "groups", "no clear winner", "a tie", "sooner", "rank test"] {
                #expect(!text.contains(said), "\(said) in \(text)")
            }
        }
    }

    @Test("no strip without repeated runs of both: saved traces, a single run, one scheduler repeated alone")
    func noStrip() {
        for runs in [nil, [WallTimeRuns([2_000_000])!, WallTimeRuns([3_000_000])!],
                     [Self.tie[0], WallTimeRuns([3_000_000])!], [Self.tie[0]]] as [[WallTimeRuns]?] {
            let (scene, bottom) = strip(runs)
            #expect(scene.itemCount == 0 && bottom == 10)
        }
    }

    @Test("in the contrast picture the strip sits under the verdict and above the panels, rows named as the panels")
    func inContrast() throws {
        var a = Fixtures.small()
        var b = Fixtures.small()
        a.facts.scheduler = "multiplexed"
        b.facts.scheduler = "thread-per-task"
        var options = RenderOptions(width: 1200)
        options.verdict = VerdictText(headline: "A tie.")
        options.wallTimeRuns = Self.tie
        let scene = try TimelineLayout.contrast(a, b, options: options, measurer: measurer)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let verdict = try #require(scene.texts.first { $0.text == "A tie." })
        let caption = try #require(scene.texts.first { $0.text.hasPrefix("Wall time of each of 5 runs") })
        let firstPanel = try #require(scene.texts.first { $0.text.hasPrefix("multiplexed:") })
        let rowNames = scene.texts.filter { Self.names.contains($0.text) }
        #expect(rowNames.map(\.text) == Self.names)
        #expect(verdict.box.maxY <= caption.box.y)
        #expect(rowNames.allSatisfy { $0.box.maxY <= firstPanel.box.y })
        // Without repeat data, the same picture has no strip.
        options.wallTimeRuns = nil
        let plain = try TimelineLayout.contrast(a, b, options: options, measurer: measurer)
        #expect(!plain.texts.contains { $0.text.hasPrefix("Wall time of each") || $0.text.hasPrefix("median ") })
        #expect(plain.height < scene.height)
    }
}
