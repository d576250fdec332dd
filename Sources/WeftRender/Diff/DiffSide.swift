import WeftAnalysis

/// What the diff picture says of one run besides the diff itself: the figures its verdict compares and the facts of
/// its line under the title. Taken from the run's whole model, which can then be let go: the picture of two big
/// runs needs only one model at a time.
public struct DiffSide: Sendable {
    /// The verdict's figures (`RunFigures(timeline)`).
    let figures: RunFigures
    /// The header's facts (`RunFacts(header:)`).
    let facts: RunFacts
    /// The wall time cut at main's start and end (`WallTimeParts`), for the line under the whole run's row.
    let wallParts: WallTimeParts?

    /// The side of the run modelled by `timeline`.
    public init(_ timeline: Timeline) {
        figures = RunFigures(timeline)
        facts = RunFacts(header: timeline)
        wallParts = WallTimeParts(timeline)
    }
}
