import WeftTrace

extension PanelLayout {
    /// Mutex lanes: the holds in the holder's colour (labelled when wide enough) and a red strip where tasks wait. A
    /// read-write mutex's writers fill the bar; its readers fill the lower half, each in its own colour.
    func layoutLocks(top: Double) -> Double {
        var y = top
        var holdLOD = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        var waitLOD = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        let names = taskLabels
        let height = Metrics.lockLane
        for (index, lock) in lanes.shownLocks.enumerated() {
            laneFrame(index: index, label: LaneSelection.lockLabel(lock), top: y, height: height)
            holdLOD.reset()
            for hold in lock.holds where scale.overlaps(hold.start, hold.end) {
                holdLOD.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: Int(truncatingIfNeeded: hold.task.rawValue))
            }
            let bar = Rect(x: 0, y: y + 2, width: 0, height: height - 7)
            for piece in holdLOD.columnPieces() + holdLOD.wide {
                drawTaskPiece(piece, bar: bar, names: names)
            }
            if !lock.readHolds.isEmpty {
                holdLOD.reset()
                for hold in lock.readHolds where scale.overlaps(hold.start, hold.end) {
                    holdLOD.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: Int(truncatingIfNeeded: hold.task.rawValue))
                }
                let half = (height - 7) / 2
                let readBar = Rect(x: 0, y: y + 2 + half, width: 0, height: half)
                for piece in holdLOD.columnPieces() + holdLOD.wide {
                    drawTaskPiece(piece, bar: readBar, names: [:])
                }
            }
            waitLOD.reset()
            for wait in lock.waits where scale.overlaps(wait.start, wait.end) {
                waitLOD.add(scale.clampedX(wait.start), scale.clampedX(wait.end), key: 0)
            }
            let waiting = Palette.color(of: .mutex)
            for piece in waitLOD.columnPieces() + waitLOD.wide {
                canvas.drewLockWait = true
                canvas.builder.add(.rect(Rect(x: piece.x0, y: y + height - 4, width: max(piece.x1 - piece.x0, 1), height: 3),
                                         fill: waiting.withAlpha(0.3 + 0.7 * piece.coverage)), to: .holds)
            }
            y += height + Metrics.laneGap
        }
        return y
    }
}
