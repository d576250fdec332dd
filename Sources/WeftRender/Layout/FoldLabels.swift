import WeftAnalysis

/// The labels under a folded axis: one for each run of neighbouring folds alike ("10 folds of 4.98–5.02 ms each:
/// every task asleep"), one for a fold unlike its neighbours ("150 ms folded: every task asleep"), and where even
/// those crowd, one for each run of neighbouring groups (never of folds far apart), so that no label crowds another
/// or sits far from the folds it names.
struct FoldLabels {
    /// A run of neighbouring folds sharing one label.
    struct Group: Equatable {
        var segments: [TimeScale.Segment]
        var left: Double { segments.first?.x0 ?? 0 }
        var right: Double { segments.last?.x1 ?? 0 }
        var centre: Double { (left + right) / 2 }
    }

    /// One label placed: its text and the left edge of its box.
    struct Placed: Equatable {
        let text: String
        let x: Double
        let width: Double
    }

    /// Pixels kept free between two labels.
    static let spacing = 16.0
    /// Folds farther apart than this share of the row never share a label (a label between them would sit over
    /// neither): the start-up's folds and the shutdown's are named apart, a rhythm's beats together.
    static let farApart = 0.25

    let row: Rect
    /// What a fold hides, e.g. "every task asleep".
    let describe: (TimeFold) -> String
    /// The width of a text at the label size.
    let width: (String) -> Double

    /// The labels for `segments` (the folded pieces of the axis, in order).
    func place(_ segments: [TimeScale.Segment]) -> [Placed] {
        var groups = alikeRuns(segments.filter(\.folded))
        // Merge a group whose label cannot say at least how long its folds are with its nearer neighbour, until all can
        // (or the nearer neighbour is far apart: then the label says less, or nothing).
        func nearer(_ i: Int) -> (other: Int, gap: Double) {
            let gapLeft = i > 0 ? groups[i].left - groups[i - 1].right : .infinity
            let gapRight = i + 1 < groups.count ? groups[i + 1].left - groups[i].right : .infinity
            return gapLeft <= gapRight ? (i - 1, gapLeft) : (i + 1, gapRight)
        }
        while groups.count > 1, let i = groups.indices.first(where: {
            !fits(timed(groups[$0]), groups, $0) && nearer($0).gap <= row.width * Self.farApart
        }) {
            let other = nearer(i).other
            let (a, b) = (min(i, other), max(i, other))
            groups[a].segments += groups[b].segments
            groups.remove(at: b)
        }
        var placed: [Placed] = []
        for i in groups.indices {
            let room = self.room(groups, i)
            for text in variants(groups[i]) {
                let w = width(text)
                guard w <= room.right - room.left else { continue }
                // Centred on its folds, moved just enough to stay in its room.
                let x = min(max(groups[i].centre - w / 2, room.left), room.right - w)
                placed.append(Placed(text: text, x: x, width: w))
                break
            }
        }
        return placed
    }

    /// The folds in groups of neighbours alike (the same description, the longest within 1/`TimeFolding.alikeRatio`
    /// of the shortest, not `farApart`): a program's rhythm is named once ("10 folds of 9.78–9.86 ms each: 2 asleep, 1
    /// blocked on a channel"), not once a beat.
    func alikeRuns(_ folds: [TimeScale.Segment]) -> [Group] {
        var groups: [Group] = []
        var descriptions: [String] = []
        for segment in folds {
            let description = describe(TimeFold(start: UInt64(segment.t0), end: UInt64(segment.t1)))
            if let last = groups.last, descriptions.last == description, segment.x0 - last.right <= row.width * Self.farApart {
                let durations = (last.segments + [segment]).map { $0.t1 - $0.t0 }
                if durations.min()! >= durations.max()! * TimeFolding.alikeRatio {
                    groups[groups.count - 1].segments.append(segment)
                    continue
                }
            }
            groups.append(Group(segments: [segment]))
            descriptions.append(description)
        }
        return groups
    }

    /// The labels a group may take, longest first, each framed by `frame`; the one after the described ones ("4.94 ms
    /// folded", "3 folds of 4.94 ms each") is the shortest that still says how long, and the rest are used only when
    /// even one group for all folds lacks room.
    func variants(_ group: Group) -> [String] {
        let folds = group.segments.map { TimeFold(start: UInt64($0.t0), end: UInt64($0.t1)) }
        let descriptions = Set(folds.map(describe))
        let what = descriptions.count == 1 ? ": " + descriptions.first! : ""
        // A description with a detail after its colon ("start-up before main ran: 3 runtime threads starting") may
        // also be said without it.
        let pieces = what.split(separator: ":")
        let brief = pieces.count > 1 ? ":" + pieces[0] : nil
        var texts: [String]
        if folds.count == 1 {
            let duration = DurationFormat.format(folds[0].duration)
            texts = ["\(duration) folded\(what)"] + (brief.map { ["\(duration) folded\($0)"] } ?? [])
                + ["\(duration) folded", duration]
        } else {
            let shortest = DurationFormat.format(folds.map(\.duration).min()!)
            let longest = DurationFormat.format(folds.map(\.duration).max()!)
            let range = shortest == longest ? shortest : Self.range(shortest, longest)
            let each = "\(folds.count) folds of \(range) each"
            let total = DurationFormat.format(folds.reduce(UInt64(0)) { $0 &+ $1.duration })
            texts = ["\(each)\(what)"] + (brief.map { ["\(each)\($0)"] } ?? [])
                + [each, "\(folds.count) folds, \(total) in all", "\(folds.count) folds", "×\(folds.count)"]
        }
        // Framed as a break ("⋯ 97.9 ms folded: every task asleep ⋯"), so that two labels side by side never read as
        // one sentence.
        return texts.map { "\(Self.frame) \($0) \(Self.frame)" }
    }

    /// The mark on either side of a fold's label: the axis breaks there.
    static let frame = "⋯"

    /// "9.70–11.7 ms" when both ends share a unit, else "980 µs–1.20 ms".
    static func range(_ low: String, _ high: String) -> String {
        let unit = { (text: String) in text.split(separator: " ").last.map(String.init) ?? "" }
        guard unit(low) == unit(high), let number = low.split(separator: " ").first else { return "\(low)–\(high)" }
        return "\(number)–\(high)"
    }

    /// The stretch of the row a group's label may use: halfway to each neighbouring group, or to the row's end.
    func room(_ groups: [Group], _ i: Int) -> (left: Double, right: Double) {
        let left = i > 0 ? (groups[i - 1].right + groups[i].left) / 2 + Self.spacing / 2 : row.x
        let right = i + 1 < groups.count ? (groups[i].right + groups[i + 1].left) / 2 - Self.spacing / 2 : row.maxX
        return (left, right)
    }

    /// The shortest label of `group` that still says how long its folds are.
    func timed(_ group: Group) -> String {
        let texts = variants(group)
        return group.segments.count == 1 ? texts[texts.count - 2] : texts[texts.count - 4]
    }

    private func fits(_ text: String, _ groups: [Group], _ i: Int) -> Bool {
        let room = room(groups, i)
        return width(text) <= room.right - room.left
    }
}

extension PanelLayout {
    /// Under the axis, what each fold (or each run of neighbouring folds) hides.
    func layoutFoldLabels(top: Double) {
        let row = Rect(x: scale.x0, y: top, width: scale.plotWidth, height: Metrics.foldRow)
        // In bold: a fold is a break in the axis whose length only its label tells (a 100 ms sleep is drawn as
        // narrow as a 3 ms one), so the label must not be missed.
        let labels = FoldLabels(row: row, describe: { TimeFolding.describe($0, in: timeline) },
                                width: { canvas.measurer.width($0, size: Metrics.axisSize, weight: .bold) })
        for label in labels.place(scale.segments) {
            guard let text = canvas.text(label.text, in: row, x: label.x, size: Metrics.axisSize, weight: .bold,
                                         color: theme.text, minimumCharacters: label.text.count) else { continue }
            // On a halo of the background, so that the grid lines and fold edges under it do not cross its words.
            canvas.builder.add(.rect(text.box.insetBy(dx: -2, dy: 0), fill: theme.background.withAlpha(0.85)), to: .labels)
            canvas.builder.add(text)
        }
    }
}
