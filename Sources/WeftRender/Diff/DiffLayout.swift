import WeftAnalysis
import WeftTrace

/// Lays out the diff picture: a title, a sentence on how B's wall time compares with A's and why (`DiffVerdict`), what
/// each run ran (program, arguments, scheduler, cores) and the run's figures, a legend, then a row for the whole run
/// and rows for tasks chosen to stand for the distribution of their changes (`DiffRowChoice`), each with the share of
/// A's and B's time in each state as paired bars, each 100% of its own lifetime (written at its right), and the change
/// in lifetime as a bar left (faster) or right (slower) of a centre line, coloured like a differential flame graph.
struct DiffLayout {
    let diff: TraceDiff
    let a: DiffSide
    let b: DiffSide
    let options: DiffPictureOptions
    let canvas: LayoutCanvas
    /// The tasks that get a row.
    let choice: DiffRowChoice

    static let barHeight = 13.0
    static let barGap = 3.0
    static let rowGap = 12.0
    static var rowHeight: Double { 2 * barHeight + barGap + rowGap }
    static let deltaBarWidth = 120.0
    static let deltaTextWidth = 310.0
    /// The column right of the bars that gives each bar's 100%: the lifetime, or the wall time of the whole run.
    static let lifetimeWidth = 92.0
    /// The size of the percentages written on the bars.
    static let shareSize = 9.0
    static let wholeRunLabel = "whole run"

    init(diff: TraceDiff, a: DiffSide, b: DiffSide, options: DiffPictureOptions, measurer: TextMeasurer) {
        self.diff = diff
        self.a = a
        self.b = b
        self.options = options
        choice = DiffRowChoice(tasks: diff.tasks, top: options.top)
        let labels = [(Self.wholeRunLabel, FontWeight.bold, 0.0)]
            + choice.rows.flatMap { [($0.task.identity, FontWeight.regular, 0.0), ($0.rank ?? "", FontWeight.regular, 0.0)] }
        let gutter = min(max(LayoutCanvas.gutterWidth(for: labels, measurer: measurer) + 24, 150), 320)
        canvas = LayoutCanvas(measurer: measurer, theme: options.theme, width: Double(options.width),
                              gutterWidth: gutter, start: 0, end: 1)
    }

    /// One bar's pieces: (state, nanoseconds), in drawing order.
    typealias Pieces = [(state: LaneState, duration: UInt64)]

    func scene() -> Scene {
        let theme = options.theme
        var y = Metrics.margin
        let title = "weft diff — A: \(diff.a.name)  vs  B: \(diff.b.name)"
        canvas.builder.add(canvas.text(title, in: canvas.row(y, Metrics.titleRow), size: Metrics.titleSize, weight: .bold,
                                       color: theme.text))
        y += Metrics.titleRow
        y = TimelineLayout.layoutVerdict(VerdictText(headline: DiffVerdict.sentence(a.figures, b.figures)), canvas: canvas, top: y)
        y = workload(top: y)
        canvas.builder.add(canvas.text(factsLine(), in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                       color: theme.secondaryText))
        y += Metrics.factsRow + 4
        y = legend(top: y)
        y += 2
        let rowsLine = "In each row, \(side("A", diff.a)) is the upper bar and \(side("B", diff.b)) the lower. " + choice.heading
        for line in canvas.measurer.wrap(rowsLine, maxWidth: canvas.row(y, Metrics.factsRow).width, size: Metrics.factsSize) {
            canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize, color: theme.text))
            y += Metrics.factsRow
        }
        y += 6

        // Columns: labels | share bars | lifetime (each bar's 100%) | change.
        let barsX0 = canvas.gutterX + canvas.gutterWidth + 8
        let deltaX0 = canvas.width - Metrics.margin - Self.deltaTextWidth - Self.deltaBarWidth
        let lifetimeX0 = deltaX0 - 24 - Self.lifetimeWidth
        let barsX1 = lifetimeX0 - 8
        let shown = choice.rows.map(\.task)
        let maxDelta = max(([wallDelta()] + shown.map { $0.metric("lifetime")?.delta?.magnitude ?? 0 }).max() ?? 1, 1)

        // Column headings, and under them what a bar's length means: no time axis, a share.
        let heading = Metrics.sectionSize
        canvas.builder.add(canvas.text("task", in: canvas.gutter(y, Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        canvas.builder.add(canvas.text("share of task time in each state: A upper bar, B lower bar",
                                       in: Rect(x: barsX0, y: y, width: barsX1 - barsX0, height: Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        canvas.builder.add(canvas.text("lifetime", in: Rect(x: lifetimeX0, y: y, width: Self.lifetimeWidth, height: Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        canvas.builder.add(canvas.text("change in lifetime (B − A)",
                                       in: Rect(x: deltaX0, y: y, width: canvas.width - Metrics.margin - deltaX0,
                                                height: Metrics.sectionRow),
                                       size: heading, weight: .bold, color: theme.text))
        y += Metrics.sectionRow
        let axisTop = y
        y += Metrics.axisRow
        canvas.builder.add(canvas.text("each bar is one task's whole lifetime; whole run: the matched tasks' task-time added up",
                                       in: Rect(x: barsX0, y: axisTop, width: barsX1 - barsX0, height: Metrics.axisRow),
                                       size: Metrics.axisSize, color: theme.secondaryText))
        canvas.builder.add(canvas.text("= a bar's 100%", in: Rect(x: lifetimeX0, y: axisTop, width: Self.lifetimeWidth,
                                                            height: Metrics.axisRow),
                                       size: Metrics.axisSize, color: theme.secondaryText))
        let deltaCentre = deltaX0 + Self.deltaBarWidth / 2
        canvas.builder.add(canvas.text("faster", in: Rect(x: deltaX0, y: axisTop, width: Self.deltaBarWidth / 2 - 4,
                                                          height: Metrics.axisRow),
                                       size: Metrics.axisSize, alignment: .right, color: ChangeColor.faster))
        canvas.builder.add(canvas.text("slower", in: Rect(x: deltaCentre + 4, y: axisTop, width: Self.deltaBarWidth / 2 - 4,
                                                          height: Metrics.axisRow),
                                       size: Metrics.axisSize, color: ChangeColor.slower))

        // The whole run first, then each task.
        let columns = Columns(barsX0: barsX0, barsX1: barsX1, lifetimeX0: lifetimeX0, deltaX0: deltaX0, maxDelta: maxDelta)
        let rowsTop = y
        y = row(label: Self.wholeRunLabel, bold: true, piecesA: allTasks(a: true), piecesB: allTasks(a: false),
                a: a.figures.wallTime, b: b.figures.wallTime, lengthWord: "wall ", note: wallNote(), top: y, columns: columns, index: 0)
        if let parts = wallPartsLine() {
            // What the wall time holds besides main's lifetime (the next rows' main), said under the whole run's row.
            for line in canvas.measurer.wrap(parts, maxWidth: canvas.width - Metrics.margin - barsX0, size: Metrics.axisSize) {
                canvas.builder.add(canvas.text(line, in: Rect(x: barsX0, y: y - Self.rowGap / 2, width: canvas.width - Metrics.margin - barsX0,
                                                              height: Metrics.sectionWrapRow),
                                               size: Metrics.axisSize, color: theme.secondaryText))
                y += Metrics.sectionWrapRow
            }
            y += 2
        }
        for (i, chosen) in choice.rows.enumerated() {
            let task = chosen.task
            let lifetime = task.metric("lifetime")
            y = row(label: task.identity, rank: chosen.rank, bold: false, piecesA: pieces(task, a: true), piecesB: pieces(task, a: false),
                    a: lifetime?.a ?? 0, b: lifetime?.b ?? 0, lengthWord: "", note: note(task), top: y, columns: columns,
                    index: i + 1)
        }
        let rowsBottom = y

        // The centre line of the change column.
        canvas.builder.add(.line(from: Point(deltaCentre, rowsTop - 2), to: Point(deltaCentre, rowsBottom - Self.rowGap / 2),
                                 color: theme.rule, width: 1), to: .grid)

        y = footer(top: y)
        return canvas.builder.scene(width: canvas.width, height: (y + Metrics.margin).rounded(.up), background: theme.background)
    }

    /// Where a row's parts go across the picture.
    struct Columns {
        var barsX0: Double
        var barsX1: Double
        var lifetimeX0: Double
        var deltaX0: Double
        /// The largest change drawn: the change bars' full length.
        var maxDelta: UInt64
    }

    /// "A (multiplexed)", or "A" when the run did not record its scheduler.
    private func side(_ mark: String, _ run: RunLabel) -> String {
        run.scheduler.isEmpty ? mark : "\(mark) (\(run.scheduler))"
    }

    /// One row: a label (under what the row stands for, when it is one of a sample: "median"), A's share bar above
    /// B's with what 100% of each is, and the change bar with its text. Returns the y below it.
    private func row(label: String, rank: String? = nil, bold: Bool, piecesA: Pieces, piecesB: Pieces, a: UInt64, b: UInt64, lengthWord: String,
                     note: String, top: Double, columns: Columns, index: Int) -> Double {
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
        let labelWidth = canvas.gutterWidth - 16 - 14
        if let rank {
            // Two lines in the height of the two bars: what the row stands for, small, above the task's name.
            canvas.builder.add(canvas.text(rank, in: Rect(x: chip.maxX + 6, y: barsTop - 1, width: labelWidth, height: 14),
                                           size: Metrics.axisSize, color: theme.secondaryText))
            canvas.builder.add(canvas.text(label, in: Rect(x: chip.maxX + 6, y: barsTop + 13, width: labelWidth, height: 17),
                                           size: Metrics.laneLabelSize, weight: bold ? .bold : .regular, color: theme.text))
        } else {
            canvas.builder.add(canvas.text(label, in: Rect(x: chip.maxX + 6, y: barsTop, width: labelWidth,
                                                           height: 2 * Self.barHeight + Self.barGap),
                                           size: Metrics.laneLabelSize, weight: bold ? .bold : .regular, color: theme.text))
        }
        for (mark, pieces, length, y) in [("A", piecesA, a, barsTop), ("B", piecesB, b, barsTop + Self.barHeight + Self.barGap)] {
            canvas.builder.add(canvas.text(mark, in: Rect(x: columns.barsX0 - 14, y: y, width: 12, height: Self.barHeight),
                                           size: Metrics.axisSize - 1, alignment: .right, color: theme.secondaryText))
            shareBar(pieces, in: Rect(x: columns.barsX0, y: y, width: columns.barsX1 - columns.barsX0, height: Self.barHeight))
            canvas.builder.add(canvas.text(lengthWord + DurationFormat.format(length),
                                           in: Rect(x: columns.lifetimeX0, y: y, width: Self.lifetimeWidth, height: Self.barHeight),
                                           size: Metrics.axisSize, color: theme.secondaryText))
        }
        // The change bar, from the centre line, and its text.
        let centre = columns.deltaX0 + Self.deltaBarWidth / 2
        let delta = Double(b) - Double(a)
        let length = (Self.deltaBarWidth / 2 - 4) * min(abs(delta) / Double(columns.maxDelta), 1)
        let barY = barsTop + Self.barHeight / 2 + Self.barGap / 2
        if length > 0 {
            let x = delta > 0 ? centre : centre - max(length, 1)
            canvas.builder.add(.rect(Rect(x: x, y: barY, width: max(length, 1), height: Self.barHeight), fill: change),
                               to: .lanes)
        }
        let textX = columns.deltaX0 + Self.deltaBarWidth + 8
        canvas.builder.add(canvas.text(note, in: Rect(x: textX, y: barsTop, width: canvas.width - Metrics.margin - textX,
                                                      height: 2 * Self.barHeight + Self.barGap),
                                       size: Metrics.laneLabelSize, weight: change == ChangeColor.neutral ? .regular : .bold,
                                       color: change == ChangeColor.neutral ? theme.secondaryText : change))
        return top + height
    }

    /// A bar that is 100% of its pieces, not a time axis: framed, each state's share its width with a gap between
    /// shares, and its percentage written on it where it fits.
    private func shareBar(_ pieces: Pieces, in box: Rect) {
        let theme = options.theme
        canvas.builder.add(.rect(Rect(x: box.x - 1, y: box.y - 1, width: box.width + 2, height: box.height + 2),
                                 fill: theme.background, stroke: theme.rule), to: .lanes)
        let total = pieces.reduce(UInt64(0)) { $0 &+ $1.duration }
        guard total > 0 else { return }
        var done: UInt64 = 0
        for piece in pieces where piece.duration > 0 {
            let x0 = box.x + box.width * Double(done) / Double(total)
            done &+= piece.duration
            let x1 = box.x + box.width * Double(done) / Double(total)
            // A hairline of background between shares, so that neighbours read as parts of one whole.
            let right = done == total ? x1 : max(x1 - 1, x0 + 0.5)
            let fill = Palette.color(of: piece.state)
            canvas.builder.add(.rect(Rect(x: x0, y: box.y, width: max(right - x0, 0.5), height: box.height), fill: fill),
                               to: .lanes)
            canvas.usedStates.insert(piece.state)
            let text = Self.shareText(piece.duration, of: total)
            if canvas.measurer.width(text, size: Self.shareSize) + 4 <= right - x0 {
                canvas.builder.add(canvas.text(text, in: Rect(x: x0, y: box.y, width: right - x0, height: box.height),
                                               size: Self.shareSize, alignment: .center, color: theme.textColor(on: fill)),
                                   to: .labels)
            }
        }
    }

    /// "42%", "<1%", ">99%", "100%": a share as written on a bar (a share beside others is never "100%").
    static func shareText(_ part: UInt64, of total: UInt64) -> String {
        let percent = Double(part) * 100 / Double(max(total, 1))
        if percent > 0 && percent < 0.5 { return "<1%" }
        if part < total && percent >= 99.5 { return ">99%" }
        return DurationFormat.fixed(percent, decimals: 0) + "%"
    }

    /// The matched tasks' time by state added up, in A or B, in the order of a task's bar.
    private func allTasks(a: Bool) -> Pieces {
        var order: [LaneState] = []
        var sums: [LaneState: UInt64] = [:]
        for task in diff.tasks {
            for piece in pieces(task, a: a) {
                if sums[piece.state] == nil { order.append(piece.state) }
                sums[piece.state, default: 0] &+= piece.duration
            }
        }
        // Sleeping last, as in a task's bar.
        order = order.filter { $0 != .sleeping } + order.filter { $0 == .sleeping }
        return order.map { ($0, sums[$0] ?? 0) }
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

    /// The kinds of change the rows draw (whole run first, then each chosen task), each colour once: what the
    /// legend lists, and nothing else.
    func drawnChanges() -> [Color] {
        var lifetimes = [(a.figures.wallTime, b.figures.wallTime)]
        lifetimes += choice.rows.map { ($0.task.metric("lifetime")?.a ?? 0, $0.task.metric("lifetime")?.b ?? 0) }
        let drawn = Set(lifetimes.map { ChangeColor.of(a: $0.0, b: $0.1, neutralShare: options.neutralShare) })
        return [ChangeColor.slower, ChangeColor.faster, ChangeColor.neutral].filter { drawn.contains($0) }
    }

    /// "wall time = before main + main's lifetime + after main ended (the run's end: …) · A: 0.93 ms + 104 ms +
    /// 0.41 ms · B: 1.90 ms + 141 ms + 6.75 ms": what each run's wall time holds besides its main task
    /// (`WallTimeParts`); nil when a run has no main task that ended.
    func wallPartsLine() -> String? {
        guard let pa = a.wallParts, let pb = b.wallParts else { return nil }
        func parts(_ p: WallTimeParts) -> String {
            [p.beforeMain, p.main, p.afterMain].map { DurationFormat.format($0) }.joined(separator: " + ")
        }
        return "wall time = start-up before main + main's lifetime + the run's end after main returned (its threads "
            + "joined, the timer stopped) · A: \(parts(pa)) · B: \(parts(pb))"
    }

    private func wallDelta() -> UInt64 { (Int64(clamping: b.figures.wallTime) - Int64(clamping: a.figures.wallTime)).magnitude }

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
        parts.append("\(Format.plural(diff.tasks.count, "task")) matched, \(Format.count(diff.addedTasks.count)) added, \(Format.count(diff.removedTasks.count)) removed")
        return parts.joined(separator: " · ")
    }

    /// The legend: states that were drawn, then the change colours. Returns the y below it.
    private func legend(top: Double) -> Double {
        var entries: [(Color, String)] = []
        let shown = choice.rows.map(\.task)
        var states: [LaneState] = [.running, .runnable]
        let reasons = Set(shown.flatMap { $0.blockedByReason.filter { ($0.a ?? 0) + ($0.b ?? 0) > 0 }.map { Self.laneState(reason: $0.name) } })
        states += [.channel, .mutex, .waitGroup, .join, .condition, .unknown].filter { reasons.contains($0) }
        if shown.contains(where: { ($0.metric("sleeping")?.a ?? 0) + ($0.metric("sleeping")?.b ?? 0) > 0 }) { states.append(.sleeping) }
        let names: [LaneState: String] = [.running: "running", .runnable: "runnable", .channel: "blocked: channel",
                                          .mutex: "blocked: mutex", .waitGroup: "blocked: wait group", .join: "blocked: join",
                                          .condition: "blocked: condition", .unknown: "blocked: unknown", .sleeping: "sleeping"]
        for s in states { entries.append((Palette.color(of: s), names[s] ?? s.description)) }
        let share = DurationFormat.fixed(options.neutralShare * 100, decimals: 0)
        let changeNames = [ChangeColor.slower: "B slower (by more than \(share)%)",
                           ChangeColor.faster: "B faster (by more than \(share)%)", ChangeColor.neutral: "within \(share)%"]
        for color in drawnChanges() { entries.append((color, changeNames[color] ?? "")) }
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
        if let hidden = choice.hiddenLine { lines.append(hidden) }
        if !diff.addedTasks.isEmpty { lines.append("only in B: " + list(diff.addedTasks)) }
        if !diff.removedTasks.isEmpty { lines.append("only in A: " + list(diff.removedTasks)) }
        var behaviour = "behaviour: \(Format.plural(diff.sameBehaviour, "task")) did the same operations, \(Format.count(diff.divergences.count)) differ"
        if let first = diff.divergences.first { behaviour += " (first: \(first.identity) at operation \(first.index + 1))" }
        behaviour += " · message order: \(diff.reorderedChannels.count) channel\(diff.reorderedChannels.count == 1 ? "" : "s") differ"
        lines.append(behaviour)
        if let joined = joinedLine() {
            lines += canvas.measurer.wrap(joined, maxWidth: canvas.row(top, Metrics.factsRow).width, size: Metrics.factsSize)
        }
        var y = top + 2
        for line in lines {
            canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                           color: options.theme.secondaryText))
            y += Metrics.factsRow
        }
        return y
    }

    /// "over the picture's budget of 2,000,000 pieces, lanes are joined per time cell (A: 12,013,298 events, 32.8 µs
    /// cells; B: …): the verdict's task creation, start-ups, hand-offs, stalls and core use are close, not exact; …"
    /// (what `PictureDetail` approximates); nil when both runs' models kept every piece.
    func joinedLine() -> String? {
        let joined = [("A", a), ("B", b)].filter { $0.1.joinedCell > 0 }
        guard !joined.isEmpty else { return nil }
        let runs = joined.map { "\($0.0): \(Format.count($0.1.facts.eventCount)) events, \(DurationFormat.format($0.1.joinedCell)) cells" }
        return "over the picture's budget of \(Format.count(PictureDetail().budget)) pieces, lanes are joined per time cell ("
            + runs.joined(separator: "; ") + "): the verdict's task creation, start-ups, hand-offs, stalls and core use "
            + "are close, not exact; the bars, wall times, tasks, threads and memory are exact"
    }

    private func list(_ items: [String]) -> String {
        items.prefix(8).joined(separator: ", ") + (items.count > 8 ? ", … \(items.count - 8) more" : "")
    }
}
