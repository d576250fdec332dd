import WeftAnalysis

/// What the diff picture says of one run besides the diff itself: the figures its verdict compares and the facts of
/// its line under the title. Taken from the run's model, which can then be let go: the picture of two big runs needs
/// only one model at a time, and a model built for a picture (`PictureDetail`) stops growing with the events past its
/// budget. Past it, the figures read from single pieces (hand-offs, start-ups, task creation, core use, stalls) are
/// close, not exact, and the picture says so (`joinedCell`); wall time, counts, threads and memory stay exact.
public struct DiffSide: Sendable {
    /// The verdict's figures (`RunFigures(timeline)`).
    let figures: RunFigures
    /// The header's facts (`RunFacts(header:)`).
    let facts: RunFacts
    /// The wall time cut at main's start and end (`WallTimeParts`), for the line under the whole run's row.
    let wallParts: WallTimeParts?
    /// The time cell (ns) the model joined its lanes' shorter pieces in (`Timeline.joinedCell`); 0 when it kept every
    /// piece and every figure is exact.
    let joinedCell: UInt64

    /// The side of the run modelled by `timeline`.
    public init(_ timeline: Timeline) {
        figures = RunFigures(timeline)
        facts = RunFacts(header: timeline)
        wallParts = WallTimeParts(timeline)
        joinedCell = timeline.joinedCell
    }
}
