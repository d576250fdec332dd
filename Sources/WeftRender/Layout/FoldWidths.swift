/// How wide each fold of the time axis is drawn: every fold alike, `Metrics.foldWidth` wide, whatever it hides, so
/// that it reads as a break in the axis (its label says how long it lasted) and the room goes to the stretches where
/// something happens. Inside a fold time is linear at the fold's own scale, so nothing drawn in it moves out of order.
enum FoldWidths {
    /// The width of each fold, for folds lasting `durations`: `Metrics.foldWidth` each.
    static func widths(_ durations: [UInt64]) -> [Double] {
        durations.map { _ in Metrics.foldWidth }
    }
}
