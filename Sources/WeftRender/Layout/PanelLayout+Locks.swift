import WeftTrace

extension PanelLayout {
    /// Lock lanes: the holds in the holder's colour (labelled when wide enough) and a red strip where tasks wait. A
    /// read-write mutex's writers fill the bar, its readers the lower half, each in its own colour; a semaphore's
    /// permit holders fill the bar (labelled when wide enough).
    func layoutLocks(top: Double) -> Double {
        var y = top
        var holdLOD = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        var waitLOD = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        let names = taskLabels
        for (index, lock) in lanes.shownLocks.enumerated() {
            // A semaphore's holders overlap up to its permits: one row for each permit in use at once.
            let permitRows = lock.kind == .semaphore ? Self.permitRows(lock.readHolds) : []
            let height = Metrics.lockLane + Metrics.permitRow * Double(max(permitRows.count - 1, 0))
            laneFrame(index: index, label: LaneSelection.lockLabel(lock), top: y, height: height)
            holdLOD.reset()
            for hold in lock.holds where scale.overlaps(hold.start, hold.end) {
                holdLOD.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: Int(truncatingIfNeeded: hold.task.rawValue))
            }
            let bar = Rect(x: 0, y: y + 2, width: 0, height: height - 7)
            for piece in holdLOD.columnPieces() + holdLOD.wide {
                drawTaskPiece(piece, bar: bar, names: names)
            }
            let rowHeight = (height - 7) / Double(max(permitRows.count, 1))
            for (row, holds) in permitRows.enumerated() {
                holdLOD.reset()
                for hold in holds where scale.overlaps(hold.start, hold.end) {
                    holdLOD.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: Int(truncatingIfNeeded: hold.task.rawValue))
                }
                let rowBar = Rect(x: 0, y: y + 2 + Double(row) * rowHeight, width: 0, height: rowHeight - (row + 1 < permitRows.count ? 1 : 0))
                for piece in holdLOD.columnPieces() + holdLOD.wide {
                    drawTaskPiece(piece, bar: rowBar, names: names)
                }
            }
            if lock.kind == .rwLock, !lock.readHolds.isEmpty {
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
                canvas.builder.add(.rect(Rect(x: piece.x0, y: y + height - 4, width: max(piece.x1 - piece.x0, 1),
                                              height: Metrics.lockWaitStrip),
                                         fill: waiting.withAlpha(0.3 + 0.7 * piece.coverage)), to: .holds)
            }
            drawClosingLockWait(lock, stripTop: y + height - 4)
            y += height + Metrics.laneGap
        }
        return y
    }

    /// A semaphore's holds in rows, each hold in the first row free at its start, so that holds in one row never
    /// overlap: as many rows as permits were held at once, at most `Metrics.maxPermitRows` (the last takes the rest).
    static func permitRows(_ holds: [ThreadSlice]) -> [[ThreadSlice]] {
        var rows: [[ThreadSlice]] = []
        for hold in holds.sorted(by: { $0.start < $1.start }) {
            if let free = rows.firstIndex(where: { $0.last.map { $0.end <= hold.start } ?? true }) {
                rows[free].append(hold)
            } else if rows.count < Metrics.maxPermitRows {
                rows.append([hold])
            } else {
                rows[rows.count - 1].append(hold)
            }
        }
        return rows
    }
}
