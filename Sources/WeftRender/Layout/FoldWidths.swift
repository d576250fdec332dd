import Foundation

/// How wide each fold of the time axis is drawn: wider the longer it hides, on a log scale, so that a folded 150 ms is
/// never drawn as narrow as a folded 8 ms beside it, while alike folds stay alike.
enum FoldWidths {
    /// A fold is at most this many times as wide as the shortest one.
    static let maximumGrowth = 3.0
    /// All folds together take at most this share of the plot.
    static let maximumShare = 0.35

    /// The width of each fold, for folds lasting `durations` on a plot `plotWidth` pixels wide. The shortest is
    /// `Metrics.foldWidth(count:plotWidth:)` wide; each other one is wider by that width times the decimal log of how
    /// many times longer it lasts (twice as wide at ten times as long, three times at a hundred), at most
    /// `maximumGrowth` times; when together they would take more than `maximumShare` of the plot, what each has above
    /// the shortest's width shrinks in proportion.
    static func widths(_ durations: [UInt64], plotWidth: Double) -> [Double] {
        guard let shortest = durations.min() else { return [] }
        let base = Metrics.foldWidth(count: durations.count, plotWidth: plotWidth)
        let extra = durations.map { duration in
            base * min(log10(Double(duration) / Double(max(shortest, 1))), maximumGrowth - 1)
        }
        let room = plotWidth * maximumShare - base * Double(durations.count)
        let wanted = extra.reduce(0, +)
        let shrink = wanted > 0 && room < wanted ? max(room, 0) / wanted : 1
        return extra.map { base + $0 * shrink }
    }
}
