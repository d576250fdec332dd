import WeftTrace

/// A trace read for its figures only (`TimelineBuilder.summarize`): the run and its tasks, threads and objects,
/// without their intervals, slices, messages and holds, which were counted as they were read.
public struct SummarizedTrace: Sendable {
    /// The model without its per-event lists: never handed out, as it would look like a run that did nothing.
    private var skeleton: Timeline
    /// What was counted while reading.
    let accumulator: RunStatsAccumulator

    init(skeleton: Timeline, accumulator: RunStatsAccumulator) {
        self.skeleton = skeleton
        self.accumulator = accumulator
    }

    /// The run: metadata, scheduler, times, outcome, samples, event counts, anomalies.
    public var run: RunInfo {
        get { skeleton.run }
        set { skeleton.run = newValue }
    }

    /// The figures `weft stats` prints, the same as `RunStats(timeline)` of the whole model.
    public var stats: RunStats { RunStats(accumulator, skeleton) }
}
