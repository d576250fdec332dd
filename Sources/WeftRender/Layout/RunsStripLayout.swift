import WeftAnalysis

/// The runs strip of a contrast picture whose runs were repeated: under the verdict, one row per scheduler (named and
/// ordered as the panels) on one shared wall-time scale, every run's wall time a dot, the lowest – highest a bar, the
/// median marked and labelled and the drawn (median) run ringed, and for a tie the overlap of the two ranges shaded.
/// Its caption says only what those marks are: what the runs show is the verdict's, said once above the strip (the
/// panels below draw one run each, the strip all of them). Runs too close together to draw apart are written instead.
enum RunsStripLayout {
    /// One row's scheduler and runs.
    struct Row {
        var name: String
        var runs: WallTimeRuns
    }

    /// The horizontal scale: `start...end` ns over `x0...x1` pixels (`start` is 0: the one rule of every strip).
    struct Scale {
        var start: Double
        var end: Double
        var x0: Double
        var x1: Double

        func x(_ nanoseconds: UInt64) -> Double {
            x0 + (Double(nanoseconds) - start) / max(end - start, 1) * (x1 - x0)
        }
    }

    /// Row height, the range bar's thickness, a run's dot and the ring around the drawn run.
    static let rowHeight = 20.0
    static let barHeight = 6.0
    static let dotSize = 7.0
    static let ringSize = 15.0
    /// The shading where the two ranges overlap (for a tie).
    static let overlapFill = Color(hex: 0x009E73, alpha: 0.18)

    /// The rows to draw: the panels' schedulers with their runs, when both were run more than once; else none.
    static func rows(names: [String], runs: [WallTimeRuns]?) -> [Row]? {
        guard let runs, runs.count == 2, names.count == 2, runs.allSatisfy({ $0.count > 1 }) else { return nil }
        return zip(names, runs).map { Row(name: $0, runs: $1) }
    }

    /// "Wall time of each of 5 runs (scale from 0): a dot per run, a bar from the lowest to the highest, a tick at the
    /// median · ringed: the median run, drawn in the panels below · shaded: where the two ranges overlap". Only what
    /// the strip's marks are: what the runs show (a tie, a difference, two groups) is the verdict's to say, once.
    static func caption(_ rows: [Row]) -> String {
        let counts = rows.map(\.runs.count)
        let each = counts[0] == counts[1] ? Format.count(counts[0]) : "\(Format.count(counts[0])) and \(Format.count(counts[1]))"
        var parts = ["Wall time of each of \(each) runs (scale from 0): a dot per run, a bar from the lowest to the "
                     + "highest, a tick at the median", "ringed: the median run, drawn in the panels below"]
        if let comparison = WallTimeComparison(rows[0].runs, rows[1].runs), shadesOverlap(comparison) {
            parts.append("shaded: where the two ranges overlap")
        }
        return parts.joined(separator: " · ")
    }

    /// Whether every run of both rows falls within a ring's width on the scale from 0 (numbers: ten runs of 502 ms
    /// within 1.6 ms): the marks would all draw one spot at the right of an empty scale, so the strip writes the rows'
    /// figures without a scale.
    static func collapses(_ rows: [Row], scale: Scale) -> Bool {
        let low = rows.map(\.runs.spread.low).min() ?? 0, high = rows.map(\.runs.spread.high).max() ?? 0
        return scale.x(high) - scale.x(low) < ringSize
    }

    /// The caption of a strip whose runs `collapses`: "Wall time of each of 5 runs: all 10 within 502.04 ms – 503.68
    /// ms, too close together to draw apart on a scale from 0 · the median run is the one drawn in the panels below".
    static func collapsedCaption(_ rows: [Row]) -> String {
        let counts = rows.map(\.runs.count)
        let each = counts[0] == counts[1] ? Format.count(counts[0]) : "\(Format.count(counts[0])) and \(Format.count(counts[1]))"
        // Spelled with the digits the median labels use for the same figures.
        let figures = rows.flatMap { [$0.runs.spread.low, $0.runs.spread.median, $0.runs.spread.high] }
        let texts = DurationFormat.distinct(figures)
        let low = figures.indices.min { figures[$0] < figures[$1] } ?? 0, high = figures.indices.max { figures[$0] < figures[$1] } ?? 0
        return "Wall time of each of \(each) runs: all \(Format.count(counts[0] + counts[1])) within \(texts[low]) – \(texts[high]), "
            + "too close together to draw apart on a scale from 0 · the median run is the one drawn in the panels below"
    }

    /// Whether the strip shades where the two ranges overlap: for a tie whose runs interleave, the picture of why.
    /// A difference is not shaded, even when one stray run makes the ranges overlap.
    static func shadesOverlap(_ comparison: WallTimeComparison) -> Bool { comparison.isTie && comparison.rangesOverlap }

    /// "median 2.36 ms (2.15 ms – 3.52 ms)" for each row: the compare table's wall-time cells after the word median,
    /// written as the table writes them (`Spread.texts`), so that values that differ print differently.
    static func labels(_ rows: [Row]) -> [String] {
        Spread.texts(rows.map(\.runs.spread), DurationFormat.distinct).map { "median " + ($0 ?? "") }
    }

    /// The scale over the plot's width less room for the labels: from 0 to the longest run, for every strip, so that
    /// lengths and their ratios read true (a 2% difference looks like 2%, and two strips read alike); the median
    /// labels give the figures a zoomed scale would.
    static func scale(_ rows: [Row], canvas: LayoutCanvas, labelRoom: Double) -> Scale {
        let high = Double(max(rows.map(\.runs.spread.high).max() ?? 1, 1))
        let x0 = canvas.scale.x0, x1 = max(canvas.scale.x1 - labelRoom, x0 + 100)
        return Scale(start: 0, end: high * 1.02, x0: x0, x1: x1)
    }

    /// Draws the strip from `top` when `runs` holds several runs of both schedulers; returns the y below it (`top`
    /// when nothing was drawn).
    static func layout(names: [String], runs: [WallTimeRuns]?, canvas: LayoutCanvas, top: Double) -> Double {
        guard let rows = rows(names: names, runs: runs) else { return top }
        let theme = canvas.theme
        let labels = Self.labels(rows)
        let labelRoom = (labels.map { canvas.measurer.width($0, size: Metrics.laneLabelSize) }.max() ?? 0) + 20
        let scale = scale(rows, canvas: canvas, labelRoom: labelRoom)
        let collapsed = collapses(rows, scale: scale)
        var y = top
        for line in canvas.measurer.wrap(collapsed ? collapsedCaption(rows) : caption(rows), maxWidth: canvas.row(y, Metrics.factsRow).width,
                                         size: Metrics.factsSize) {
            canvas.builder.add(canvas.text(line, in: canvas.row(y, Metrics.factsRow), size: Metrics.factsSize,
                                           color: theme.secondaryText))
            y += Metrics.factsRow
        }
        y += 2
        if collapsed { return layoutFigures(rows, labels: labels, canvas: canvas, top: y) }
        let rowsTop = y
        // The first row banded, as lanes are, to guide the eye along it.
        canvas.builder.add(.rect(Rect(x: canvas.gutterX, y: y, width: scale.x1 + labelRoom - canvas.gutterX,
                                      height: rowHeight), fill: theme.laneBand), to: .background)
        // Where both ranges reach, shaded across both rows, when the runs are a tie.
        let (a, b) = (rows[0].runs.spread, rows[1].runs.spread)
        if let comparison = WallTimeComparison(rows[0].runs, rows[1].runs), shadesOverlap(comparison) {
            let from = scale.x(max(a.low, b.low)), to = scale.x(min(a.high, b.high))
            let width = max(to - from, 2)
            canvas.builder.add(.rect(Rect(x: (from + to) / 2 - width / 2, y: rowsTop, width: width,
                                          height: rowHeight * Double(rows.count)), fill: overlapFill), to: .background)
        }
        for (row, label) in zip(rows, labels) {
            canvas.builder.add(canvas.text(row.name, in: canvas.gutter(y, rowHeight), size: Metrics.laneLabelSize,
                                           color: theme.text))
            let middle = y + rowHeight / 2
            let spread = row.runs.spread
            let (low, high) = (scale.x(spread.low), scale.x(spread.high))
            canvas.builder.add(.rect(Rect(x: low, y: middle - barHeight / 2, width: max(high - low, 1), height: barHeight),
                                     fill: theme.rule.withAlpha(0.45)), to: .lanes)
            for wall in row.runs.walls {
                canvas.builder.add(.marker(.circle, center: Point(scale.x(wall), middle), size: dotSize,
                                           color: theme.text.withAlpha(0.6)), to: .markers)
            }
            let median = scale.x(spread.median)
            canvas.builder.add(.marker(.bar, center: Point(median, middle), size: rowHeight - 4, color: theme.text),
                               to: .markers)
            let drawn = scale.x(row.runs.walls[row.runs.drawn])
            canvas.builder.add(.marker(.ring, center: Point(drawn, middle), size: ringSize, color: theme.text),
                               to: .markers)
            canvas.builder.add(canvas.text(label, in: Rect(x: high + 10, y: y, width: canvas.width - Metrics.margin - high - 10,
                                                           height: rowHeight),
                                           size: Metrics.laneLabelSize, color: theme.text))
            y += rowHeight
        }
        y = layoutAxis(scale, canvas: canvas, top: y)
        return y + 10
    }

    /// The rows of a strip whose runs `collapses`: each scheduler's name and its median label, without marks or axis.
    static func layoutFigures(_ rows: [Row], labels: [String], canvas: LayoutCanvas, top: Double) -> Double {
        var y = top
        canvas.builder.add(.rect(Rect(x: canvas.gutterX, y: y, width: canvas.scale.x1 - canvas.gutterX, height: rowHeight),
                                 fill: canvas.theme.laneBand), to: .background)
        for (row, label) in zip(rows, labels) {
            canvas.builder.add(canvas.text(row.name, in: canvas.gutter(y, rowHeight), size: Metrics.laneLabelSize,
                                           color: canvas.theme.text))
            canvas.builder.add(canvas.text(label, in: Rect(x: canvas.scale.x0, y: y, width: canvas.scale.x1 - canvas.scale.x0,
                                                           height: rowHeight),
                                           size: Metrics.laneLabelSize, color: canvas.theme.text))
            y += rowHeight
        }
        return y + 10
    }

    /// The strip's own time axis under its rows: a rule with round ticks; returns the y below it.
    static func layoutAxis(_ scale: Scale, canvas: LayoutCanvas, top: Double) -> Double {
        let theme = canvas.theme
        canvas.builder.add(.line(from: Point(scale.x0, top), to: Point(scale.x1, top), color: theme.rule, width: 1),
                           to: .grid)
        let ticks = AxisLayout.ticks(start: scale.start, end: scale.end, width: scale.x1 - scale.x0,
                                     measurer: canvas.measurer)
        for tick in ticks.ticks where tick.time >= scale.start && tick.time <= scale.end {
            let x = scale.x(UInt64(tick.time))
            canvas.builder.add(.line(from: Point(x, top), to: Point(x, top + 4), color: theme.rule, width: 1), to: .grid)
            let width = canvas.measurer.width(tick.label, size: Metrics.axisSize)
            canvas.builder.add(canvas.text(tick.label, in: Rect(x: x - width / 2 - 1, y: top + 3, width: width + 2,
                                                                height: Metrics.axisRow - 4),
                                           size: Metrics.axisSize, color: theme.secondaryText,
                                           minimumCharacters: tick.label.count))
        }
        return top + Metrics.axisRow
    }
}
