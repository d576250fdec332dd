import Testing
import WeftTrace
@testable import WeftAnalysis

/// The builder sizes its per-task arrays from a trailer read before the events (`TimelineState.expect`), instead of
/// growing them by copying as the tasks come; the figures are the same either way (`SummarizedStatsTests` reads its
/// traces through a `TraceReader`, which has the hint, and compares with the model).
@Suite("Per-task arrays sized from the trailer")
struct ExpectedTotalsTests {
    @Test("the tasks the trailer counts have room ahead, in the builder and in the figures")
    func roomAhead() {
        var state = TimelineState(strings: { _ in "" })
        state.countFigures(RunStatsAccumulator())
        state.expect(TraceTrailer(events: 3000, countsByCode: [EventKind.taskCreate.rawValue: 1000,
                                                              EventKind.runBegin.rawValue: 2000]))
        #expect(state.tasks.capacity >= 1000)
        #expect(state.summary?.tasks.capacity ?? 0 >= 1000)
        #expect(state.tasks.isEmpty)
    }

    @Test("no trailer, or one counting no tasks, leaves the arrays to grow")
    func noHint() {
        var state = TimelineState(strings: { _ in "" })
        state.expect(nil)
        state.expect(TraceTrailer(events: 10, countsByCode: [EventKind.runBegin.rawValue: 10]))
        #expect(state.tasks.capacity == 0)
    }
}
