/// Every run's wall time under one scheduler when a program was run several times (`weft compare --repeat N`), and
/// which run is the one kept and drawn: the figures behind the compare table's wall-time row, the verdict's rank test
/// and the contrast picture's runs strip, so that all three show the same numbers.
public struct WallTimeRuns: Sendable, Equatable {
    /// Each run's wall time (ns), in the order the runs ran; never empty.
    public let walls: [UInt64]

    /// The runs' wall times; nil when there are none.
    public init?(_ walls: [UInt64]) {
        guard !walls.isEmpty else { return nil }
        self.walls = walls
    }

    /// How many runs there were.
    public var count: Int { walls.count }

    /// The median with the lowest and highest wall time.
    public var spread: Spread<UInt64> { Spread(walls) ?? Spread(single: 0) }

    /// The position in `walls` of the run whose wall time is the median (`Spread.medianIndex`: for an even count,
    /// the lower of the two middle ones): the run whose trace is kept and drawn.
    public var drawn: Int { Spread.medianIndex(walls) ?? 0 }
}
