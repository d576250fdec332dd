import WeftAnalysis
import WeftTrace

/// Lays out the diff picture: a title with the run's figures, a legend, then one row per task (largest change
/// first) with A's and B's time by state as paired bars on one duration scale, and the change in lifetime as a
/// bar left (faster) or right (slower) of a centre line, coloured like a differential flame graph.
struct DiffLayout {
    let diff: TraceDiff
    let a: Timeline
    let b: Timeline
    let options: DiffPictureOptions
    let canvas: LayoutCanvas

    static let barHeight = 10.0
    static let barGap = 2.0
    static let rowGap = 12.0
    static var rowHeight: Double { 2 * barHeight + barGap + rowGap }
    static let deltaBarWidth = 120.0
    static let deltaTextWidth = 310.0

    init(diff: TraceDiff, a: Timeline, b: Timeline, options: DiffPictureOptions, measurer: TextMeasurer) {
        self.diff = diff
        self.a = a
        self.b = b
        self.options = options
        let labels = [("whole run (wall time)", FontWeight.bold, 0.0)]
            + diff.tasks.prefix(options.top).map { ($0.identity, FontWeight.regular, 0.0) }
        let gutter = min(max(LayoutCanvas.gutterWidth(for: labels, measurer: measurer) + 24, 150), 320)
        canvas = LayoutCanvas(measurer: measurer, theme: options.theme, width: Double(options.width),
                              gutterWidth: gutter, start: 0, end: 1)
    }

    /// One bar's pieces: (state, nanoseconds), in drawing order.
    typealias Pieces = [(state: LaneState, duration: UInt64)]

    func scene() -> Scene {
        let theme = options.theme
        var y = Metrics.margin
        let title = "weft diff — A: \(diff.a.name) (\(diff.a.schedulerText))  vs  B: \(diff.b.name) (\(diff.b.schedulerText))"
        canvas.builder.add(canvas.text(title, in: canvas.row(y, Metrics.titleRow), size: Metrics.titleSize, weight: .bold,
                                       color: theme.text))
        y += Metrics.titleRow
        canvas.builder.add(canvas.text(factsLine(), in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                       color: theme.secondaryText))
        y += Metrics.factsRow + 4
        y = legend(top: y)
        y += 6

        // Columns: labels | bars (shared duration scale) | change.
        let barsX0 = canvas.gutterX + canvas.gutterWidth + 8
        let deltaX0 = canvas.width - Metrics.margin - Self.deltaTextWidth - Self.deltaBarWidth
        let barsX1 = deltaX0 - 24
        let shown = Array(diff.tasks.prefix(options.top))
        let maxDuration = max(([a.run.wallTime, b.run.wallTime] + shown.flatMap { [$0.metric("lifetime")?.a ?? 0,
                                                                                  $0.metric("lifetime")?.b ?? 0] }).max() ?? 1, 1)
        let scale = TimeScale(start: 0, end: maxDuration, x0: barsX0, x1: barsX1)
        let maxDelta = max(([wallDelta()] + shown.map { $0.metric("lifetime")?.delta?.magnitude ?? 0 }).max() ?? 1, 1)

        // Column headings and the duration axis.
        let heading = Metrics.sectionSize
        canvas.builder.add(canvas.text("task", in: canvas.gutter(y, Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        canvas.builder.add(canvas.text("time by state: A upper bar, B lower bar (one scale)",
                                       in: Rect(x: barsX0, y: y, width: barsX1 - barsX0, height: Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        canvas.builder.add(canvas.text("change in lifetime (B − A), largest first",
                                       in: Rect(x: deltaX0, y: y, width: canvas.width - Metrics.margin - deltaX0,
                                                height: Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        y += Metrics.sectionRow
        let axisTop = y
        y += Metrics.axisRow
        let deltaCentre = deltaX0 + Self.deltaBarWidth / 2
        canvas.builder.add(canvas.text("faster", in: Rect(x: deltaX0, y: axisTop, width: Self.deltaBarWidth / 2 - 4,
                                                          height: Metrics.axisRow),
                                       size: Metrics.axisSize, alignment: .right, color: ChangeColor.faster))
        canvas.builder.add(canvas.text("slower", in: Rect(x: deltaCentre + 4, y: axisTop, width: Self.deltaBarWidth / 2 - 4,
                                                          height: Metrics.axisRow),
                                       size: Metrics.axisSize, color: ChangeColor.slower))

        // The whole run first, then each task.
        let rowsTop = y
        let wallA: Pieces = [(.running, a.run.wallTime)], wallB: Pieces = [(.running, b.run.wallTime)]
        y = row(label: "whole run (wall time)", bold: true, piecesA: wallA, piecesB: wallB, plain: true,
                a: a.run.wallTime, b: b.run.wallTime, note: wallNote(), top: y, scale: scale,
                deltaX0: deltaX0, maxDelta: maxDelta, index: 0)
        for (i, task) in shown.enumerated() {
            let lifetime = task.metric("lifetime")
            y = row(label: task.identity, bold: false, piecesA: pieces(task, a: true), piecesB: pieces(task, a: false),
                    plain: false, a: lifetime?.a ?? 0, b: lifetime?.b ?? 0, note: note(task), top: y, scale: scale,
                    deltaX0: deltaX0, maxDelta: maxDelta, index: i + 1)
        }
        let rowsBottom = y

        // Grid lines and tick labels over the bar column; the centre line of the change column.
        let ticks = TimeTicks(start: 0, end: Double(maxDuration), maxTicks: max(Int((barsX1 - barsX0) / 90), 2))
        for tick in ticks.ticks {
            let x = scale.x(tick.time)
            canvas.builder.add(.line(from: Point(x, rowsTop - 2), to: Point(x, rowsBottom - Self.rowGap / 2),
                                     color: theme.grid, width: 1), to: .grid)
            canvas.builder.add(canvas.text(tick.label, in: Rect(x: x - 40, y: axisTop, width: 80, height: Metrics.axisRow),
                                           size: Metrics.axisSize, alignment: .center, color: theme.secondaryText))
        }
        canvas.builder.add(.line(from: Point(deltaCentre, rowsTop - 2), to: Point(deltaCentre, rowsBottom - Self.rowGap / 2),
                                 color: theme.rule, width: 1), to: .grid)

        y = footer(top: y)
        return canvas.builder.scene(width: canvas.width, height: (y + Metrics.margin).rounded(.up), background: theme.background)
    }

    /// One row: a label, A's bar above B's, and the change bar with its text. Returns the y below it.
    private func row(label: String, bold: Bool, piecesA: Pieces, piecesB: Pieces, plain: Bool, a: UInt64, b: UInt64,
                     note: String, top: Double, scale: TimeScale, deltaX0: Double, maxDelta: UInt64, index: Int) -> Double {
        let theme = options.theme
        let height = Self.rowHeight
        if index % 2 == 1 {
            canvas.builder.add(.rect(Rect(x: Metrics.margin, y: top - Self.rowGap / 2, width: canvas.width - 2 * Metrics.margin,
                                          height: height), fill: theme.laneBand), to: .background)
        }
        let change = ChangeColor.of(a: a, b: b, neutralShare: options.neutralShare)
        // A chip in the change colour, then the label.
        let barsTop = top
        let chip = Rect(x: canvas.gutterX, y: barsTop + Self.barHeight - 5, width: 10, height: 10)
        canvas.builder.add(.rect(chip, fill: change), to: .lanes)
        canvas.builder.add(canvas.text(label, in: Rect(x: chip.maxX + 6, y: barsTop, width: canvas.gutterWidth - 16 - 14,
                                                       height: 2 * Self.barHeight + Self.barGap),
                                       size: Metrics.laneLabelSize, weight: bold ? .bold : .regular, color: theme.text))
        // "A" and "B" beside the bars.
        for (mark, y) in [("A", barsTop), ("B", barsTop + Self.barHeight + Self.barGap)] {
            canvas.builder.add(canvas.text(mark, in: Rect(x: scale.x0 - 14, y: y - 1, width: 12, height: Self.barHeight + 2),
                                           size: Metrics.axisSize - 1, alignment: .right, color: theme.secondaryText))
        }
        for (pieces, y) in [(piecesA, barsTop), (piecesB, barsTop + Self.barHeight + Self.barGap)] {
            var t: UInt64 = 0
            for piece in pieces where piece.duration > 0 {
                let x0 = scale.x(t), x1 = scale.x(t + piece.duration)
                let fill = plain ? theme.rule : Palette.color(of: piece.state)
                canvas.builder.add(.rect(Rect(x: x0, y: y, width: max(x1 - x0, 0.5), height: Self.barHeight), fill: fill),
                                   to: .lanes)
                if !plain { canvas.usedStates.insert(piece.state) }
                t += piece.duration
            }
        }
        // The part of the longer bar beyond the shorter one, outlined in the change colour.
        if a != b && change != ChangeColor.neutral {
            let x0 = scale.x(min(a, b)), x1 = scale.x(max(a, b))
            let y = a > b ? barsTop : barsTop + Self.barHeight + Self.barGap
            canvas.builder.add(.rect(Rect(x: x0, y: y - 1, width: max(x1 - x0, 1), height: Self.barHeight + 2),
                                     fill: change.withAlpha(0.12), stroke: change), to: .holds)
        }
        // The change bar, from the centre line, and its text.
        let centre = deltaX0 + Self.deltaBarWidth / 2
        let delta = Double(b) - Double(a)
        let length = (Self.deltaBarWidth / 2 - 4) * min(abs(delta) / Double(maxDelta), 1)
        let barY = barsTop + Self.barHeight / 2 + Self.barGap / 2
        if length > 0 {
            let x = delta > 0 ? centre : centre - max(length, 1)
            canvas.builder.add(.rect(Rect(x: x, y: barY, width: max(length, 1), height: Self.barHeight), fill: change),
                               to: .lanes)
        }
        let textX = deltaX0 + Self.deltaBarWidth + 8
        canvas.builder.add(canvas.text(note, in: Rect(x: textX, y: barsTop, width: canvas.width - Metrics.margin - textX,
                                                      height: 2 * Self.barHeight + Self.barGap),
                                       size: Metrics.laneLabelSize, weight: change == ChangeColor.neutral ? .regular : .bold,
                                       color: change == ChangeColor.neutral ? theme.secondaryText : change))
        return top + height
    }

    /// A task's time by state in A or B: running, runnable, each block reason, sleeping.
    private func pieces(_ task: TaskDelta, a: Bool) -> Pieces {
        func value(_ m: MetricDelta?) -> UInt64 { (a ? m?.a : m?.b) ?? 0 }
        var out: Pieces = [(.running, value(task.metric("running"))), (.runnable, value(task.metric("runnable")))]
        for r in task.blockedByReason { out.append((Self.laneState(reason: r.name), value(r))) }
        out.append((.sleeping, value(task.metric("sleeping"))))
        return out
    }

    /// The picture's state for a block reason as the diff names it: the timeline's own mapping
    /// (`LaneState.init(_: TaskState)`), except that the diff's flat bars draw a suspension as the join it shares a
    /// colour with (the timeline tells them apart by hatching).
    static func laneState(reason: String) -> LaneState {
        var known: BlockReason?
        for candidate in BlockReason.allCases where candidate.description == reason { known = candidate }
        let state = LaneState(TaskState.blocked(object: ObjectID.none, reason: known))
        return state == .suspended ? .join : state
    }

    /// "+2.20 ms (+183%) · mostly blocked +2.0 ms".
    private func note(_ task: TaskDelta) -> String {
        guard let lifetime = task.metric("lifetime") else { return "" }
        var text = DiffText.signed(lifetime.delta, .nanoseconds) + " (" + DiffText.percent(lifetime.percent, delta: lifetime.delta) + ")"
        let states = task.metrics.filter { $0.key != "lifetime" }
        if let biggest = states.max(by: { ($0.delta?.magnitude ?? 0) < ($1.delta?.magnitude ?? 0) }),
           let d = biggest.delta, d != 0 {
            var name = biggest.name
            if biggest.key == "blocked",
               let reason = task.blockedByReason.max(by: { ($0.delta?.magnitude ?? 0) < ($1.delta?.magnitude ?? 0) }) {
                name = "blocked (\(reason.name))"
            }
            text += " · \(name) \(DiffText.signed(d, .nanoseconds))"
        }
        return text
    }

    private func wallDelta() -> UInt64 { (Int64(clamping: b.run.wallTime) - Int64(clamping: a.run.wallTime)).magnitude }

    private func wallNote() -> String {
        guard let wall = diff.runMetric("wall") else { return "" }
        return DiffText.signed(wall.delta, .nanoseconds) + " (" + DiffText.percent(wall.percent, delta: wall.delta) + ")"
    }

    /// "threads 3 → 101 · peak RSS 12 MiB → 40 MiB · CPU … · 12 tasks matched, 1 added".
    private func factsLine() -> String {
        var parts: [String] = []
        for key in ["threads", "rss", "cpu", "switches"] {
            guard let m = diff.runMetric(key), m.a != nil || m.b != nil else { continue }
            parts.append("\(m.name) \(DiffText.value(m.a, m.unit)) → \(DiffText.value(m.b, m.unit))")
        }
        parts.append("\(diff.tasks.count) tasks matched, \(diff.addedTasks.count) added, \(diff.removedTasks.count) removed")
        return parts.joined(separator: " · ")
    }

    /// The legend: states that were drawn, then the change colours. Returns the y below it.
    private func legend(top: Double) -> Double {
        var entries: [(Color, String)] = []
        let shown = diff.tasks.prefix(options.top)
        var states: [LaneState] = [.running, .runnable]
        let reasons = Set(shown.flatMap { $0.blockedByReason.filter { ($0.a ?? 0) + ($0.b ?? 0) > 0 }.map { Self.laneState(reason: $0.name) } })
        states += [.channel, .mutex, .waitGroup, .join, .condition, .unknown].filter { reasons.contains($0) }
        if shown.contains(where: { ($0.metric("sleeping")?.a ?? 0) + ($0.metric("sleeping")?.b ?? 0) > 0 }) { states.append(.sleeping) }
        let names: [LaneState: String] = [.running: "running", .runnable: "runnable", .channel: "blocked: channel",
                                          .mutex: "blocked: mutex", .waitGroup: "blocked: wait group", .join: "blocked: join",
                                          .condition: "blocked: condition", .unknown: "blocked: unknown", .sleeping: "sleeping"]
        for s in states { entries.append((Palette.color(of: s), names[s] ?? s.description)) }
        let share = DurationFormat.fixed(options.neutralShare * 100, decimals: 0)
        entries.append((ChangeColor.slower, "B slower (by more than \(share)%)"))
        entries.append((ChangeColor.faster, "B faster"))
        entries.append((ChangeColor.neutral, "within \(share)%"))
        let left = Metrics.margin, right = canvas.width - Metrics.margin
        var x = left, y = top
        for (color, label) in entries {
            let need = 16 + 4 + canvas.measurer.width(label, size: Metrics.legendSize) + 14
            if x > left && x + need > right {
                x = left
                y += Metrics.legendRow
            }
            canvas.builder.add(.rect(Rect(x: x, y: y + 4, width: 16, height: Metrics.legendRow - 8), fill: color), to: .legend)
            canvas.builder.add(canvas.text(label, in: Rect(x: x + 20, y: y, width: right - x - 20, height: Metrics.legendRow),
                                           size: Metrics.legendSize, color: options.theme.text), to: .legend)
            x += need
        }
        return y + Metrics.legendRow
    }

    /// What the bars leave out: more tasks, added and removed ones, behaviour. Returns the y below it.
    private func footer(top: Double) -> Double {
        var lines: [String] = []
        let hidden = diff.tasks.count - min(diff.tasks.count, options.top)
        if hidden > 0 { lines.append("\(hidden) more matched task\(hidden == 1 ? "" : "s") changed less (use --top)") }
        if !diff.addedTasks.isEmpty { lines.append("only in B: " + list(diff.addedTasks)) }
        if !diff.removedTasks.isEmpty { lines.append("only in A: " + list(diff.removedTasks)) }
        var behaviour = "behaviour: \(diff.sameBehaviour) task\(diff.sameBehaviour == 1 ? "" : "s") did the same operations, \(diff.divergences.count) differ"
        if let first = diff.divergences.first { behaviour += " (first: \(first.identity) at operation \(first.index + 1))" }
        behaviour += " · message order: \(diff.reorderedChannels.count) channel\(diff.reorderedChannels.count == 1 ? "" : "s") differ"
        lines.append(behaviour)
        var y = top + 2
        for line in lines {
            canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                           color: options.theme.secondaryText))
            y += Metrics.factsRow
        }
        return y
    }

    private func list(_ items: [String]) -> String {
        items.prefix(8).joined(separator: ", ") + (items.count > 8 ? ", … \(items.count - 8) more" : "")
    }
}
