import WeftTrace

extension PanelLayout {
    /// Thread lanes: one per OS thread, which task ran when; the rest as one density row. Returns the y below.
    func layoutThreads(top: Double) -> Double {
        var y = top
        var lod = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        let names = taskLabels
        for (index, thread) in lanes.shownThreads.enumerated() {
            laneFrame(index: index, label: thread.label, top: y, height: Metrics.threadLane)
            if let life = thread.lifetime, scale.overlaps(life.start, life.end) {
                // Alive and running nothing: free for any task (a pool thread), or only waiting (caller, timer).
                if thread.role == .worker { canvas.drewFreeLine = true } else { canvas.drewIdleLine = true }
                let mid = y + Metrics.threadLane / 2
                // Not through the stretches the OS did not run a pool thread that had work, nor those it was woken
                // and not yet run: it was not free then.
                var from = life.start
                let taken = SpanRelabel.merged(thread.frozen.map { TimeSpan($0.start, $0.end) } + thread.woken)
                for piece in taken + [TimeSpan(life.end, life.end)] {
                    if piece.start > from {
                        canvas.builder.add(.line(from: Point(scale.clampedX(from), mid), to: Point(scale.clampedX(min(piece.start, life.end)), mid),
                                                 color: theme.rule, width: 1, dash: thread.role == .worker ? [6, 3] : [2, 3]),
                                           to: .grid)
                    }
                    from = max(from, piece.end)
                }
            }
            if let reason = idleReason(thread) { drawIdleReason(reason, top: y, height: Metrics.threadLane) }
            for frozen in thread.frozen where scale.overlaps(frozen.start, frozen.end) {
                // A pool thread with a task in its queue that the OS did not run: hatched in the waiting task's
                // colour, as a thread held by its task is.
                let x0 = scale.clampedX(frozen.start), x1 = scale.clampedX(frozen.end)
                guard x1 - x0 >= 0.5 else { continue }
                canvas.drewFrozenPoolThread = true
                let dimmed = lanes.matching.map { !$0.contains(frozen.task) } ?? false
                let rect = Rect(x: x0, y: y + 6, width: x1 - x0, height: Metrics.threadLane - 12)
                canvas.builder.add(.hatch(rect, color: lanes.coloring.color(frozen.task).withAlpha(dimmed ? 0.25 : 0.8)),
                                   to: .lanes)
                stripeRepeat(lanes.coloring.swatch(frozen.task), across: rect)
            }
            for woken in thread.woken where scale.overlaps(woken.start, woken.end) {
                // Woken by the pool, not yet run by the OS: a thin bar of its own colour, "woken" where it fits.
                let x0 = scale.clampedX(woken.start), x1 = scale.clampedX(woken.end)
                guard x1 - x0 >= 0.5 else { continue }
                canvas.drewWokenPoolThread = true
                let rect = Rect(x: x0, y: y + 6, width: x1 - x0, height: Metrics.threadLane - 12)
                canvas.builder.add(.rect(rect, fill: Palette.wokenPoolThread), to: .lanes)
                // The words sit on a box of the bar's own colour, so that the bar reads unbroken under them.
                let cell = Rect(x: rect.x + 2, y: y, width: rect.width - 4, height: Metrics.threadLane)
                let ink = theme.textColor(on: Palette.wokenPoolThread)
                if rect.width >= Metrics.minLabelledSlice,
                   let item = canvas.text("woken, waiting for a CPU", in: cell, size: Metrics.sliceLabelSize, color: ink,
                                          minimumCharacters: 5)
                    ?? canvas.text("woken", in: cell, size: Metrics.sliceLabelSize, color: ink, minimumCharacters: 5) {
                    canvas.builder.add(.rect(item.box.insetBy(dx: -2, dy: 0), fill: Palette.wokenPoolThread), to: .lanes)
                    canvas.builder.add(item)
                }
            }
            if let owner = thread.owner {
                // A thread-per-task thread its task keeps while not running on it: hatched in the task's colour.
                let color = lanes.coloring.color(owner)
                let dimmed = lanes.matching.map { !$0.contains(owner) } ?? false
                if thread.ownerElsewhere.contains(where: { scale.overlaps($0.start, $0.end) }) { canvas.drewOwnerElsewhere = true }
                for held in thread.held where scale.overlaps(held.start, held.end) {
                    let x0 = scale.clampedX(held.start), x1 = scale.clampedX(held.end)
                    guard x1 - x0 >= 0.5 else { continue }
                    canvas.drewHeldThread = true
                    let rect = Rect(x: x0, y: y + 6, width: x1 - x0, height: Metrics.threadLane - 12)
                    canvas.builder.add(.hatch(rect, color: color.withAlpha(dimmed ? 0.25 : 0.8)), to: .lanes)
                    stripeRepeat(lanes.coloring.swatch(owner), across: rect)
                }
            }
            lod.reset()
            var crowdedPieces: [(x0: Double, x1: Double, task: TaskID)] = []
            // Where more threads ran than cores, and where this thread's CPU clock stood still.
            let crowded = thread.starved.isEmpty ? timeline.oversubscribed
                : SpanRelabel.merged(timeline.oversubscribed + thread.starved)
            // A task's run: flat, but hatched where more threads ran tasks than cores or the thread got no CPU (as its
            // task lane's running is).
            func addRun(_ start: UInt64, _ end: UInt64, _ task: TaskID) {
                let key = Int(truncatingIfNeeded: task.rawValue)
                // The parts not drawn broken join into one piece: a crowded stretch too narrow to draw broken does not
                // cut the bar, where each cut would draw a seam and a second label that nothing explains.
                var solid: (x0: Double, x1: Double)?
                for part in Self.splitByCrowding(start, end, crowded: crowded) {
                    let x0 = scale.clampedX(part.start), x1 = scale.clampedX(part.end)
                    if part.crowded && x1 - x0 >= Metrics.minHatchedSlice {
                        if let run = solid { lod.add(run.x0, run.x1, key: key) }
                        solid = nil
                        crowdedPieces.append((x0, x1, task))
                    } else {
                        solid = (solid?.x0 ?? x0, x1)
                    }
                }
                if let run = solid { lod.add(run.x0, run.x1, key: key) }
            }
            let cancelledFrom = timeline.deadlock?.detected ?? .max
            for slice in thread.slices where scale.overlaps(slice.start, slice.end) && slice.actor == nil {
                if thread.owner != nil, slice.start >= cancelledFrom {
                    // A task's own thread after the deadlock: held by its task to the end (drawn above), like every
                    // other thread of a deadlocked task, whatever of the cancellation ran on it.
                    continue
                } else if thread.owner != nil, slice.end > cancelledFrom {
                    addRun(slice.start, cancelledFrom, slice.task)
                } else if slice.end <= cancelledFrom {
                    addRun(slice.start, slice.end, slice.task)
                } else {
                    // After the deadlock: the runtime cancelling the task, drawn as such.
                    if slice.start < cancelledFrom { addRun(slice.start, cancelledFrom, slice.task) }
                    lod.add(scale.clampedX(max(slice.start, cancelledFrom)), scale.clampedX(slice.end), key: Self.cancellationKey)
                }
            }
            let bar = Rect(x: 0, y: y + 2, width: 0, height: Metrics.threadLane - 4)
            for piece in lod.columnPieces() + lod.wide { drawTaskPiece(piece, bar: bar, names: names) }
            for piece in crowdedPieces { drawCrowdedPiece(piece.x0, piece.x1, task: piece.task, bar: bar, names: names) }
            for slice in thread.slices where slice.actor != nil && scale.overlaps(slice.start, slice.end) {
                drawActorSlice(slice, bar: bar, names: names)
            }
            y += Metrics.threadLane + Metrics.laneGap
        }
        if !lanes.restThreads.isEmpty {
            y = threadDensity(top: y) + Metrics.laneGap
        }
        return y
    }

    /// A piece of a lane coloured by task (a run slice, a lock hold), labelled with the task when it fits.
    func drawTaskPiece(_ piece: ColumnLOD.Piece, bar: Rect, names: [TaskID: String]) {
        if piece.key == Self.cancellationKey {
            canvas.usedStates.insert(.cancelled)
            canvas.builder.add(.hatch(Rect(x: piece.x0, y: bar.y, width: max(piece.x1 - piece.x0, 1), height: bar.height),
                                      color: Palette.color(of: .cancelled)), to: .lanes)
            return
        }
        let task = TaskID(UInt64(truncatingIfNeeded: piece.key))
        let dimmed = lanes.matching.map { !$0.contains(task) } ?? false
        var rect = bar
        rect.x = piece.x0
        rect.width = max(piece.x1 - piece.x0, 1)
        canvas.drewTaskSlices = true
        let swatch = lanes.coloring.swatch(task)
        if swatch.drawn { canvas.usedTaskColors = max(canvas.usedTaskColors, lanes.coloring.count) } else { canvas.drewOtherTask = true }
        let fill = swatch.color.withAlpha(dimmed ? 0.25 : 1)
        if piece.merged {
            // A column of many short slices: the colour of the task that ran most in it, as tall as the column was busy.
            canvas.drewDenseRun = true
            let height = rect.height * max(piece.coverage, 0.25)
            rect.y += rect.height - height
            rect.height = height
            canvas.builder.add(.rect(rect, fill: fill), to: .lanes)
            if height >= 6 { stripeRepeat(swatch, across: rect) }
            return
        }
        canvas.builder.add(.rect(rect, fill: fill), to: .lanes)
        let item = sliceLabel(task, in: rect, fill: fill, names: names, dimmed: dimmed)
        // The stripe stops short of the label, so that it never runs through the words.
        if let box = item?.box {
            stripeRepeat(swatch, across: Rect(x: rect.x, y: rect.y, width: box.x - 2 - rect.x, height: rect.height))
            stripeRepeat(swatch, across: Rect(x: box.maxX + 2, y: rect.y, width: rect.maxX - box.maxX - 2, height: rect.height))
        } else {
            stripeRepeat(swatch, across: rect)
        }
        canvas.builder.add(item)
    }

    /// The label of a task's slice (its lane label, else its id) when the slice is wide enough. Where colours repeat,
    /// the colour alone does not name the task: such a slice labels itself as soon as the id fits.
    private func sliceLabel(_ task: TaskID, in rect: Rect, fill: Color, names: [TaskID: String], dimmed: Bool) -> TextItem? {
        let minimum = lanes.coloring.repeats
            ? min(Metrics.minLabelledSlice, canvas.measurer.width(task.description, size: Metrics.sliceLabelSize) + 4)
            : Metrics.minLabelledSlice
        guard rect.width >= minimum, !dimmed else { return nil }
        let cell = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: rect.height)
        let label = names[task] ?? task.description
        let color = theme.textColor(on: fill)
        // A shortened label ends at a word boundary ("t3 group child 2 …", never "t3 group chil…"): a name of several
        // words (a Swift child's "group child 2 of t1") cut inside one misleads. A one-word name may be cut inside
        // it, keeping the whole task id ("t3076 s…", never "t3…"); too narrow for either, the id alone.
        let size = Metrics.sliceLabelSize
        let shortened: String?
        if label.split(separator: " ").count <= 2 {
            shortened = canvas.measurer.fit(label, maxWidth: cell.width, size: size, minimumCharacters: task.description.count + 1)
        } else {
            // Whole words only: `abbreviate`'s answer unless it fell back to a cut inside the first word.
            shortened = canvas.measurer.abbreviate(label, maxWidth: cell.width, size: size)
                .flatMap { $0 == label || $0.hasSuffix(" …") ? $0 : nil }
        }
        return shortened.flatMap { canvas.text($0, in: cell, size: size, color: color) }
            ?? canvas.text(task.description, in: cell, size: Metrics.sliceLabelSize, color: color,
                           minimumCharacters: task.description.count)
    }

    /// A stretch of a task's run while more threads ran tasks than cores: a broken bar in the task's colour, as its task
    /// lane's running is broken blue then (running or waiting for a CPU), labelled with the task when it fits.
    private func drawCrowdedPiece(_ x0: Double, _ x1: Double, task: TaskID, bar: Rect, names: [TaskID: String]) {
        let dimmed = lanes.matching.map { !$0.contains(task) } ?? false
        let rect = Rect(x: x0, y: bar.y, width: x1 - x0, height: bar.height)
        let swatch = lanes.coloring.swatch(task)
        if swatch.drawn { canvas.usedTaskColors = max(canvas.usedTaskColors, lanes.coloring.count) } else { canvas.drewOtherTask = true }
        canvas.drewTaskSlices = true
        canvas.drewCrowdedSlice = true
        canvas.builder.add(.hatch(rect, color: swatch.color.withAlpha(dimmed ? 0.25 : 1), pattern: .broken), to: .lanes)
        stripeRepeat(swatch, across: rect)
        // The words sit on a halo of the background over the broken bar, which no text colour reads on.
        guard let label = sliceLabel(task, in: rect, fill: theme.background, names: names, dimmed: dimmed) else { return }
        canvas.builder.add(.rect(label.box.insetBy(dx: -2, dy: 0), fill: theme.background.withAlpha(0.85)), to: .lanes)
        canvas.builder.add(label)
    }

    /// The parts of `start`…`end` outside and inside the sorted, disjoint `crowded` stretches, in time order.
    static func splitByCrowding(_ start: UInt64, _ end: UInt64, crowded: [TimeSpan]) -> [(start: UInt64, end: UInt64, crowded: Bool)] {
        guard !crowded.isEmpty, end > start else { return [(start, end, false)] }
        // The first stretch that ends after `start`.
        var low = 0, high = crowded.count
        while low < high {
            let mid = (low + high) / 2
            if crowded[mid].end <= start { low = mid + 1 } else { high = mid }
        }
        var parts: [(start: UInt64, end: UInt64, crowded: Bool)] = []
        var cursor = start
        var i = low
        while i < crowded.count && crowded[i].start < end {
            let from = max(crowded[i].start, cursor), to = min(crowded[i].end, end)
            if from > cursor { parts.append((cursor, from, false)) }
            if to > from { parts.append((from, to, true)) }
            cursor = max(cursor, to)
            i += 1
        }
        if cursor < end { parts.append((cursor, end, false)) }
        return parts
    }

    /// A stripe across `rect` when the task wears a colour worn before (`TaskColoring`): tells it from the first wearer.
    func stripeRepeat(_ swatch: TaskColoring.Swatch, across rect: Rect) {
        guard swatch.round > 0, rect.width > 0 else { return }
        canvas.drewRepeatedColor = true
        canvas.builder.add(.rect(Rect(x: rect.x, y: rect.y + rect.height / 2 - 1, width: rect.width, height: 2),
                                 fill: theme.background), to: .lanes)
    }

    /// A task's code running on an actor inside the actor's job: the task's colour over the actor mark (a strip along
    /// the bar's foot, at least a pixel wide, so that even a microsecond on the actor shows), labelled "t3 on Cache"
    /// when it fits.
    func drawActorSlice(_ slice: ThreadSlice, bar: Rect, names: [TaskID: String]) {
        let x0 = scale.clampedX(slice.start), x1 = scale.clampedX(slice.end)
        let dimmed = lanes.matching.map { !$0.contains(slice.task) } ?? false
        var rect = bar
        rect.x = x0
        rect.width = max(x1 - x0, 1)
        canvas.drewTaskSlices = true
        canvas.drewActorSlices = true
        let swatch = lanes.coloring.swatch(slice.task)
        if swatch.drawn { canvas.usedTaskColors = max(canvas.usedTaskColors, lanes.coloring.count) } else { canvas.drewOtherTask = true }
        let fill = swatch.color.withAlpha(dimmed ? 0.25 : 1)
        canvas.builder.add(.rect(rect, fill: fill), to: .lanes)
        let mark = Rect(x: rect.x, y: rect.y + rect.height - Metrics.actorMark, width: rect.width, height: Metrics.actorMark)
        canvas.builder.add(.rect(mark, fill: Palette.actorMark.withAlpha(dimmed ? 0.25 : 1)), to: .lanes)
        guard rect.width >= Metrics.minLabelledSlice, !dimmed, let actor = slice.actor else { return }
        let cell = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 4, height: rect.height - Metrics.actorMark)
        let color = theme.textColor(on: fill)
        let item = canvas.text("\(slice.task) on \(actor)", in: cell, size: Metrics.sliceLabelSize, color: color,
                               minimumCharacters: slice.task.description.count + 4)
            ?? canvas.text("on \(actor)", in: cell, size: Metrics.sliceLabelSize, color: color, minimumCharacters: 4)
        if let item { canvas.builder.add(item) }
    }

    /// The level-of-detail key of a thread's run slices after a deadlock was detected (the runtime cancelling tasks).
    static let cancellationKey = Int(Int32.max)

    /// One row for the threads not drawn one by one: the share of them running a task, held by their task while it
    /// waits (thread-per-task), and alive but idle, per pixel column.
    private func threadDensity(top: Double) -> Double {
        let rest = lanes.restThreads
        let height = Metrics.threadDensityRow
        canvas.drewThreadDensity = true
        let anyHeld = rest.contains { !$0.held.isEmpty }
        densityFrame(label: LaneSelection.restLabel(rest.count, "thread"),
                     notes: anyHeld ? ["share running, held", "by their task, or idle", "top = all \(Format.count(rest.count))"]
                         : ["share running", "or alive but idle", "top = all \(Format.count(rest.count))"],
                     top: top, height: height)
        let columns = max(Int(scale.plotWidth / Metrics.densityBin), 1)
        // Keys: 0 running, 1 alive, 2 held by its waiting task.
        var density = DensityAccumulator(columns: columns, keys: 3)
        let perColumn = Double(columns) / scale.plotWidth
        func add(_ start: UInt64, _ end: UInt64, key: Int) {
            guard scale.overlaps(start, end) else { return }
            density.add((scale.clampedX(start) - scale.x0) * perColumn, (scale.clampedX(end) - scale.x0) * perColumn, key: key)
        }
        for thread in rest {
            if let life = thread.lifetime { add(life.start, life.end, key: 1) }
            for slice in thread.slices { add(slice.start, slice.end, key: 0) }
            for held in thread.held { add(held.start, held.end, key: 2) }
        }
        let n = Double(rest.count)
        let busy = density.values(for: 0).map { $0 / n }
        let held = zip(density.values(for: 2), busy).map { min($0 / n, max(1 - $1, 0)) }
        let idle = zip(density.values(for: 1), zip(busy, held)).map { max($0 / n - $1.0 - $1.1, 0) }
        if held.contains(where: { $0 > 0.0005 }) { canvas.drewHeldDensity = true }
        let area = Rect(x: scale.x0, y: top + 3, width: scale.plotWidth, height: height - 6)
        canvas.builder.add(.line(from: Point(area.x, area.maxY), to: Point(area.maxX, area.maxY),
                                 color: theme.grid, width: 1), to: .grid)
        // The held share hatched, as each held thread's lane is.
        stackedAreas([(Palette.color(of: .running), busy), (Palette.heldThreads, held), (theme.idleThread, idle)],
                     top: area.y, height: area.height, hatched: [1])
        return top + height
    }
}
