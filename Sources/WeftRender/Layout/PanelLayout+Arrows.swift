import WeftTrace

extension PanelLayout {
    /// Arrows between drawn task lanes; thinned to about one per `Metrics.pixelsPerArrow` pixels per kind.
    func layoutArrows(centers: [TaskID: Double]) {
        guard !timeline.links.isEmpty, !centers.isEmpty else { return }
        let buckets = max(Int(scale.plotWidth / Metrics.pixelsPerArrow), 1)
        let kinds = Link.Kind.allCases.count
        var taken = [Bool](repeating: false, count: buckets * kinds)
        var shown = 0
        var total = 0
        for link in timeline.links where link.fromTask != link.toTask {
            guard scale.overlaps(min(link.fromTime, link.toTime), max(link.fromTime, link.toTime)),
                  let y0 = centers[link.fromTask], let y1 = centers[link.toTask] else { continue }
            total += Int(link.count)
            let x0 = scale.clampedX(link.fromTime)
            let x1 = scale.clampedX(link.toTime)
            let bucket = min(Int((x0 - scale.x0) / scale.plotWidth * Double(buckets)), buckets - 1)
            let slot = max(bucket, 0) * kinds + Int(link.kind.rawValue)
            guard !taken[slot] else { continue }
            taken[slot] = true
            shown += 1
            canvas.usedLinks.insert(link.kind)
            let style = Self.arrowStyle(link.kind, theme: theme)
            // End the arrow at the lane's edge so that its head does not cover the target's bar.
            let edge = y1 > y0 ? y1 - Metrics.taskLane / 2 + 1 : y1 + Metrics.taskLane / 2 - 1
            canvas.builder.add(.arrow(from: Point(x0, y0), to: Point(x1, edge), color: style.color, width: style.width,
                                      head: 4, dash: style.dash), to: .arrows)
        }
        canvas.arrowsShown += shown
        canvas.arrowsTotal += total
    }

    /// How an arrow of each kind is drawn: kinds differ in line style (solid, dotted, dashed, dash-dot), not only
    /// in shade, so that they can be told apart without colour.
    static func arrowStyle(_ kind: Link.Kind, theme: Theme) -> (color: Color, width: Double, dash: [Double]) {
        switch kind {
        case .message: (theme.messageArrow, 1, [])
        case .spawn: (theme.spawnArrow, 1, [1.5, 2])
        case .lock: (theme.lockArrow, 1.2, [5, 3])
        case .wake: (theme.wakeArrow, 1, [6, 2, 1.5, 2])
        }
    }
}
