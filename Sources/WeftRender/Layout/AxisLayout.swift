/// The time axis: round tick labels above the lanes (`AxisTickChoice`) and grid lines through them; folded stretches
/// drawn as narrow shaded breaks with a jagged edge on each side, interrupted where a section's heading runs across.
enum AxisLayout {
    /// Ticks over `start...end` of a plain axis `width` pixels wide, whose labels do not crowd each other.
    static func ticks(start: Double, end: Double, width: Double, measurer: TextMeasurer) -> TimeTicks {
        AxisTickChoice.fitting(start: start, end: end, pixels: width) { measurer.width($0, size: Metrics.axisSize) }.ticks
    }

    /// Lays the axis out over the lanes from `gridTop` to `gridBottom`; the fold breaks leave out the rows in `gaps`
    /// (the section headings), so that their words stay readable.
    static func layout(canvas: LayoutCanvas, labelRow: Double, gridTop: Double, gridBottom: Double,
                       gaps: [ClosedRange<Double>] = []) {
        let scale = canvas.scale
        // Labels may reach half their width past the plot's edges, but never into the gutter or the margin.
        let cell = Rect(x: scale.x0 - 30, y: labelRow, width: canvas.width - 1 - (scale.x0 - 30), height: Metrics.axisRow)
        let choice = AxisTickChoice(scale: scale, row: (cell.x, cell.maxX),
                                    width: { canvas.measurer.width($0, size: Metrics.axisSize) })
        for tick in choice.place() {
            // A tick whose label cannot be placed is left out entirely, so that no grid line goes unnamed.
            let box = Rect(x: tick.left, y: cell.y, width: min(tick.width + 1, cell.maxX - tick.left), height: cell.height - 4)
            guard let label = canvas.text(tick.label, in: box,
                                          x: tick.left, size: Metrics.axisSize, color: canvas.theme.secondaryText,
                                          minimumCharacters: tick.label.count)
            else { continue }
            let x = scale.x(tick.time)
            canvas.builder.add(.line(from: Point(x, gridTop), to: Point(x, gridBottom), color: canvas.theme.grid, width: 1),
                               to: .grid)
            canvas.builder.add(.line(from: Point(x, labelRow + Metrics.axisRow - 4), to: Point(x, gridTop),
                                     color: canvas.theme.rule, width: 1), to: .grid)
            canvas.builder.add(label)
        }
        canvas.builder.add(.line(from: Point(scale.x0, gridTop), to: Point(scale.x1, gridTop), color: canvas.theme.rule,
                                 width: 1), to: .grid)
        let pieces = uncovered(from: labelRow + Metrics.axisRow - 6, to: gridBottom, gaps: gaps)
        for segment in scale.segments where segment.folded {
            for piece in pieces { drawBreak(segment, canvas: canvas, top: piece.lowerBound, bottom: piece.upperBound) }
        }
    }

    /// The stretches of `top...bottom` outside every gap, top to bottom.
    static func uncovered(from top: Double, to bottom: Double, gaps: [ClosedRange<Double>]) -> [ClosedRange<Double>] {
        var pieces: [ClosedRange<Double>] = []
        var y = top
        for gap in gaps.sorted(by: { $0.lowerBound < $1.lowerBound }) where gap.upperBound > y {
            if gap.lowerBound > y { pieces.append(y...min(gap.lowerBound, bottom)) }
            y = max(y, gap.upperBound)
            if y >= bottom { break }
        }
        if y < bottom { pieces.append(y...bottom) }
        return pieces.filter { $0.upperBound - $0.lowerBound >= 1 }
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
            canvas.builder.add(.polyline(points, color: canvas.theme.secondaryText, width: 1.2), to: .grid)
        }
    }
}
