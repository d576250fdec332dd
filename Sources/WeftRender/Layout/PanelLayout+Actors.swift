import WeftAnalysis
import WeftTrace

extension PanelLayout {
    /// Actor lanes, drawn as lock lanes are: the actor's jobs as outlined boxes (its busy time), filled in the colour
    /// of the task whose code ran in each stretch (labelled when wide enough; grey where no task is named), over a
    /// hatched strip as tall as how many tasks waited to enter it. Returns the y below.
    func layoutActors(top: Double) -> Double {
        var y = top
        var lod = ColumnLOD(origin: scale.x0, width: scale.plotWidth)
        let names = taskLabels
        for (index, lane) in lanes.shownActors.enumerated() {
            laneFrame(index: index, label: lane.label, top: y, height: Metrics.actorBar)
            if index % 2 == 1 {
                canvas.builder.add(.rect(canvas.row(y + Metrics.actorBar, Metrics.actorQueue), fill: theme.laneBand), to: .background)
            }
            canvas.builder.add(canvas.text(LaneSelection.actorQueueNote(lane), in: canvas.gutter(y + Metrics.actorBar - 3, Metrics.actorQueue + 2),
                                           size: Metrics.axisSize, color: theme.secondaryText))
            if let track = lane.track {
                let bar = Rect(x: 0, y: y + 2, width: 0, height: Metrics.actorBar - 3)
                drawActorJobs(track, bar: bar, lod: &lod)
                lod.reset()
                for visit in track.visits where visit.task != .none && scale.overlaps(visit.start, visit.end) {
                    lod.add(scale.clampedX(visit.start), scale.clampedX(visit.end), key: Int(truncatingIfNeeded: visit.task.rawValue))
                }
                let inside = Rect(x: 0, y: bar.y + 1, width: 0, height: bar.height - 2)
                for piece in lod.columnPieces() + lod.wide { drawTaskPiece(Self.visible(piece), bar: inside, names: names) }
                labelUnnamedStretches(track, bar: inside)
                drawActorQueue(track, strip: Rect(x: scale.x0, y: y + Metrics.actorBar, width: scale.plotWidth,
                                                  height: Metrics.actorQueue - 2))
            }
            y += Metrics.actorLane + Metrics.laneGap
        }
        return y
    }

    /// The actor's jobs: outlined boxes with a faint grey fill (busy, whoever's code it was); jobs narrower than a
    /// pixel column as grey columns, as strong as the column was busy.
    private func drawActorJobs(_ track: ActorTrack, bar: Rect, lod: inout ColumnLOD) {
        lod.reset()
        for job in track.jobs where scale.overlaps(job.start, job.end) {
            lod.add(scale.clampedX(job.start), scale.clampedX(job.end), key: 0)
        }
        let (fill, stroke) = Self.actorJobColors(theme)
        for piece in (lod.columnPieces() + lod.wide).map(Self.visible) {
            canvas.drewActorJob = true
            let box = Rect(x: piece.x0, y: bar.y, width: max(piece.x1 - piece.x0, 1), height: bar.height)
            if piece.merged || box.width < 3 {
                canvas.builder.add(.rect(box, fill: stroke.withAlpha(0.35 + 0.65 * piece.coverage)), to: .lanes)
            } else {
                canvas.builder.add(.rect(box, fill: fill, stroke: stroke), to: .lanes)
            }
        }
    }

    /// Writes "no task" in each stretch of a job in which no named task's code ran (the job's own start or end around
    /// the tasks' code, code that suspended on the actor), where the words fit: a grey box without a name was read
    /// as some task's.
    private func labelUnnamedStretches(_ track: ActorTrack, bar: Rect) {
        let named = track.visits.filter { $0.task != .none }
        let words = "no task"
        let need = canvas.measurer.width(words, size: Metrics.sliceLabelSize) + 6
        func label(_ start: UInt64, _ end: UInt64) {
            guard end > start, scale.overlaps(start, end) else { return }
            let x0 = scale.clampedX(start), x1 = scale.clampedX(end)
            guard x1 - x0 >= need else { return }
            let cell = Rect(x: x0 + 3, y: bar.y, width: x1 - x0 - 6, height: bar.height)
            canvas.builder.add(canvas.text(words, in: cell, size: Metrics.sliceLabelSize, color: theme.secondaryText,
                                           minimumCharacters: words.count))
        }
        var next = 0
        for job in track.jobs {
            while next < named.count && named[next].end <= job.start { next += 1 }
            var cursor = job.start, i = next
            while i < named.count && named[i].start < job.end {
                label(cursor, min(named[i].start, job.end))
                cursor = max(cursor, named[i].end)
                i += 1
            }
            label(cursor, job.end)
        }
    }

    /// An actor's job or a task's stretch on it as drawn: at least `Metrics.minimumActorSlice` wide, centred where it
    /// happened, and at full strength when widened, since an actor's jobs are often microseconds long in a run of
    /// milliseconds and a pixel column of them, as faint as it was busy, could not be seen. Wider pieces as they are.
    static func visible(_ piece: ColumnLOD.Piece) -> ColumnLOD.Piece {
        let width = piece.x1 - piece.x0
        guard width < Metrics.minimumActorSlice else { return piece }
        let middle = (piece.x0 + piece.x1) / 2
        var shown = piece
        shown.x0 = middle - Metrics.minimumActorSlice / 2
        shown.x1 = middle + Metrics.minimumActorSlice / 2
        shown.coverage = 1
        return shown
    }

    /// The fill and outline of an actor job's box.
    static func actorJobColors(_ theme: Theme) -> (fill: Color, stroke: Color) {
        (theme.secondaryText.withAlpha(0.18), theme.secondaryText)
    }

    /// How many tasks waited to enter the actor, per pixel column (the most at once in it), as hatched steps rising
    /// from the strip's foot; full height is the most any actor lane of the picture had.
    private func drawActorQueue(_ track: ActorTrack, strip: Rect) {
        let peak = canvas.actorQueuePeak
        guard peak > 0, !track.waits.isEmpty else { return }
        let columns = max(Int(strip.width.rounded(.up)), 1)
        var most = [Int](repeating: 0, count: columns)
        for step in ActorTrack.queueSteps(track.waits) where step.count > 0 && scale.overlaps(step.start, step.end) {
            let c0 = min(max(Int(scale.clampedX(step.start) - strip.x), 0), columns - 1)
            let c1 = min(max(Int((scale.clampedX(step.end) - strip.x).rounded(.up)), c0 + 1), columns)
            for c in c0..<c1 { most[c] = max(most[c], step.count) }
        }
        let color = Palette.color(of: .actor)
        var c = 0
        while c < columns {
            let count = most[c]
            var end = c + 1
            while end < columns && most[end] == count { end += 1 }
            if count > 0 {
                canvas.drewActorQueue = true
                let height = max(strip.height * Double(count) / Double(peak), 2)
                canvas.builder.add(.hatch(Rect(x: strip.x + Double(c), y: strip.maxY - height, width: Double(end - c), height: height),
                                          color: color), to: .holds)
            }
            c = end
        }
    }

    /// The Actors section's detail: how many actors, and how many waiting tasks the queue strips' full height stands for
    /// (the legend says what box and strip mean).
    var actorDetail: String {
        var text = Format.plural(timeline.actors.count, "actor")
        if lanes.hiddenActors > 0 { text += " (the \(lanes.shownActors.count) busiest drawn)" }
        // How much of the run the busiest actor was busy: near all of it, the actor is the bottleneck.
        if let busiest = timeline.actors.max(by: { $0.busy < $1.busy }), busiest.busy > 0, timeline.facts.wallTime > 0 {
            let name = timeline.actors.count == 1 ? "busy" : "\(busiest.typeWords) busy"
            text += " · \(name) \(DurationFormat.format(busiest.busy)), \(DurationFormat.percent(busiest.busy, of: timeline.facts.wallTime))"
                + " of the run" + (busiest.peakQueue > 0 ? ": callers queue for it" : "")
        }
        text += " · each runs one task's code at a time"
        if canvas.actorQueuePeak > 0 { text += " · strip's full height: \(Format.plural(canvas.actorQueuePeak, "task")) waiting" }
        return text
    }
}
