import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTrace

/// Which stretches fold: only long ones against the whole axis, never a wait the picture is about unless it is most
/// of the run, only as many as the bursts need, and every stretch between folds ticked.
@Suite("Fold policy")
struct FoldPolicyTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    static let us: UInt64 = 1_000
    static let ms: UInt64 = 1_000_000

    /// A sleeper that works `work`, sleeps 10 ms, works, sleeps `middle`, works, sleeps 10 ms and works; with
    /// `waiter`, a task that waits on a channel through the middle sleep for the sleeper's message.
    static func sleeps(middle: UInt64, waiter: Bool, work: UInt64 = 50 * us) -> RenderTimeline {
        let s0 = 50 * us + work, a = s0 + 10 * ms, b = a + work + middle, c = b + work + 10 * ms, end = c + work
        var tasks = [
            TaskTrack(task: TaskID(1), name: "main", spans: [
                StateSpan(start: 0, end: 50 * us, state: .running), StateSpan(start: 50 * us, end: end, state: .join),
            ]),
            TaskTrack(task: TaskID(2), name: "sleeper", spans: [
                StateSpan(start: 50 * us, end: s0, state: .running), StateSpan(start: s0, end: a, state: .sleeping),
                StateSpan(start: a, end: a + work, state: .running), StateSpan(start: a + work, end: b, state: .sleeping),
                StateSpan(start: b, end: b + work, state: .running), StateSpan(start: b + work, end: c, state: .sleeping),
                StateSpan(start: c, end: end, state: .running),
            ]),
        ]
        var slices = [ThreadSlice(start: 0, end: 50 * us, task: TaskID(1)), ThreadSlice(start: 50 * us, end: s0, task: TaskID(2)),
                      ThreadSlice(start: a, end: a + work, task: TaskID(2)), ThreadSlice(start: b, end: b + work, task: TaskID(2)),
                      ThreadSlice(start: c, end: end, task: TaskID(2))]
        if waiter {
            tasks.append(TaskTrack(task: TaskID(3), name: "waiter", spans: [
                StateSpan(start: a, end: a + 20 * us, state: .running), StateSpan(start: a + 20 * us, end: b + 20 * us, state: .channel),
                StateSpan(start: b + 20 * us, end: b + 40 * us, state: .running),
            ]))
            slices.append(ThreadSlice(start: b + 20 * us, end: b + 40 * us, task: TaskID(3)))
        }
        let threads = [ThreadTrack(thread: ThreadID(1), label: "pool thread 0", slices: slices.sorted { $0.start < $1.start },
                                   lifetime: TimeSpan(0, end), role: .worker)]
        let facts = RunFacts(program: "sleeps", scheduler: "multiplexed", workers: 1, taskCount: tasks.count, threadCount: 1,
                             wallTime: end, eventCount: 20)
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks)
    }

    static func folds(_ run: RenderTimeline, width: Double = 1000) -> [TimeFold] {
        TimeFolding.folds([run], start: 0, end: run.facts.axisEnd, plotWidth: width)
    }

    @Test("a 10 ms sleep in a 30 ms run while a task waits on a channel through it stays drawn; a 2 s sleep folds")
    func blockedStretchStays() {
        // Without the waiter the three alike sleeps all fold: the 50 µs bursts need the room.
        let plain = Self.folds(Self.sleeps(middle: 10 * Self.ms, waiter: false))
        #expect(plain.count == 3, "\(plain)")
        // With the waiter the middle sleep (10.15–20.15 ms) is its whole wait, a third of the run: it stays drawn.
        let waited = Self.folds(Self.sleeps(middle: 10 * Self.ms, waiter: true))
        #expect(waited.count == 2 && !waited.contains { $0.end > 10_200 * Self.us && $0.start < 20 * Self.ms }, "\(waited)")
        // A 2 s wait is most of the run: folded, its label says how long it was.
        let long = Self.folds(Self.sleeps(middle: 2_000 * Self.ms, waiter: true))
        #expect(long.contains { $0.duration >= 1_999 * Self.ms }, "\(long)")
    }

    @Test("a stretch short against the whole axis is never folded, however quiet")
    func shortStretchesStay() {
        // The middle sleep is 500 µs of a 21 ms run (under 4 %): only the two 10 ms sleeps fold.
        let folds = Self.folds(Self.sleeps(middle: 500 * Self.us, waiter: false))
        #expect(folds.count == 2 && folds.allSatisfy { $0.duration >= 9 * Self.ms }, "\(folds)")
    }

    @Test("bursts already wide enough to read keep a linear axis")
    func readableBurstsStayLinear() {
        // Bursts of 1.5 ms between 5 ms sleeps: the sleeps are long against their bursts, yet on 1,000 px every
        // burst is over 48 px wide without folding.
        let run = Fixtures.periodic(rounds: 4, workers: 1, period: 6_500_000, burst: 1_500_000)
        #expect(Self.folds(run).isEmpty)
        // Drawn narrow, the same bursts need the folds.
        #expect(Self.folds(run, width: 150).count == 4)
    }

    @Test("the longest stretches fold first, and folding stops once every burst is readable")
    func longestFirst() {
        // 2 ms bursts around a 100 ms sleep and two 10 ms ones: folding the 100 ms alone draws each burst about 70 px wide.
        let wide = Self.folds(Self.sleeps(middle: 100 * Self.ms, waiter: false, work: 2 * Self.ms))
        #expect(wide.count == 1 && wide[0].duration == 100 * Self.ms, "\(wide)")
        // 50 µs bursts are still 2 px wide after it: the 10 ms sleeps fold too.
        #expect(Self.folds(Self.sleeps(middle: 100 * Self.ms, waiter: false)).count == 3)
    }

    @Test("a panel's fold label is true for that panel: a stretch after its run ended says so")
    func runOverInItsPanel() {
        let run = Fixtures.sleepy()
        let after = TimeFold(start: run.facts.axisEnd + Self.ms, end: run.facts.axisEnd + 100 * Self.ms)
        #expect(TimeFolding.describe(after, in: run) == "run over")
        #expect(TimeFolding.describe(TimeFold(start: 80_000, end: 100_050_000), in: run) == "every task asleep")
    }

    @Test("every stretch between folds wide enough for a label gets a round tick, and 0 is named")
    func everyStretchTicked() throws {
        // Five 100 ms sleeps between 100 µs bursts, as the numbers demo: each burst about 200 px wide.
        var folds: [TimeFold] = []
        var t: UInt64 = 100 * Self.us
        for _ in 0..<5 {
            folds.append(TimeFold(start: t, end: t + 100 * Self.ms))
            t += 100 * Self.ms + 100 * Self.us
        }
        let scale = TimeScale(start: 0, end: t, x0: 100, x1: 1400, folds: folds)
        let width = { (s: String) in measurer.width(s, size: Metrics.axisSize) }
        let ticks = AxisTickChoice(scale: scale, row: (70, 1410), width: width).place()
        for segment in scale.segments where !segment.folded {
            #expect(ticks.contains { $0.time >= segment.t0 && $0.time <= segment.t1 },
                    "no tick in \(segment.t0)–\(segment.t1): \(ticks.map(\.label))")
        }
        #expect(ticks.first?.time == 0)
    }
}
