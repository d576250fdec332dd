/// The time axis: round tick labels above the lanes and grid lines through them; folded stretches drawn as
/// shaded breaks with a jagged edge on each side.
enum AxisLayout {
    /// Ticks over `start...end`, `width` pixels wide, whose labels do not crowd each other.
    static func ticks(start: Double, end: Double, width: Double, measurer: TextMeasurer) -> TimeTicks {
        var maxTicks = max(Int(width / 70), 1)
        while true {
            let ticks = TimeTicks(start: start, end: end, maxTicks: maxTicks)
            let widest = ticks.ticks.map { measurer.width($0.label, size: Metrics.axisSize) }.max() ?? 0
            let spacing = width * ticks.step / max(end - start, 1)
            if spacing >= widest + 14 || maxTicks <= 1 { return ticks }
            maxTicks -= 1
        }
    }

    /// Ticks for a plain (unfolded) scale.
    static func ticks(for scale: TimeScale, measurer: TextMeasurer) -> TimeTicks {
        ticks(start: scale.start, end: scale.end, width: scale.plotWidth, measurer: measurer)
    }

    static func layout(canvas: LayoutCanvas, labelRow: Double, gridTop: Double, gridBottom: Double) {
        let scale = canvas.scale
        // Labels may reach half their width past the plot's edges, but never into the gutter or the margin.
        let cell = Rect(x: scale.x0 - 30, y: labelRow, width: canvas.width - 1 - (scale.x0 - 30), height: Metrics.axisRow)
        var lastRight = -Double.infinity
        for segment in scale.segments where !segment.folded {
            // Each stretch between folds gets its own round ticks, true to the times they name.
            let ticks = ticks(start: segment.t0, end: segment.t1, width: segment.x1 - segment.x0, measurer: canvas.measurer)
            for tick in ticks.ticks where tick.time >= segment.t0 && tick.time <= segment.t1 {
                let x = segment.x(tick.time)
                let clip = Rect(x: max(cell.x, lastRight + 6), y: cell.y, width: cell.maxX - max(cell.x, lastRight + 6),
                                height: cell.height - 4)
                // A tick whose label cannot be placed is left out entirely, so that no grid line goes unnamed.
                // Centred on its tick, or shifted (still over the tick) where the plot's edge is near.
                let width = canvas.measurer.width(tick.label, size: Metrics.axisSize)
                let left = min(max(x - width / 2, clip.x), clip.maxX - width)
                guard clip.width > 0, left <= x, left + width >= x,
                      let label = canvas.text(tick.label, in: clip, x: left, size: Metrics.axisSize,
                                              color: canvas.theme.secondaryText, minimumCharacters: tick.label.count)
                else { continue }
                canvas.builder.add(.line(from: Point(x, gridTop), to: Point(x, gridBottom), color: canvas.theme.grid, width: 1),
                                   to: .grid)
                canvas.builder.add(.line(from: Point(x, labelRow + Metrics.axisRow - 4), to: Point(x, gridTop),
                                         color: canvas.theme.rule, width: 1), to: .grid)
                canvas.builder.add(label)
                lastRight = label.box.maxX
            }
        }
        canvas.builder.add(.line(from: Point(scale.x0, gridTop), to: Point(scale.x1, gridTop), color: canvas.theme.rule,
                                 width: 1), to: .grid)
        for segment in scale.segments where segment.folded {
            drawBreak(segment, canvas: canvas, top: labelRow + Metrics.axisRow - 6, bottom: gridBottom)
        }
    }

    /// The shaded band of a fold and its two jagged edges, from `top` to `bottom`.
    static func drawBreak(_ segment: TimeScale.Segment, canvas: LayoutCanvas, top: Double, bottom: Double) {
        canvas.builder.add(.rect(Rect(x: segment.x0, y: top, width: segment.x1 - segment.x0, height: bottom - top),
                                 fill: canvas.theme.foldBand), to: .background)
        for x in [segment.x0, segment.x1] {
            var points: [Point] = []
            var y = top
            var left = true
            while y < bottom {
                points.append(Point(x + (left ? -2 : 2), y))
                y = min(y + 5, bottom)
                left.toggle()
            }
            points.append(Point(x + (left ? -2 : 2), bottom))
            canvas.builder.add(.polyline(points, color: canvas.theme.rule, width: 1), to: .grid)
        }
    }
}
