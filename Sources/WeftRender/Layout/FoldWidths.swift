/// How wide each fold of the time axis is drawn: in proportion to how long it lasts, at one compressed scale shared by
/// every fold (so a folded 150 ms is drawn fifteen times as wide as a folded 10 ms beside it, and alike folds alike),
/// except that none is narrower than `Metrics.minimumFoldWidth`. Inside a fold time stays linear at that scale, so
/// the marks and ticks drawn in it are true.
enum FoldWidths {
    /// All folds together take at most this share of the plot.
    static let maximumShare = 0.35

    /// The pixels all folds lasting `durations` take together on a plot `plotWidth` pixels wide:
    /// `Metrics.foldWidth(count:plotWidth:)` each (40 px when there are few, about a quarter of the plot in all when
    /// there are many), or enough to draw the shortest `Metrics.minimumFoldWidth` wide and the rest in proportion,
    /// whichever is more, within `maximumShare` of the plot (but never less than the minimum width each).
    static func budget(_ durations: [UInt64], plotWidth: Double) -> Double {
        let count = Double(durations.count)
        let shortest = Double(max(durations.min() ?? 1, 1))
        let proportional = Metrics.minimumFoldWidth * durations.reduce(0.0) { $0 + Double($1) } / shortest
        let alike = Metrics.foldWidth(count: durations.count, plotWidth: plotWidth) * count
        let wanted = min(max(alike, proportional), plotWidth * maximumShare)
        return max(wanted, Metrics.minimumFoldWidth * count)
    }

    /// The width of each fold, for folds lasting `durations` on a plot `plotWidth` pixels wide: together they take
    /// `budget(_:plotWidth:)`, each in proportion to its duration, and those that would be narrower than
    /// `Metrics.minimumFoldWidth` are drawn that wide (the rest share what is left, still in proportion).
    static func widths(_ durations: [UInt64], plotWidth: Double) -> [Double] {
        guard !durations.isEmpty else { return [] }
        let budget = budget(durations, plotWidth: plotWidth)
        var narrow = Set<Int>()
        var pixelsPerNanosecond = 0.0
        while true {
            let open = durations.indices.filter { !narrow.contains($0) }
            let time = open.reduce(0.0) { $0 + Double(durations[$1]) }
            guard time > 0 else { break }
            pixelsPerNanosecond = (budget - Metrics.minimumFoldWidth * Double(narrow.count)) / time
            let tooNarrow = open.filter { Double(durations[$0]) * pixelsPerNanosecond < Metrics.minimumFoldWidth }
            if tooNarrow.isEmpty { break }
            narrow.formUnion(tooNarrow)
        }
        return durations.indices.map { i in
            narrow.contains(i) ? Metrics.minimumFoldWidth : Double(durations[i]) * pixelsPerNanosecond
        }
    }
}
