import WeftAnalysis

extension PanelLayout {
    /// A small track per sampled counter (resident memory, OS threads alive) under the lanes, as a filled step line.
    /// Each track's scale starts at zero, so heights are proportional to the values, and both panels of a contrast
    /// picture share it, so their heights compare. Returns the y below.
    func layoutCounters(top: Double) -> Double {
        var y = section("Counters", detail: "memory sampled every millisecond · scale from 0, the same in every panel", top: top)
        for (index, counter) in timeline.counters.enumerated() {
            let height = Metrics.counterTrack
            let name = counter.kind == .residentBytes ? "resident memory" : "scheduler threads"
            laneFrame(index: index, label: name, top: y, height: height)
            let highest = canvas.counterRanges[counter.kind]?.1 ?? counter.peak
            let (bottom, top): (UInt64, UInt64) = (0, max(highest, 1))
            let area = Rect(x: scale.x0, y: y + 3, width: scale.plotWidth, height: height - 6)
            canvas.builder.add(.line(from: Point(area.x, area.maxY), to: Point(area.maxX, area.maxY), color: theme.grid,
                                     width: 1), to: .grid)
            let color = counter.kind == .residentBytes ? Palette.counterMemory : Palette.counterThreads
            var outline: [Point] = []
            var lastX = -Double.infinity
            // From zero to the highest value over every panel: a track that started at the lowest value made a 1 %
            // step in memory look like a doubling.
            func level(_ v: UInt64) -> Double {
                area.maxY - 2 - (area.height - 2) * Double(v > bottom ? v - bottom : 0) / Double(top - bottom)
            }
            for (i, point) in counter.points.enumerated() where scale.overlaps(point.time, point.time) || i == 0 {
                let x = scale.clampedX(point.time)
                // One step per pixel at most.
                if x - lastX < 1, !outline.isEmpty {
                    outline[outline.count - 1].y = min(outline[outline.count - 1].y, level(point.value))
                    continue
                }
                if let last = outline.last { outline.append(Point(x, last.y)) } else { outline.append(Point(x, area.maxY)) }
                outline.append(Point(x, level(point.value)))
                lastX = x
            }
            guard let last = outline.last else { y += height + Metrics.laneGap; continue }
            let endX = scale.clampedX(timeline.facts.axisEnd)
            outline.append(Point(max(endX, last.x), last.y))
            outline.append(Point(max(endX, last.x), area.maxY))
            canvas.builder.add(.polyline(outline, color: color, width: 1, fill: color.withAlpha(0.35)), to: .lanes)
            let peak = counter.kind == .residentBytes ? ByteFormat.format(counter.peak) : Format.count(Int(counter.peak))
            func spell(_ v: UInt64) -> String { counter.kind == .residentBytes ? ByteFormat.format(v) : Format.count(Int(v)) }
            // "Highest sample": the panel's header gives the process's peak RSS from the OS, which also counts the
            // moments between samples and so can be a little higher; the note says so, so that the two figures do not
            // read as a contradiction, and the scale reaches that peak.
            let note = (counter.kind == .residentBytes
                        ? "highest sample \(peak) (the header's peak RSS is the OS's, between samples too)"
                        : "most at once \(peak)")
                + " · scale 0 – \(spell(highest))"
            let width = canvas.measurer.width(note, size: Metrics.axisSize)
            if let text = canvas.text(note, in: Rect(x: area.maxX - width - 4, y: y, width: width + 4, height: height / 2 + 2),
                                      size: Metrics.axisSize, color: theme.text) {
                // On a backing of the page's colour: over a full track the note was drawn on the fill and hard to read.
                canvas.builder.add(.rect(text.box.insetBy(dx: -2, dy: -1), fill: theme.background.withAlpha(0.85)), to: .labels)
                canvas.builder.add(text, to: .labels)
            }
            canvas.drewCounters = true
            y += height + Metrics.laneGap
        }
        return y
    }
}
