/// One row of labels, each over the stretch of the axis it names: the one crowding rule of the axis's tick labels
/// and the time notes under it.
///
/// A label is centred over its stretch and moved just enough to stay in the row, still over the stretch; it is
/// refused where it would come within `spacing` of a label already placed.
struct LabelRow {
    /// The stretch of x the labels may use.
    let left: Double
    let right: Double
    /// Pixels kept free between two labels.
    let spacing: Double
    /// The boxes placed so far, left edge to right edge.
    private(set) var taken: [ClosedRange<Double>] = []

    init(left: Double, right: Double, spacing: Double) {
        self.left = left
        self.right = right
        self.spacing = spacing
    }

    /// The left edge of a label `width` wide over `x0...x1` (a point: `x0 == x1`), now taken; nil where it does not
    /// fit in the row over its stretch or would crowd a label already placed.
    mutating func place(width: Double, over x0: Double, _ x1: Double) -> Double? {
        guard width <= right - left else { return nil }
        let start = min(max((x0 + x1) / 2 - width / 2, left), right - width)
        guard start <= x1, start + width >= x0, !crowds(start...(start + width)) else { return nil }
        taken.append(start...(start + width))
        return start
    }

    /// Whether `box` comes within `spacing` of a label already placed.
    func crowds(_ box: ClosedRange<Double>) -> Bool {
        taken.contains { box.lowerBound < $0.upperBound + spacing && box.upperBound > $0.lowerBound - spacing }
    }
}
