/// A lane's marks gathered so that nothing drawn for them overlaps: marks that would fall on or beside the marks
/// already drawn become one crowd, drawn as one marker per kind with how many it stands for ("▲×14 ▼×14").
///
/// Marks are taken in time order. A crowd starts at its first mark's x; its summary is laid out rightward from there:
/// for each kind in the order it first appears, a marker and, when it stands for more than one mark, its count. A mark
/// whose marker would come within `spacing` of the summary joins the crowd (its kind's count grows, or its kind is
/// added); the next mark farther right starts a new crowd. So every crowd's markers and counts stand at least
/// `spacing` clear of every other's (more than the `gap` inside a summary, so that two summaries never read as one),
/// and a lone mark is drawn exactly at its time.
struct MarkCrowds {
    /// One marker of a crowd's summary: a kind, how many marks of it the crowd holds, and where it is drawn.
    struct Item: Equatable {
        var kind: Mark.Kind
        var count: Int
        /// The marker's centre.
        var x: Double
        /// The left edge of its count's text, when it has one (count > 1).
        var countX: Double?
    }

    /// Marks drawn as one summary.
    struct Crowd: Equatable {
        /// The x of its first mark.
        var firstX: Double
        var items: [Item]
        /// Where its summary ends on the right.
        var right: Double
    }

    /// Width of a marker.
    let markerSize: Double
    /// Width of a marker of each kind: `markerSize`, or larger for a kind drawn to be found at a glance (a timeout).
    let sizeOf: (Mark.Kind) -> Double
    /// Room between one item of a summary and the next.
    let gap: Double
    /// Room kept free between two crowds' summaries.
    let spacing: Double
    /// The width of a count's text ("×14").
    let countWidth: (Int) -> Double

    private(set) var crowds: [Crowd] = []
    private var kinds: [Mark.Kind] = []
    private var counts: [Int] = []
    private var firstX = 0.0
    private var right = -Double.infinity

    init(markerSize: Double, gap: Double, spacing: Double, sizeOf: ((Mark.Kind) -> Double)? = nil,
         countWidth: @escaping (Int) -> Double) {
        self.markerSize = markerSize
        self.sizeOf = sizeOf ?? { _ in markerSize }
        self.gap = gap
        self.spacing = max(spacing, gap)
        self.countWidth = countWidth
    }

    /// Takes the next mark, at or after the previous one's x.
    mutating func add(x: Double, kind: Mark.Kind) {
        if !kinds.isEmpty && x - sizeOf(kind) / 2 < right + spacing {
            if let i = kinds.firstIndex(of: kind) {
                counts[i] += 1
            } else {
                kinds.append(kind)
                counts.append(1)
            }
            right = summaryRight()
            return
        }
        close()
        kinds = [kind]
        counts = [1]
        firstX = x
        right = summaryRight()
    }

    /// Ends the open crowd; returns every crowd, left to right.
    mutating func finish() -> [Crowd] {
        close()
        return crowds
    }

    /// The right edge of the open crowd's summary.
    private func summaryRight() -> Double {
        var x = firstX - sizeOf(kinds[0]) / 2
        for (i, count) in counts.enumerated() {
            if i > 0 { x += gap }
            x += sizeOf(kinds[i])
            if count > 1 { x += 1 + countWidth(count) }
        }
        return x
    }

    private mutating func close() {
        guard !kinds.isEmpty else { return }
        var items: [Item] = []
        var x = firstX - sizeOf(kinds[0]) / 2
        for (i, kind) in kinds.enumerated() {
            if i > 0 { x += gap }
            let center = x + sizeOf(kind) / 2
            x += sizeOf(kind)
            var countX: Double?
            if counts[i] > 1 {
                countX = x + 1
                x += 1 + countWidth(counts[i])
            }
            items.append(Item(kind: kind, count: counts[i], x: center, countX: countX))
        }
        crowds.append(Crowd(firstX: firstX, items: items, right: x))
        kinds = []
        counts = []
    }
}

extension MarkCrowds {
    /// Takes the next mark, at or after the previous one's x, standing for `count` marks of its kind (a model built
    /// for a picture counts a pair's repeated messages and wake-ups in one time cell into one `Mark`).
    mutating func add(x: Double, kind: Mark.Kind, count: Int) {
        add(x: x, kind: kind)
        guard count > 1, let i = kinds.firstIndex(of: kind) else { return }
        counts[i] += count - 1
        right = summaryRight()
    }
}
