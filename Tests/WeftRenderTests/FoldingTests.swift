import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTrace

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

    @Test("every fold is a narrow break of one width, whatever it hides; the stretches between keep one scale")
    func foldsAreNarrowBreaks() throws {
        let ms: UInt64 = 1_000_000
        let short = TimeFold(start: 10 * ms, end: 20 * ms), long = TimeFold(start: 100 * ms, end: 250 * ms)
        let alike = TimeFold(start: 300 * ms, end: 310 * ms + 40_000)
        let scale = TimeScale(start: 0, end: 400 * ms, x0: 0, x1: 1000, folds: [short, long, alike])
        let folded = scale.segments.filter(\.folded)
        #expect(folded.map { $0.x1 - $0.x0 } == [Metrics.foldWidth, Metrics.foldWidth, Metrics.foldWidth])
        // Time inside a fold is linear: its middle is drawn in its middle.
        #expect(abs(scale.x(UInt64(175 * ms)) - (folded[1].x0 + folded[1].x1) / 2) < 1e-6)
        // The ticks on either side stay true: 1 ms is as wide before the folds as between them and after them.
        let before = scale.x(UInt64(5 * ms)) - scale.x(UInt64(4 * ms))
        let between = scale.x(UInt64(60 * ms)) - scale.x(UInt64(59 * ms))
        let after = scale.x(UInt64(350 * ms)) - scale.x(UInt64(349 * ms))
        #expect(abs(before - after) < 1e-6 && abs(before - between) < 1e-6)
        // The open stretches (400 − 170.04 ms) share all the plot but the three breaks.
        #expect(abs(before * 229.96 - (1000 - 3 * Metrics.foldWidth)) < 1e-6)
        #expect(FoldWidths.widths([1_000, 1_000_000_000]) == [Metrics.foldWidth, Metrics.foldWidth])
    }

    @Test("the picture labels the fold with what it hides, and --time linear keeps the plain axis")
    func labelledFold() throws {
        let run = Fixtures.sleepy()
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1000), measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("⋯ \(DurationFormat.format(UInt64(99_970_000))) folded: every task asleep ⋯"))
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

    @Test("every quiet stretch much longer than the bursts beside it is folded, however many, and each burst gets room")
    func foldsEveryRound() throws {
        let run = Fixtures.periodic(rounds: 10, workers: 3, period: 5_000_000, burst: 20_000)
        let folds = TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 1000)
        // Round r ends at 100 µs + r·5 ms + 60 µs; the next one starts at 100 µs + (r+1)·5 ms.
        let expected = (0..<10).map { r in
            TimeFold(start: 100_000 + UInt64(r) * 5_000_000 + 60_000, end: 100_000 + UInt64(r + 1) * 5_000_000)
        }
        #expect(folds == expected)
        let scale = TimeScale(start: 0, end: run.facts.traceEnd, x0: 0, x1: 1000, folds: folds)
        // A 20 µs slice is wide enough to see in every round (it was 0.4 px on the plain axis).
        for r in 0...10 {
            let begin = 100_000 + UInt64(r) * 5_000_000
            #expect(scale.x(begin + 20_000) - scale.x(begin) > 10)
        }
        // The folds take at most about a quarter of the plot.
        let folded = scale.segments.filter(\.folded).reduce(0.0) { $0 + $1.x1 - $1.x0 }
        #expect(folded <= 250 + 1e-9)
    }

    @Test("a stretch with no task alive in any run is folded once it is as long as the burst beside it")
    func tasklessStretchFolds() {
        let ms: UInt64 = 1_000_000
        // Main runs 1 ms and ends; the pool thread stops 1.5 ms later: a shutdown as long as 1.5 bursts.
        func run(sleeperUntil: UInt64?) -> RenderTimeline {
            let facts = RunFacts(program: "tail", scheduler: "multiplexed", workers: 1, taskCount: 1, threadCount: 1,
                                 wallTime: 2_500_000, eventCount: 10)
            var tasks = [TaskTrack(task: TaskID(1), name: "main", spans: [StateSpan(start: 0, end: ms, state: .running)])]
            if let until = sleeperUntil {
                tasks.append(TaskTrack(task: TaskID(2), name: "sleeper", spans: [
                    StateSpan(start: 0, end: ms, state: .running), StateSpan(start: ms, end: until, state: .sleeping),
                ]))
            }
            let threads = [ThreadTrack(thread: ThreadID(1), label: "pool thread 0",
                                       slices: [ThreadSlice(start: 0, end: ms, task: TaskID(1))],
                                       lifetime: TimeSpan(0, 2_500_000), role: .worker)]
            return RenderTimeline(facts: facts, threads: threads, tasks: tasks)
        }
        // On a plot 100 px wide the 1 ms burst is 40 px: too narrow to read, so the shutdown folds.
        #expect(TimeFolding.folds([run(sleeperUntil: nil)], start: 0, end: 2_500_000, plotWidth: 100)
            == [TimeFold(start: ms, end: 2_500_000)])
        // A task asleep through it: the stretch is a wait, folded only at three times the burst.
        #expect(TimeFolding.folds([run(sleeperUntil: 2_500_000)], start: 0, end: 2_500_000, plotWidth: 100).isEmpty)
        // On a plot 1,000 px wide the burst is readable without folding: the axis stays linear.
        #expect(TimeFolding.folds([run(sleeperUntil: nil)], start: 0, end: 2_500_000, plotWidth: 1000).isEmpty)
    }

    @Test("quiet stretches no longer than the bursts beside them stay on the axis")
    func keepsStretchesLikeTheirBursts() {
        // Bursts of 3 ms between 2 ms gaps: the gaps are shorter than the bursts.
        let run = Fixtures.periodic(rounds: 10, workers: 2, period: 5_000_000, burst: 1_500_000)
        #expect(TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 1000).isEmpty)
    }

    @Test("when the cap allows only some of many alike stretches, none of them is folded")
    func capNeverSplitsAlikeStretches() {
        // Twenty rounds: each quiet stretch is 5% of the window, long enough to fold.
        let run = Fixtures.periodic(rounds: 20, workers: 3)
        #expect(TimeFolding.maximumFolds(plotWidth: 400) < 20)
        #expect(TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 400).isEmpty)
        #expect(TimeFolding.folds([run], start: 0, end: run.facts.traceEnd, plotWidth: 2000).count == 20)
    }

    @Test("folds too close to label one by one share one label naming how many and how long")
    func crowdedLabelsMerge() throws {
        let run = Fixtures.periodic(rounds: 10, workers: 3)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 700), measurer: measurer)
        let labels = scene.texts.filter { $0.text.contains("fold") }
        #expect(!labels.isEmpty)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        // Each fold is named once: by its own label ("4.94 ms folded") or by its group's ("4 folds of 4.94 ms each").
        let named = labels.reduce(0) { sum, label in
            sum + (label.text.contains(" folds") ? Int(label.text.dropFirst(2).prefix { $0.isNumber })! : 1)
        }
        #expect(named == 10)
        #expect(labels.allSatisfy { $0.text.contains("4.94 ms") })
    }

    @Test("grouping: alike neighbours share one label, however far apart; an unlike fold keeps its own")
    func labelGroups() {
        func segment(_ x: Double, _ t: Double, lasting: Double = 1_000_000) -> TimeScale.Segment {
            TimeScale.Segment(t0: t, t1: t + lasting, x0: x, x1: x + 14, folded: true, factor: 14 / lasting)
        }
        let labels = FoldLabels(row: Rect(x: 0, y: 0, width: 1000, height: 15), describe: { _ in "every task asleep" },
                                width: { Double($0.count) * 6 })
        // Alike folds share one label even with room for each: a rhythm is named once.
        let alike = labels.place([segment(100, 0), segment(300, 2e6), segment(500, 4e6), segment(700, 6e6)])
        #expect(alike.map(\.text) == ["⋯ 4 folds of 1.00 ms each: every task asleep ⋯"])
        #expect(alike[0].x >= 100 && alike[0].x + alike[0].width <= 714)
        // Alike but far apart (the start-up's folds and the shutdown's): named apart, each label over its own folds.
        let apart = labels.place([segment(0, 0), segment(20, 2e6), segment(960, 9e6)])
        #expect(apart.map(\.text) == ["⋯ 2 folds of 1.00 ms each: every task asleep ⋯", "⋯ 1.00 ms folded: every task asleep ⋯"])
        #expect(apart[0].x <= 34 && apart[1].x + apart[1].width >= 960)
        // A fold too crowded to say how long is merged only with a near neighbour, never with one far apart.
        let crowded = labels.place([segment(0, 0), segment(18, 2e6, lasting: 5_000_000), segment(960, 9e6)])
        #expect(crowded.count == 2 && crowded[0].text.hasPrefix("⋯ 2 folds of 1.00–5.00 ms each"), "\(crowded)")
        // Unlike the rest (three times as long), a fold keeps its own label.
        let placed = labels.place([segment(100, 0), segment(120, 2e6), segment(140, 4e6),
                                   segment(700, 6e6, lasting: 3_000_000)])
        #expect(placed.map(\.text) == ["⋯ 3 folds of 1.00 ms each: every task asleep ⋯", "⋯ 3.00 ms folded: every task asleep ⋯"])
        // Neither label leaves the room between the groups, and each stays over its folds.
        #expect(placed[0].x + placed[0].width <= (154 + 700) / 2 && placed[1].x >= (154 + 700) / 2)
        #expect(placed[0].x <= 100 + 14 && placed[0].x + placed[0].width >= 140)
        #expect(FoldLabels.range("9.70 ms", "11.7 ms") == "9.70–11.7 ms")
        #expect(FoldLabels.range("980 µs", "1.20 ms") == "980 µs–1.20 ms")
    }

    @Test("the fold breaks leave a gap where a section heading runs across them")
    func breaksSpareTheHeadings() throws {
        let a = Fixtures.periodic(peakRSS: 20 << 20)
        let b = Fixtures.periodic(burst: 30_000, scheduler: "thread-per-task", peakRSS: 23 << 20)
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1000), measurer: measurer)
        let bands: [Rect] = scene.layers.flatMap(\.items).compactMap {
            if case let .rect(rect, fill, _) = $0, fill == Theme.light.foldBand { rect } else { nil }
        }
        let zigzags: [(Double, Double)] = scene.layer("grid")!.items.compactMap {
            guard case let .polyline(points, _, _, _) = $0, points.count > 2 else { return nil }
            return (points.map(\.y).min()!, points.map(\.y).max()!)
        }
        #expect(!bands.isEmpty && !zigzags.isEmpty)
        let headings = scene.texts.filter { ["Threads", "Tasks", "Counters"].contains($0.text) }
        #expect(headings.count >= 4)
        for heading in headings {
            // The heading's row reaches across the plot: its words (and its detail's) must not meet a break.
            let top = heading.box.y, bottom = heading.box.maxY
            #expect(!bands.contains { $0.y < bottom && $0.maxY > top }, "a fold band crosses \(heading.text)")
            #expect(!zigzags.contains { $0.0 < bottom && $0.1 > top }, "a fold edge crosses \(heading.text)")
        }
    }

    @Test("the periodic run's folded scene matches its golden text")
    func goldenPeriodic() throws {
        let scene = try TimelineLayout.scene(Fixtures.periodic(), options: RenderOptions(width: 900), measurer: measurer)
        try LayoutTests().golden("periodic-folded.scene.txt", scene.dump())
    }

    @Test("a contrast of two periodic runs matches its golden text: the verdict atop, one folded axis for both panels")
    func goldenContrast() throws {
        let a = Fixtures.periodic(peakRSS: 20 << 20)
        // The other run's rounds start 40 µs later: the shared folds leave both runs' bursts on the axis.
        let b = Fixtures.periodic(burst: 30_000, scheduler: "thread-per-task", peakRSS: 23 << 20)
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1000), measurer: measurer)
        try LayoutTests().golden("periodic-contrast.scene.txt", scene.dump())
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let verdict = ContrastVerdict.sentences(a.facts.figures, b.facts.figures)
        #expect(verdict.contains("noise. Thread-per-task used 4 OS threads instead of 1"))
        #expect(scene.texts.map(\.text).joined(separator: " ").contains(verdict.prefix(40)))
        // Both panels' fold bands sit at the same x: each fold's band is cut alike in both (at the same headings).
        let bands = scene.layers.flatMap(\.items).compactMap { item -> Double? in
            if case let .rect(rect, fill, _) = item, fill == Theme.light.foldBand { return rect.x }
            return nil
        }
        let pieces = Dictionary(grouping: bands, by: { $0 }).values.map(\.count)
        #expect(!bands.isEmpty && Set(pieces).count == 1 && pieces[0] % 2 == 0)
    }

    @Test("the folded scene matches its golden text")
    func golden() throws {
        let scene = try TimelineLayout.scene(Fixtures.sleepy(), options: RenderOptions(width: 900), measurer: measurer)
        try LayoutTests().golden("sleepy-folded.scene.txt", scene.dump())
    }
}
