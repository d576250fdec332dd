import Foundation
import Testing
import WeftAnalysis
@testable import WeftRender

/// A timer-driven program on the folded axis: waits on a channel that are the program's story stay drawn, and a
/// folded rhythm gets a true tick at every burst.
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

    @Test("the consumer's waits on a channel are the story: neither the beats nor the pause are folded")
    func storyWaitsStayDrawn() throws {
        // Each beat and each piece of the pause is the whole of one wait of the consumer's on a channel, and none is
        // half of the window: folding them would hide how long it waited.
        let run = Fixtures.pacedWithPause()
        #expect(scale(run).segments.allSatisfy { !$0.folded })
        // The same rhythm with the consumer gone: the producer only sleeps, and its sleeps fold.
        var sleeper = run
        sleeper.tasks.removeAll { $0.name == "consumer" }
        #expect(scale(sleeper).segments.filter(\.folded).count >= 6)
    }

    @Test("each stretch between folds is ticked at one round step; no tick inside a fold, no label crowding one")
    func ticksAwayFromBreaks() throws {
        let run = Fixtures.periodic()
        let scale = scale(run)
        let choice = AxisTickChoice(scale: scale, row: (scale.x0 - 30, scale.x1 + 10),
                                    width: { measurer.width($0, size: Metrics.axisSize) })
        let ticks = choice.place()
        #expect(ticks.count >= 3, "\(ticks.map(\.label))")
        let folds = scale.segments.filter(\.folded)
        for tick in ticks {
            let named = try #require(Self.named(tick.label), "\(tick.label)")
            #expect(abs(named.time - tick.time) <= named.tolerance, "\(tick.label) at \(tick.time)")
            let x = scale.x(tick.time)
            #expect(tick.left <= x && tick.right >= x)
            for fold in folds {
                #expect(!(fold.t0 < tick.time && tick.time < fold.t1), "\(tick) inside \(fold)")
                let distance = x <= fold.x0 ? fold.x0 - x : x - fold.x1
                #expect(distance >= tick.width / 2 + AxisTickChoice.spacing, "\(tick.label) \(distance) px from a break")
            }
        }
        for (a, b) in zip(ticks, ticks.dropFirst()) { #expect(a.right + AxisTickChoice.spacing <= b.left) }
        // In each stretch the ticks are multiples of one step, evenly spaced.
        for segment in scale.segments where !segment.folded {
            let times = ticks.map(\.time).filter { $0 >= segment.t0 && $0 <= segment.t1 }
            let gaps = Set(zip(times, times.dropFirst()).map { ($1 - $0).rounded() })
            #expect(gaps.count <= 1, "uneven ticks \(times) in \(segment)")
        }
    }

    @Test("a folded axis's ticks near a break are dropped, not crowded against it, on a wide stretch too")
    func noTickCrowdsABreak() throws {
        let ms: UInt64 = 1_000_000
        // One fold in the middle: the stretches on both sides are wide, so only the break's neighbourhood is kept free.
        let scale = TimeScale(start: 0, end: 100 * ms, x0: 0, x1: 1000, folds: [TimeFold(start: 40 * ms, end: 90 * ms)])
        let width = { (s: String) in measurer.width(s, size: Metrics.axisSize) }
        let ticks = AxisTickChoice(scale: scale, row: (0, 1000), width: width).place()
        let fold = try #require(scale.segments.first { $0.folded })
        #expect(ticks.contains { $0.time < Double(40 * ms) } && ticks.contains { $0.time > Double(90 * ms) })
        for tick in ticks {
            let x = scale.x(tick.time)
            let clearance = tick.width / 2 + AxisTickChoice.spacing
            #expect(x <= fold.x0 - clearance || x >= fold.x1 + clearance, "\(tick.label) at \(x) crowds the break")
        }
        // Without the fold the same stretch is ticked up to its end: the rule is the break's, not the step's.
        let plain = AxisTickChoice(scale: TimeScale(start: 0, end: 40 * ms, x0: 0, x1: 700), row: (0, 1000), width: width)
        #expect(plain.place().last?.time == Double(40 * ms))
    }

    @Test("a fold is a break: even a long one carries no tick inside it, and the stretches beside it keep theirs")
    func noTicksInsideAFold() {
        let ms: UInt64 = 1_000_000
        let folds = [TimeFold(start: 10 * ms, end: 200 * ms), TimeFold(start: 210 * ms, end: 390 * ms),
                     TimeFold(start: 395 * ms, end: 396 * ms)]
        let scale = TimeScale(start: 0, end: 400 * ms, x0: 0, x1: 1000, folds: folds)
        let ticks = AxisTickChoice(scale: scale, row: (0, 1000), width: { measurer.width($0, size: Metrics.axisSize) })
            .place()
        for fold in folds {
            #expect(!ticks.contains { $0.time > Double(fold.start) && $0.time < Double(fold.end) }, "\(ticks.map(\.label))")
        }
        #expect(ticks.contains { $0.time < Double(10 * ms) } && ticks.contains { $0.time > Double(200 * ms) && $0.time < Double(210 * ms) })
    }

    @Test("alike neighbouring folds share one label naming the rhythm")
    func rhythmNamedOnce() throws {
        let run = Fixtures.periodic()
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200), measurer: measurer)
        let labels = scene.texts.map(\.text).filter { $0.contains("fold") }
        #expect(labels == ["⋯ 10 folds of 4.94 ms each: 3 asleep, 1 blocked on a channel ⋯"], "\(labels)")
        #expect(SceneChecks.textProblems(scene).isEmpty)
        // The paced run keeps its waits: no fold to label.
        let paced = try TimelineLayout.scene(Fixtures.pacedWithPause(), options: RenderOptions(width: 1200), measurer: measurer)
        #expect(!paced.texts.contains { $0.text.contains("fold") })
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
