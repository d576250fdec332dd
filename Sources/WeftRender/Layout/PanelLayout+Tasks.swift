import WeftTrace

extension PanelLayout {
    /// Task lanes: one per task, its states over time, marks and held mutexes; the rest as one density row.
    /// Fills `centers` with the vertical centre of each drawn task's lane. Returns the y below.
    func layoutTasks(top: Double, centers: inout [TaskID: Double]) -> Double {
        var y = top
        var lod = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        var holdLOD = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        for (index, task) in lanes.shownTasks.enumerated() {
            laneFrame(index: index, label: task.label, top: y, height: Metrics.taskLane, chip: lanes.coloring.swatch(task.task))
            centers[task.task] = y + Metrics.taskLane / 2
            lod.reset()
            for span in task.spans where scale.overlaps(span.start, span.end) {
                lod.add(scale.clampedX(span.start), scale.clampedX(span.end), key: Int(span.state.rawValue))
            }
            for piece in lod.columnPieces() { drawStatePiece(piece, laneTop: y) }
            for piece in lod.wide { drawStatePiece(piece, laneTop: y) }
            drawHolds(task.holds, laneTop: y, lod: &holdLOD)
            drawMarks(task.marks, laneTop: y)
            y += Metrics.taskLane + Metrics.laneGap
        }
        if !lanes.restTasks.isEmpty {
            y = taskDensity(top: y) + Metrics.laneGap
        }
        return y
    }

    /// The bar of a state: full height for running and runnable, a thinner bar for waiting states.
    static func stateBar(_ state: LaneState, laneTop: Double, height: Double) -> (y: Double, height: Double) {
        if state.isWaiting { return (laneTop + height * 0.3, height * 0.4) }
        return (laneTop + 2, height - 4)
    }

    private func drawStatePiece(_ piece: ColumnLOD.Piece, laneTop: Double) {
        let state = LaneState(rawValue: UInt8(clamping: piece.key)) ?? .running
        let bar = Self.stateBar(state, laneTop: laneTop, height: Metrics.taskLane)
        canvas.usedStates.insert(state)
        if piece.merged { canvas.drewDenseRun = true }
        let rect = Rect(x: piece.x0, y: bar.y, width: max(piece.x1 - piece.x0, 1), height: bar.height)
        let color = Palette.color(of: state).withAlpha(0.3 + 0.7 * piece.coverage)
        canvas.builder.add(state.isHatched ? .hatch(rect, color: color) : .rect(rect, fill: color), to: .lanes)
    }

    private func drawHolds(_ holds: [TimeSpan], laneTop: Double, lod: inout ColumnLOD) {
        guard !holds.isEmpty else { return }
        lod.reset()
        for hold in holds where scale.overlaps(hold.start, hold.end) {
            lod.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: 0)
        }
        // Dark (the marker colour), so that holding is never taken for waiting (vermillion).
        let color = theme.marker
        for piece in lod.columnPieces() + lod.wide {
            canvas.drewHolds = true
            canvas.builder.add(.rect(Rect(x: piece.x0, y: laneTop + Metrics.taskLane - 2.5, width: max(piece.x1 - piece.x0, 1),
                                          height: 2.5), fill: color.withAlpha(0.3 + 0.7 * piece.coverage)), to: .holds)
        }
    }

    /// The shape each mark kind is drawn with.
    static func shape(of kind: Mark.Kind) -> MarkerShape {
        switch kind {
        case .spawn: .ring
        case .send: .triangleUp
        case .receive: .triangleDown
        case .lock: .square
        case .unlock: .hollowSquare
        case .wait: .diamond
        case .wake: .bar
        case .tick: .circle
        case .cancel: .cross
        }
    }

    /// The lane's marks; marks of one kind closer than `Metrics.markerSpacing` are one marker, labelled with how many
    /// it stands for ("×5") when it stands for more than one.
    private func drawMarks(_ marks: [Mark], laneTop: Double) {
        guard !marks.isEmpty else { return }
        let kinds = Mark.Kind.allCases.count
        var groupX = [Double](repeating: -.infinity, count: kinds)
        var groupCount = [Int](repeating: 0, count: kinds)
        let y = laneTop + 4
        // A count is drawn where it does not run into the lane's previous count or out of the plot.
        var labelRight = -Double.infinity
        func close(_ k: Int) {
            guard groupCount[k] > 1 else { return }
            let x = groupX[k] + 4
            guard x >= labelRight + 2 else { return }
            let clip = Rect(x: x, y: laneTop - 2, width: scale.x1 - x, height: 10)
            guard clip.width > 0,
                  let item = canvas.text("×\(groupCount[k])", in: clip, size: Metrics.markCountSize, color: theme.marker,
                                         minimumCharacters: 8) else { return }
            canvas.builder.add(item, to: .markers)
            labelRight = item.box.maxX
        }
        for mark in marks where scale.overlaps(mark.time, mark.time) {
            let x = scale.clampedX(mark.time)
            let k = Int(mark.kind.rawValue)
            if x - groupX[k] < Metrics.markerSpacing {
                groupCount[k] += 1
                continue
            }
            close(k)
            groupX[k] = x
            groupCount[k] = 1
            canvas.usedMarks.insert(mark.kind)
            canvas.builder.add(.marker(Self.shape(of: mark.kind), center: Point(x, y), size: 5, color: theme.marker),
                               to: .markers)
        }
        for k in 0..<kinds { close(k) }
    }

    /// One row for the tasks not drawn one by one: the share of them in each state, per pixel column.
    private func taskDensity(top: Double) -> Double {
        let rest = lanes.restTasks
        densityFrame(label: LaneSelection.restLabel(rest.count, "task"),
                     notes: ["share in each state", "top = all \(Format.count(rest.count))"], top: top, height: Metrics.densityRow)
        let columns = max(Int(scale.plotWidth / Metrics.densityBin), 1)
        let states = LaneState.allCases
        var density = DensityAccumulator(columns: columns, keys: states.count)
        let perColumn = Double(columns) / scale.plotWidth
        for task in rest {
            for span in task.spans where scale.overlaps(span.start, span.end) {
                density.add((scale.clampedX(span.start) - scale.x0) * perColumn,
                            (scale.clampedX(span.end) - scale.x0) * perColumn, key: Int(span.state.rawValue))
            }
        }
        let n = Double(rest.count)
        let area = Rect(x: scale.x0, y: top + 3, width: scale.plotWidth, height: Metrics.densityRow - 6)
        canvas.builder.add(.line(from: Point(area.x, area.maxY), to: Point(area.maxX, area.maxY),
                                 color: theme.grid, width: 1), to: .grid)
        for (i, state) in states.enumerated() where density.values(for: i).contains(where: { $0 > 0 }) {
            canvas.usedStates.insert(state)
        }
        let layers = states.map { state in (Palette.color(of: state), density.values(for: Int(state.rawValue)).map { $0 / n }) }
        stackedAreas(layers, top: area.y, height: area.height)
        return top + Metrics.densityRow
    }
}
