import WeftTrace

extension PanelLayout {
    /// Task lanes: one per task, its states over time, marks and held mutexes; the rest as one density row.
    /// Fills `centers` with the vertical centre of each drawn task's lane. Returns the y below.
    func layoutTasks(top: Double, centers: inout [TaskID: Double]) -> Double {
        var y = top
        var merger = RunMerger()
        for (index, task) in lanes.shownTasks.enumerated() {
            laneFrame(index: index, label: task.label, top: y, height: Metrics.taskLane)
            centers[task.task] = y + Metrics.taskLane / 2
            merger.reset()
            for span in task.spans where scale.overlaps(span.start, span.end) {
                merger.add(scale.clampedX(span.start), scale.clampedX(span.end), key: Int(span.state.rawValue))
            }
            merger.flush()
            for run in merger.output { drawStateRun(run, laneTop: y) }
            drawHolds(task.holds, laneTop: y)
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

    private func drawStateRun(_ run: RunMerger.Run, laneTop: Double) {
        let state = LaneState(rawValue: UInt8(clamping: run.key)) ?? .running
        let bar = Self.stateBar(state, laneTop: laneTop, height: Metrics.taskLane)
        var color = Palette.color(of: state)
        if run.count > 1 {
            canvas.drewDenseRun = true
            if !run.uniform { color = color.mixed(with: theme.dense, 0.35) }
        }
        canvas.builder.add(.rect(Rect(x: run.x0, y: bar.y, width: max(run.x1 - run.x0, 1), height: bar.height),
                                 fill: color), to: .lanes)
    }

    private func drawHolds(_ holds: [TimeSpan], laneTop: Double) {
        guard !holds.isEmpty else { return }
        var merger = RunMerger()
        for hold in holds where scale.overlaps(hold.start, hold.end) {
            merger.add(scale.clampedX(hold.start), scale.clampedX(hold.end), key: 0)
        }
        merger.flush()
        let color = Palette.color(of: .mutex)
        for run in merger.output {
            canvas.builder.add(.rect(Rect(x: run.x0, y: laneTop + Metrics.taskLane - 2.5, width: max(run.x1 - run.x0, 1),
                                          height: 2.5), fill: color), to: .holds)
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
        }
    }

    private func drawMarks(_ marks: [Mark], laneTop: Double) {
        guard !marks.isEmpty else { return }
        var last = [Double](repeating: -.infinity, count: Mark.Kind.allCases.count)
        let y = laneTop + 4
        for mark in marks where scale.overlaps(mark.time, mark.time) {
            let x = scale.clampedX(mark.time)
            let k = Int(mark.kind.rawValue)
            guard x - last[k] >= Metrics.markerSpacing else { continue }
            last[k] = x
            canvas.builder.add(.marker(Self.shape(of: mark.kind), center: Point(x, y), size: 5, color: theme.marker),
                               to: .markers)
        }
    }

    /// One row for the tasks not drawn one by one: the share of them in each state, per pixel column.
    private func taskDensity(top: Double) -> Double {
        let rest = lanes.restTasks
        densityFrame(label: LaneSelection.restLabel(rest.count, "task"), note: "share in each state", top: top)
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
        let layers = states.map { state in (Palette.color(of: state), density.values(for: Int(state.rawValue)).map { $0 / n }) }
        stackedAreas(layers, top: area.y, height: area.height)
        return top + Metrics.densityRow
    }
}
