/// The time axis: round tick labels above the lanes and grid lines through them.
enum AxisLayout {
    /// Ticks whose labels do not crowd each other at this scale.
    static func ticks(for scale: TimeScale, measurer: TextMeasurer) -> TimeTicks {
        var maxTicks = max(Int(scale.plotWidth / 70), 2)
        while true {
            let ticks = TimeTicks(start: scale.start, end: scale.end, maxTicks: maxTicks)
            let widest = ticks.ticks.map { measurer.width($0.label, size: Metrics.axisSize) }.max() ?? 0
            let spacing = scale.plotWidth * ticks.step / (scale.end - scale.start)
            if spacing >= widest + 14 || maxTicks <= 2 { return ticks }
            maxTicks -= 1
        }
    }

    static func layout(canvas: LayoutCanvas, labelRow: Double, gridTop: Double, gridBottom: Double) {
        let scale = canvas.scale
        let ticks = ticks(for: scale, measurer: canvas.measurer)
        // Labels may reach half their width past the plot's edges, but never into the gutter or the margin.
        let cell = Rect(x: scale.x0 - 30, y: labelRow, width: canvas.width - 1 - (scale.x0 - 30), height: Metrics.axisRow)
        var lastRight = -Double.infinity
        for tick in ticks.ticks {
            let x = scale.x(tick.time)
            canvas.builder.add(.line(from: Point(x, gridTop), to: Point(x, gridBottom), color: canvas.theme.grid, width: 1),
                               to: .grid)
            canvas.builder.add(.line(from: Point(x, labelRow + Metrics.axisRow - 4), to: Point(x, gridTop),
                                     color: canvas.theme.rule, width: 1), to: .grid)
            let clip = Rect(x: max(cell.x, lastRight + 6), y: cell.y, width: cell.maxX - max(cell.x, lastRight + 6),
                            height: cell.height - 4)
            guard clip.width > 0 else { continue }
            if let label = canvas.text(tick.label, in: clip, x: x, size: Metrics.axisSize, alignment: .center,
                                       color: canvas.theme.secondaryText, minimumCharacters: tick.label.count) {
                canvas.builder.add(label)
                lastRight = label.box.maxX
            }
        }
        canvas.builder.add(.line(from: Point(scale.x0, gridTop), to: Point(scale.x1, gridTop), color: canvas.theme.rule,
                                 width: 1), to: .grid)
    }
}
