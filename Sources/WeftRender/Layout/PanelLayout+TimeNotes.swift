import WeftAnalysis

/// A note under a panel's axis naming what a stretch of time was: a stall of the whole process, the start-up before
/// main, the runtime stopping after it.
struct TimeNote: Equatable {
    enum Kind: Equatable {
        /// The machine paused the process (`MachineStalls`): said in the text colour, first.
        case stall
        /// Before main was created or after it ended (`WallTimeParts`).
        case outsideMain
    }

    let kind: Kind
    let span: TimeSpan
    /// The texts it may take, longest first.
    let variants: [String]
}

/// Places time notes in one row (`LabelRow`): each over its stretch, in the longest words that do not crowd a note
/// already placed; stalls first.
struct TimeNotePlacement {
    /// One note placed: its text and its box's left edge.
    struct Placed: Equatable {
        let note: TimeNote
        let text: String
        let left: Double
        let width: Double
        var right: Double { left + width }
    }

    /// Pixels kept free between two notes.
    static let spacing = 16.0

    let row: (left: Double, right: Double)
    /// The x of a time.
    let x: (UInt64) -> Double
    /// The width of a text at the note size.
    let width: (String) -> Double

    func place(_ notes: [TimeNote]) -> [Placed] {
        var placed: [Placed] = []
        var labels = LabelRow(left: row.left, right: row.right, spacing: Self.spacing)
        for note in notes {
            let x0 = x(note.span.start), x1 = max(x(note.span.end), x(note.span.start) + 1)
            for text in note.variants {
                let w = width(text)
                if let left = labels.place(width: w, over: x0, x1) {
                    placed.append(Placed(note: note, text: text, left: left, width: w))
                    break
                }
            }
        }
        return placed.sorted { $0.left < $1.left }
    }
}

extension PanelLayout {
    /// The narrowest stretch before or after main (unfolded pixels) that gets a note of its own.
    static let minimumNotedStretch = 24.0

    /// The one note naming this panel's machine stalls (`MachineStalls`, the verdict's definition) inside the window:
    /// one stall by its length, several by their count and summed length, spanning the first to the last; nil without
    /// any.
    var stallNote: TimeNote? {
        let stalls = timeline.stalls.filter { scale.overlaps($0.start, $0.end) }
        guard let first = stalls.first, let last = stalls.last else { return nil }
        let span = TimeSpan(first.start, last.end)
        if stalls.count == 1 {
            let duration = DurationFormat.format(first.end - first.start)
            return TimeNote(kind: .stall, span: span, variants: [
                "machine stall \(duration): no thread of the process ran",
                "machine stall \(duration)", "stall \(duration)", "stall",
            ])
        }
        let total = DurationFormat.format(stalls.reduce(0) { $0 + ($1.end - $1.start) })
        return TimeNote(kind: .stall, span: span, variants: [
            "machine stalls: \(stalls.count), \(total) in all; no thread of the process ran",
            "machine stalls: \(stalls.count), \(total) in all", "stalls: \(stalls.count), \(total)", "stalls",
        ])
    }

    /// The notes under this panel's axis: the machine stalls inside the window, then the start-up before main and the
    /// runtime stopping after it where they are drawn wide enough to name (a fold's label names a folded one).
    var timeNotes: [TimeNote] {
        var notes: [TimeNote] = []
        if let note = stallNote { notes.append(note) }
        guard let main = timeline.mainLife else { return notes }
        let end = max(timeline.facts.axisEnd, main.end)
        let before = TimeSpan(0, main.start), after = TimeSpan(main.end, end)
        if unfoldedPixels(before) >= Self.minimumNotedStretch {
            notes.append(TimeNote(kind: .outsideMain, span: before,
                                  variants: [timeline.startUpWords, "before main ran", "start-up"]))
        }
        if unfoldedPixels(after) >= Self.minimumNotedStretch {
            notes.append(TimeNote(kind: .outsideMain, span: after,
                                  variants: [timeline.afterMainWords, "after main", "end"]))
        }
        return notes
    }

    /// The pixels `span` takes on the axis outside its folds.
    func unfoldedPixels(_ span: TimeSpan) -> Double {
        let a = max(Double(span.start), scale.start), b = min(Double(span.end), scale.end)
        guard b > a else { return 0 }
        return scale.segments.filter { !$0.folded }.reduce(0.0) { sum, segment in
            sum + max(0, min(b, segment.t1) - max(a, segment.t0)) * segment.factor
        }
    }

    /// The notes in a row at `top`, over the plot: stalls in the text colour, the rest in the secondary one, each on
    /// a halo of the background; a thin bracket under each spans its stretch, or, under the stalls' note, a short grey
    /// mark under each stall (`layoutStallMarks`).
    func layoutTimeNotes(_ notes: [TimeNote], top: Double) {
        let row = Rect(x: scale.x0, y: top, width: scale.plotWidth, height: Metrics.foldRow)
        let placement = TimeNotePlacement(row: (row.x, row.maxX), x: { scale.clampedX($0) },
                                          width: { canvas.measurer.width($0, size: Metrics.axisSize) })
        for placed in placement.place(notes) {
            let stall = placed.note.kind == .stall
            let color = stall ? theme.text : theme.secondaryText
            let x0 = scale.clampedX(placed.note.span.start), x1 = scale.clampedX(placed.note.span.end)
            if !stall {
                canvas.builder.add(.line(from: Point(x0, row.maxY - 1), to: Point(max(x1, x0 + 1), row.maxY - 1),
                                         color: theme.rule, width: 1), to: .grid)
            }
            guard let text = canvas.text(placed.text, in: row, x: placed.left, size: Metrics.axisSize, color: color,
                                         minimumCharacters: placed.text.count) else { continue }
            canvas.builder.add(.rect(text.box.insetBy(dx: -2, dy: 0), fill: theme.background.withAlpha(0.85)), to: .labels)
            canvas.builder.add(text)
        }
        layoutStallMarks(in: row)
    }

    /// A short flat grey mark at the foot of the notes' row (`row`) under each machine stall, over the notes' halos,
    /// never across the lanes:
    /// a stall is a note about the machine, not something the program did. Marks closer than
    /// `Metrics.minimumStallBand` merge; each is at least that wide (centred on a shorter stall), so that it reads as a
    /// stretch of time, never as a line marking an event.
    func layoutStallMarks(in row: Rect) {
        var marks: [(x0: Double, x1: Double)] = []
        for stall in timeline.stalls where scale.overlaps(stall.start, stall.end) {
            var x0 = scale.clampedX(stall.start), x1 = scale.clampedX(stall.end)
            if x1 - x0 < Metrics.minimumStallBand {
                let mid = (x0 + x1) / 2
                x0 = mid - Metrics.minimumStallBand / 2
                x1 = mid + Metrics.minimumStallBand / 2
            }
            if let last = marks.last, x0 - last.x1 < Metrics.minimumStallBand {
                marks[marks.count - 1].x1 = max(last.x1, x1)
            } else {
                marks.append((x0, x1))
            }
        }
        for mark in marks {
            canvas.builder.add(.rect(Rect(x: mark.x0, y: row.maxY - Metrics.stallMark, width: mark.x1 - mark.x0,
                                          height: Metrics.stallMark), fill: theme.stallBand), to: .labels)
            canvas.drewStall = true
        }
    }
}
