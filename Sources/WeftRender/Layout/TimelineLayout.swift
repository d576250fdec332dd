import WeftAnalysis
/// Turns runs into scenes: one run (`scene`) or two runs on one time scale (`contrast`).
public enum TimelineLayout {
    /// The scene for one run.
    /// - Throws: `RenderError.emptyWindow` when `--from`/`--to` leave nothing; `.badSize` for a too narrow picture.
    public static func scene(_ timeline: RenderTimeline, options: RenderOptions, measurer: TextMeasurer) throws(RenderError) -> Scene {
        let (start, end) = try window(options, wall: timeline.facts.axisEnd)
        let lanes = LaneSelection(timeline, options: options)
        let canvas = try makeCanvas(options, [lanes], [timeline], start: start, end: end, measurer: measurer)
        let title = options.title ?? "\(timeline.facts.program) — \(timeline.facts.scheduler)"
        var subtitle = factsLine(timeline.facts)
        if options.from != nil || options.to != nil {
            subtitle += " · window \(DurationFormat.format(start)) – \(DurationFormat.format(end))"
        }
        let panel = PanelLayout(timeline: timeline, options: options, canvas: canvas, lanes: lanes, title: title,
                                subtitle: subtitle)
        var y = panel.layout(top: Metrics.margin)
        y = LegendLayout.layout(view: options.view, canvas: canvas, top: y + 4)
        return canvas.builder.scene(width: canvas.width, height: (y + Metrics.margin).rounded(.up),
                                    background: options.theme.background)
    }

    /// Two runs stacked on one shared time scale, each titled with its scheduler and measured figures.
    public static func contrast(_ a: RenderTimeline, _ b: RenderTimeline, options: RenderOptions,
                                measurer: TextMeasurer) throws(RenderError) -> Scene {
        let (start, end) = try window(options, wall: max(a.facts.axisEnd, b.facts.axisEnd))
        // Two panels share the picture: fewer lanes each, so that both fit on one screen.
        var options = options
        options.maxThreadLanes = min(options.maxThreadLanes, RenderOptions.contrastThreadLanes)
        options.maxTaskLanes = min(options.maxTaskLanes, RenderOptions.contrastTaskLanes)
        options.maxLockLanes = min(options.maxLockLanes, RenderOptions.contrastLockLanes)
        options.maxActorLanes = min(options.maxActorLanes, RenderOptions.contrastActorLanes)
        // Both panels draw the same locks, in one order: those of a deadlock's cycle first.
        let lockOrder = LaneSelection.lockOrder([a, b])
        // Every lock of either run's deadlock cycle in both panels, even where the other run did not deadlock.
        if options.maxLockLanes > 0 { options.maxLockLanes = max(options.maxLockLanes, LaneSelection.cycleLocks([a, b]).count) }
        // … and the same tasks, in the same colours.
        let taskChoice = LaneSelection.sharedTaskChoice([a, b], options: options)
        // … and the same actors, in one order.
        let actorOrder = LaneSelection.actorOrder([a, b])
        var lanesA = LaneSelection(a, options: options, lockOrder: lockOrder, actorOrder: actorOrder, sharedChoice: taskChoice)
        var lanesB = LaneSelection(b, options: options, lockOrder: lockOrder, actorOrder: actorOrder, sharedChoice: taskChoice)
        // … and every lock a drawn task waited for in either run, in both panels.
        let required = lanesA.requiredLocks.union(lanesB.requiredLocks)
        lanesA.chooseLocks(a, order: lockOrder, limit: options.maxLockLanes, required: required)
        lanesB.chooseLocks(b, order: lockOrder, limit: options.maxLockLanes, required: required)
        let canvas = try makeCanvas(options, [lanesA, lanesB], [a, b], start: start, end: end, measurer: measurer)
        var y = Metrics.margin
        if let title = options.title {
            canvas.builder.add(canvas.text(title, in: canvas.row(y, Metrics.titleRow), size: Metrics.titleSize + 2,
                                           weight: .bold, color: options.theme.text))
            y += Metrics.titleRow + 4
        }
        if let description = options.description {
            for line in canvas.measurer.wrap(description, maxWidth: canvas.row(y, Metrics.factsRow).width,
                                             size: Metrics.factsSize + 1) {
                canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize + 1,
                                               color: options.theme.secondaryText))
                y += Metrics.factsRow
            }
            y += 4
        }
        y = layoutVerdict(options.verdict ?? ContrastVerdict.verdict(a.facts.figures, b.facts.figures), canvas: canvas, top: y)
        // Every run's wall time when there were several: why the verdict calls it a tie or not.
        y = RunsStripLayout.layout(names: [a.facts.scheduler, b.facts.scheduler], runs: options.wallTimeRuns,
                                   canvas: canvas, top: y)
        // Repeated runs: the verdict gives medians, each panel its own run's figures.
        let repeated = options.wallTimeRuns?.contains { $0.count >= 2 } ?? false
        var panels = [(a, lanesA), (b, lanesB)].map { timeline, lanes in
            PanelLayout(timeline: timeline, options: options, canvas: canvas, lanes: lanes,
                        title: contrastTitle(timeline.facts, repeated: repeated),
                        subtitle: factsLine(timeline.facts, underTitle: true)
                            + " · shared time scale \(start == 0 ? "0" : DurationFormat.format(start)) – \(DurationFormat.format(end))")
        }
        // How the runs ended: once above both panels, not again in each.
        if EndingLayout.isShared(panels) {
            y = EndingLayout.layout(panels, canvas: canvas, top: y)
            for i in panels.indices { panels[i].showsEnding = false }
        }
        for panel in panels {
            y = panel.layout(top: y) + Metrics.panelGap
            canvas.builder.add(.line(from: Point(Metrics.margin, y - Metrics.panelGap / 2),
                                     to: Point(canvas.width - Metrics.margin, y - Metrics.panelGap / 2),
                                     color: options.theme.rule, width: 1.5), to: .grid)
        }
        y = LegendLayout.layout(view: options.view, canvas: canvas, top: y - Metrics.panelGap / 2)
        return canvas.builder.scene(width: canvas.width, height: (y + Metrics.margin).rounded(.up),
                                    background: options.theme.background)
    }

    /// The verdict's sentences, wrapped to the picture's width, in the text colour; returns the y below them.
    /// The verdict under the title: its headline bold, its detail lighter and smaller under it, each wrapped to the
    /// canvas's width.
    static func layoutVerdict(_ verdict: VerdictText, canvas: LayoutCanvas, top: Double) -> Double {
        var y = layoutParagraph(verdict.headline, canvas: canvas, top: top, size: Metrics.verdictSize,
                                row: Metrics.verdictRow, weight: .bold, color: canvas.theme.text)
        if !verdict.detail.isEmpty {
            y = layoutParagraph(verdict.detail, canvas: canvas, top: y + 2, size: Metrics.verdictDetailSize,
                                row: Metrics.verdictDetailRow, weight: .regular, color: canvas.theme.secondaryText)
        }
        return y + 6
    }

    /// `text` wrapped to the canvas's width, a line per row from `top`; returns the y under the last line.
    static func layoutParagraph(_ text: String, canvas: LayoutCanvas, top: Double, size: Double, row height: Double,
                                weight: FontWeight, color: Color) -> Double {
        let row = canvas.row(top, height)
        var y = top
        for line in canvas.measurer.wrap(text, maxWidth: row.width, size: size, weight: weight) {
            canvas.builder.add(canvas.text(line, in: Rect(x: row.x, y: y, width: row.width, height: height),
                                           size: size, weight: weight, color: color))
            y += height
        }
        return y
    }

    /// "3 tasks + main" (the run's tasks include its main task).
    static func tasksText(_ count: Int) -> String {
        count >= 1 ? "\(Format.plural(count - 1, "task")) + main" : "no tasks"
    }

    /// "multiplexed: 10,000 tasks + main on 3 OS threads (2 pool threads + timer) · peak RSS 14 MiB · wall
    /// 120 ms": the scheduler's OS threads (the verdict's count, and `weft stats`'s) with what each was for. When the
    /// runs were repeated, the verdict gives medians: `repeated` says the peak RSS is this run's.
    static func contrastTitle(_ facts: RunFacts, repeated: Bool = false) -> String {
        var parts = ["\(facts.scheduler): \(tasksText(facts.taskCount)) on \(threadsText(facts))"]
        if let rss = facts.peakRSS { parts.append("peak RSS \(ByteFormat.format(rss))" + (repeated ? " in this run" : "")) }
        parts.append(facts.wallTimeText)
        if let problem = facts.problemSummary { parts.append("ended \(problem)") }
        return parts.joined(separator: " · ")
    }

    /// "3 OS threads (2 pool threads + timer)", "11 OS threads (one per task + timer; at most 5 at once)": the verdict's
    /// count, then its breakdown by role and, where fewer were alive at once, the most that were; without the roles of
    /// the threads, "3 OS threads".
    static func threadsText(_ facts: RunFacts) -> String {
        let total = Format.plural(facts.figures.threads, "OS thread")
        guard let census = facts.census, census.workers + census.taskThreads > 0 else { return total }
        // "One per task" only where every task had one (a capped or deadlocked run may have started fewer).
        let runners = census.workers > 0 ? Format.plural(census.workers, "pool thread")
            : census.taskThreads == facts.taskCount ? "one per task" : Format.plural(census.taskThreads, "task thread")
        let atOnce = facts.figures.peakThreads.map { $0 < facts.figures.threads ? "; at most \(Format.count($0)) at once" : "" } ?? ""
        return total + " (" + ([runners] + census.helperThreadWords(bare: true)).joined(separator: " + ") + atOnce + ")"
    }

    /// "program weft-demo · scheduler multiplexed · 2 cores · 2 pool threads · 10,000 tasks + main · 3 OS threads · wall
    /// 1.2 s = 1.10 ms before main + 1.19 s main + 8.20 ms after · 45,678 events · peak RSS 14 MiB"; with `arguments`, the program's arguments follow its name ("program
    /// weft run io-bound --tasks 1000 · …"), for pictures whose title does not already give the command. Under a
    /// contrast panel's title (`underTitle`), what the title gives (scheduler, tasks, threads, wall time, peak RSS) is
    /// not said again: the wall time only as its parts ("wall = 1.10 ms before main + …").
    static func factsLine(_ facts: RunFacts, arguments: Bool = false, underTitle: Bool = false) -> String {
        var parts = underTitle ? [] : ["scheduler \(facts.scheduler)"]
        if let cores = facts.cores { parts.append(Format.plural(cores, "core")) }
        if let workers = facts.workers, !underTitle { parts.append(Format.plural(workers, "pool thread")) }
        if !underTitle {
            parts.append(tasksText(facts.taskCount))
            parts.append(Format.plural(facts.threadCount, "OS thread"))
            parts.append(facts.wallTimeText + wallPartsText(facts))
        } else if !wallPartsText(facts).isEmpty {
            parts.append((facts.virtualTime ? "virtual time" : "wall") + wallPartsText(facts))
        }
        if let whole = facts.traceWallTime { parts.append("trace \(DurationFormat.format(whole)) with thread start-up and shutdown") }
        parts.append(Format.plural(facts.eventCount, "event"))
        if let rss = facts.peakRSS, !underTitle { parts.append("peak RSS \(ByteFormat.format(rss))") }
        if let problem = facts.problemSummary, !underTitle { parts.insert("ended \(problem)", at: 0) }
        return "program \(arguments ? facts.command : facts.program) · " + parts.joined(separator: " · ")
    }

    /// " = 5.20 ms before main + 16.3 ms main + 620 µs after": what the wall time holds beyond main's own time
    /// (`WallTimeParts`); "" without a main task that ended, or when main's life was the whole wall time.
    static func wallPartsText(_ facts: RunFacts) -> String {
        guard let parts = facts.wallParts, parts.beforeMain > 0 || parts.afterMain > 0 else { return "" }
        func format(_ ns: UInt64) -> String { DurationFormat.format(ns) }
        return " = \(format(parts.beforeMain)) before main + \(format(parts.main)) main + \(format(parts.afterMain)) after"
    }

    private static func window(_ options: RenderOptions, wall: UInt64) throws(RenderError) -> (UInt64, UInt64) {
        let start = options.from ?? 0
        if options.to == nil, options.from != nil, start >= wall { throw .emptyWindow(from: start, to: wall) }
        let end = options.to ?? max(wall, start + 1)
        guard end > start else { throw .emptyWindow(from: start, to: end) }
        return (start, end)
    }

    private static func makeCanvas(_ options: RenderOptions, _ selections: [LaneSelection], _ runs: [RenderTimeline],
                                   start: UInt64, end: UInt64, measurer: TextMeasurer) throws(RenderError) -> LayoutCanvas {
        guard options.width >= RenderOptions.minimumWidth, options.width <= 32_767 else {
            throw .badSize(width: options.width, height: 0,
                           reason: "the width must be between \(RenderOptions.minimumWidth) and 32767 pixels")
        }
        let gutter = LayoutCanvas.gutterWidth(for: selections.flatMap(\.gutterLabels), measurer: measurer)
        let plotWidth = Double(options.width) - 2 * Metrics.margin - gutter - 8
        let folds = options.time == .folded ? TimeFolding.folds(runs, start: start, end: end, plotWidth: plotWidth) : []
        let canvas = LayoutCanvas(measurer: measurer, theme: options.theme, width: Double(options.width), gutterWidth: gutter,
                                  start: start, end: end, folds: folds)
        // One height scale for every actor lane's queue strip, so that lanes and panels compare.
        canvas.actorQueuePeak = selections.flatMap { $0.shownActors.compactMap { $0.track?.peakQueue } }.max() ?? 0
        for run in runs {
            for counter in run.counters {
                // The memory scale reaches the panel's peak RSS (`RunInfo.peakResidentBytes`, which counts the moments
                // between samples): a scale topping below the peak the title states read as a contradiction.
                let top = counter.kind == .residentBytes ? max(counter.peak, run.facts.peakRSS ?? 0) : counter.peak
                let old = canvas.counterRanges[counter.kind] ?? (counter.low, top)
                canvas.counterRanges[counter.kind] = (min(old.0, counter.low), max(old.1, top))
            }
        }
        return canvas
    }
}
