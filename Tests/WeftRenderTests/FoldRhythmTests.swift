import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender

/// A timer-driven program on the folded axis: its rhythm named once, its pause one long stretch with its wake-ups
/// in it, and a true tick at every burst.
@Suite("Folded time for timer-driven programs")
struct FoldRhythmTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// The time a tick label names, in nanoseconds, and half its last digit (how far the label may be from the tick).
    static func named(_ label: String) -> (time: Double, tolerance: Double)? {
        let parts = label.split(separator: " ")
        guard parts.count == 2, let value = Double(parts[0]) else { return nil }
        let unit: Double = switch parts[1] { case "ns": 1; case "µs": 1e3; case "ms": 1e6; case "s": 1e9; default: 0 }
        let decimals = parts[0].split(separator: ".").dropFirst().first?.count ?? 0
        return (value * unit, 0.5 * pow(10, -Double(decimals)) * unit + 1e-6)
    }

    func scale(_ run: RenderTimeline, width: Double = 1200) -> TimeScale {
        let folds = TimeFolding.folds([run], start: 0, end: run.facts.axisEnd, plotWidth: width)
        return TimeScale(start: 0, end: run.facts.axisEnd, x0: 0, x1: width, folds: folds)
    }

    @Test("the pause is folded in proportion to its length, its wake-ups drawn at their true places between its folds")
    func pauseInProportion() throws {
        let run = Fixtures.pacedWithPause()
        let scale = scale(run)
        let folded = scale.segments.filter(\.folded)
        // Three beats, the pause cut in three by the two timeouts, three beats.
        #expect(folded.count == 9)
        let widths = folded.map { $0.x1 - $0.x0 }
        let beat = widths[0], pause = widths[3]
        #expect(abs(pause / beat - 5) < 0.1, "\(widths)")
        #expect(widths[3...5].allSatisfy { abs($0 - pause) < 1 } && widths.allSatisfy { $0 >= Metrics.minimumFoldWidth })
        // The pause reads as one stretch: its three folds take more than 60% of the span from its first to its last.
        let span = folded[5].x1 - folded[3].x0
        #expect((widths[3...5].reduce(0, +)) / span > 0.6)
        // Each burst, the timeouts' included, is wide enough to see a 20 µs slice in it.
        for segment in scale.segments where !segment.folded {
            #expect((segment.x1 - segment.x0) > 10, "\(segment)")
        }
    }

    @Test("every burst gets a true tick where there is room; a fold's ticks stay over the fold; labels never crowd")
    func tickAtEveryBurst() throws {
        let run = Fixtures.pacedWithPause()
        let scale = scale(run)
        let choice = AxisTickChoice(scale: scale, row: (scale.x0 - 30, scale.x1 + 10),
                                    width: { measurer.width($0, size: Metrics.axisSize) })
        let ticks = choice.place()
        for tick in ticks {
            let named = try #require(Self.named(tick.label), "\(tick.label)")
            #expect(abs(named.time - tick.time) <= named.tolerance, "\(tick.label) at \(tick.time)")
            let x = scale.x(tick.time)
            #expect(tick.left <= x && tick.right >= x)
            // A tick strictly inside a fold (one on a fold's edge names the burst beside it).
            if let fold = scale.segments.first(where: { $0.folded && $0.t0 < tick.time && tick.time < $0.t1 }) {
                #expect(tick.left >= fold.x0 && tick.right <= fold.x1 && 2 * tick.width <= fold.x1 - fold.x0,
                        "\(tick) \(fold)")
            }
        }
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(a.right + AxisTickChoice.spacing <= b.left) }
        // Each burst is named: the eight sends' and the two timeouts' in the pause, so that both rhythms read.
        let bursts = scale.segments.filter { !$0.folded }
        #expect(bursts.count == 10)
        for burst in bursts {
            #expect(ticks.contains { $0.time >= burst.t0 && $0.time <= burst.t1 }, "no tick in \(burst)")
        }
        #expect(ticks.contains { $0.label == "80.1 ms" } && ticks.contains { $0.label == "130.1 ms" }, "\(ticks.map(\.label))")
    }

    @Test("a long fold carries round times inside it, true at the folds' compressed scale; a narrow one none")
    func ticksInsideALongFold() {
        let ms: UInt64 = 1_000_000
        let folds = [TimeFold(start: 10 * ms, end: 200 * ms), TimeFold(start: 210 * ms, end: 390 * ms),
                     TimeFold(start: 395 * ms, end: 396 * ms)]
        let scale = TimeScale(start: 0, end: 400 * ms, x0: 0, x1: 1000, folds: folds)
        let ticks = AxisTickChoice(scale: scale, row: (0, 1000), width: { measurer.width($0, size: Metrics.axisSize) })
            .place()
        let hundred = ticks.first { $0.label == "100 ms" }
        #expect(hundred != nil && abs(scale.x(UInt64(100 * ms)) - (hundred!.left + hundred!.right) / 2) < 1e-6,
                "\(ticks.map(\.label))")
        #expect(!ticks.contains { $0.time > Double(395 * ms) && $0.time < Double(396 * ms) })
    }

    @Test("the roundest time in a stretch: the largest 1-2-5 step with a multiple in it")
    func roundestTime() {
        #expect(AxisTickChoice.roundest(from: 11_040_000, to: 11_300_000)?.label == "11.2 ms")
        #expect(AxisTickChoice.roundest(from: 99_900_000, to: 100_300_000)?.label == "100 ms")
        #expect(AxisTickChoice.roundest(from: 1_234, to: 1_236)?.label == "1.235 µs")
        #expect(AxisTickChoice.roundest(from: 5, to: 5) == nil)
    }

    @Test("alike neighbouring folds share one label naming the rhythm; the pause gets its own")
    func rhythmNamedOnce() throws {
        let run = Fixtures.pacedWithPause()
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200), measurer: measurer)
        let labels = scene.texts.map(\.text).filter { $0.contains("fold") }
        #expect(labels == ["3 folds of 9.96 ms each: 1 asleep, 2 blocked",
                           "3 folds of 50.0 ms each: 1 asleep, 2 blocked",
                           "3 folds of 9.96 ms each: 1 asleep, 2 blocked"], "\(labels)")
        #expect(SceneChecks.textProblems(scene).isEmpty)
    }

    @Test("fewest words: the sleepers first, the others by what they wait on, or just blocked when on several things")
    func fewestWords() {
        let run = Fixtures.pacedWithPause()
        let beat = TimeFold(start: 100_040_000 - 90_000_000, end: 20_100_000)
        #expect(TimeFolding.describe(beat, in: run) == "1 asleep, 2 blocked")
        let sleepy = Fixtures.sleepy()
        #expect(TimeFolding.describe(TimeFold(start: 80_000, end: 100_050_000), in: sleepy) == "every task asleep")
    }

    @Test("the paced run's folded scene matches its golden text")
    func golden() throws {
        let scene = try TimelineLayout.scene(Fixtures.pacedWithPause(), options: RenderOptions(width: 1200),
                                             measurer: measurer)
        try LayoutTests().golden("paced-pause-folded.scene.txt", scene.dump())
    }
}
