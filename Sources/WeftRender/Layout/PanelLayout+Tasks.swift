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
            drawClosingWait(task, laneTop: y)
            drawHolds(task.holds, laneTop: y, lod: &holdLOD)
            drawMarks(task.marks, laneTop: y)
            if let failure = task.failure { drawFailure(failure, laneTop: y) }
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
        canvas.builder.add(state.isHatched ? .hatch(rect, color: color, pattern: state.pattern) : .rect(rect, fill: color),
                           to: .lanes)
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
        case .timeout: .hourglass
        case .cancel: .cross
        case .lostLock: .struckSquare
        }
    }

    /// How wide a mark of `kind` is drawn: a timeout, often the point of a picture (a select that gave up), larger than
    /// the rest and haloed, so that it is found at a glance on any bar.
    static func markerSize(of kind: Mark.Kind) -> Double {
        kind == .timeout ? Metrics.timeoutMarkerSize : Metrics.markerSize
    }

    /// A marker of `kind` at `center`: a haloed one (a timeout) over a slightly larger marker of the background.
    static func markerItems(_ kind: Mark.Kind, center: Point, size: Double, theme: Theme) -> [SceneItem] {
        let marker = SceneItem.marker(shape(of: kind), center: center, size: size, color: theme.marker)
        guard kind == .timeout else { return [marker] }
        return [.marker(shape(of: kind), center: center, size: size + Metrics.markerHalo, color: theme.background), marker]
    }

    /// The lane's marks, gathered by `MarkCrowds` so that no marker or count overlaps another: a crowd of marks
    /// within a few pixels is one marker per kind, labelled with how many it stands for ("×5") when more than one.
    /// A crowd with a timeout is followed by the word "timeout" where the lane has room for it before the next crowd.
    private func drawMarks(_ marks: [Mark], laneTop: Double) {
        guard !marks.isEmpty else { return }
        let size = Metrics.markerSize
        var crowds = MarkCrowds(markerSize: size, gap: Metrics.markerGap, spacing: Metrics.crowdSpacing,
                                sizeOf: Self.markerSize(of:)) { [canvas] count in
            canvas.measurer.width("×\(count)", size: Metrics.markCountSize)
        }
        for mark in marks where scale.overlaps(mark.time, mark.time) {
            crowds.add(x: scale.clampedX(mark.time), kind: mark.kind, count: Int(mark.count))
        }
        let y = laneTop + 4
        var previousRight = -Double.infinity
        let all = crowds.finish()
        for (index, crowd) in all.enumerated() {
            // A summary that would run out of the plot moves left, as far as the crowd before it allows.
            let firstSize = crowd.items.first.map { Self.markerSize(of: $0.kind) } ?? size
            let shift = max(min(crowd.right - scale.x1, crowd.firstX - firstSize / 2 - previousRight - Metrics.crowdSpacing), 0)
            previousRight = crowd.right - shift
            if crowd.items.contains(where: { $0.kind == .timeout }) {
                let next = index + 1 < all.count ? all[index + 1].firstX - Metrics.timeoutMarkerSize / 2 : scale.x1
                previousRight = max(previousRight, labelTimeout(from: crowd.right - shift + 2, to: next - Metrics.crowdSpacing,
                                                               laneTop: laneTop))
            }
            for item in crowd.items {
                canvas.usedMarks.insert(item.kind)
                for marker in Self.markerItems(item.kind, center: Point(item.x - shift, y), size: Self.markerSize(of: item.kind),
                                               theme: theme) {
                    canvas.builder.add(marker, to: .markers)
                }
                guard let countX = item.countX.map({ $0 - shift }) else { continue }
                if canvas.countedMark == nil { canvas.countedMark = item.kind }
                let clip = Rect(x: countX, y: laneTop - 2, width: scale.x1 - countX, height: Metrics.markCountSize + 3)
                guard clip.width > 0,
                      let text = canvas.text("×\(item.count)", in: clip, size: Metrics.markCountSize, color: theme.marker,
                                             minimumCharacters: 8) else { continue }
                // A halo of the background behind the count, so that arrows passing under it do not cross its digits.
                canvas.builder.add(.rect(Rect(x: text.box.x - 0.5, y: text.box.y, width: text.box.width + 1, height: text.box.height),
                                         fill: theme.background.withAlpha(0.75)), to: .markers)
                canvas.builder.add(text, to: .markers)
            }
        }
    }

    /// The failure mark drawn at `center`: a large cross in the deadlock's vermillion on a halo of the background,
    /// larger than a cancel mark, so that a task that failed is found at a glance (the legend draws the same).
    static func failureItems(center: Point, theme: Theme) -> [SceneItem] {
        let size = Metrics.timeoutMarkerSize
        return [.marker(.cross, center: center, size: size + Metrics.markerHalo, color: theme.background),
                .marker(.cross, center: center, size: size, color: Palette.color(of: .mutex))]
    }

    /// A task's failure: the cross at its end, mid-lane, and "failed: <message>" beside it, right of the cross where
    /// it fits in the plot, else left of it, on a halo of the background.
    private func drawFailure(_ failure: TaskFailure, laneTop: Double) {
        guard scale.overlaps(failure.time, failure.time) else { return }
        let x = scale.clampedX(failure.time)
        let mid = laneTop + Metrics.taskLane / 2
        canvas.drewFailure = true
        for item in Self.failureItems(center: Point(x, mid), theme: theme) { canvas.builder.add(item, to: .markers) }
        let size = Metrics.markCountSize + 1
        let gap = Metrics.timeoutMarkerSize / 2 + 3
        let width = canvas.measurer.width(failure.label, size: size, weight: .bold)
        let right = x + gap + width <= scale.x1
        let left = right ? x + gap : max(scale.x0, x - gap - width)
        let cell = Rect(x: left, y: mid - size / 2 - 2, width: right ? scale.x1 - left : x - gap - left, height: size + 4)
        guard cell.width > 0, let text = canvas.text(failure.label, in: cell, size: size, weight: .bold,
                                                     color: Palette.color(of: .mutex), minimumCharacters: 6) else { return }
        canvas.builder.add(.rect(text.box.insetBy(dx: -1, dy: 0), fill: theme.background.withAlpha(0.85)), to: .markers)
        canvas.builder.add(text, to: .markers)
    }

    /// The word "timeout" from `x0` in the lane, on a halo of the background, when it fits before `x1`; returns the
    /// right edge of what was drawn (`x0` when nothing was).
    private func labelTimeout(from x0: Double, to x1: Double, laneTop: Double) -> Double {
        let word = "timeout"
        let size = Metrics.markCountSize
        let width = canvas.measurer.width(word, size: size, weight: .bold)
        guard x1 - x0 >= width + 2,
              let text = canvas.text(word, in: Rect(x: x0, y: laneTop - 2, width: width + 2, height: size + 4),
                                     size: size, weight: .bold, color: theme.marker,
                                     minimumCharacters: word.count) else { return x0 - 2 }
        canvas.drewTimeoutLabel = true
        canvas.builder.add(.rect(Rect(x: text.box.x - 1, y: text.box.y, width: text.box.width + 2, height: text.box.height),
                                 fill: theme.background.withAlpha(0.8)), to: .markers)
        canvas.builder.add(text, to: .markers)
        return text.box.maxX + 1
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
