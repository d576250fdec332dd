import Testing
@testable import WeftAnalysis

/// Whether a pool thread recorded a wake inside a gap between its slices (`FrozenPoolThreads.woke`): a wake that
/// ended after the gap's start and no later than its end counts; the binary search over sorted ends answers as a scan.
@Suite struct FrozenPoolThreadsWakeTests {
    static func scan(_ wakes: IntervalList<SignalledWake>, _ after: UInt64, _ through: UInt64) -> Bool {
        wakes.contains { $0.end > after && $0.end <= through }
    }

    @Test func edgesOfTheGap() {
        let wakes = IntervalList(sorted: [SignalledWake(start: 5, end: 10), SignalledWake(start: 20, end: 30)])
        #expect(wakes.endsSorted)
        #expect(!FrozenPoolThreads.woke(wakes, after: 10, through: 19))  // ended at the gap's start: before it
        #expect(FrozenPoolThreads.woke(wakes, after: 9, through: 10))    // ended at the gap's end: inside
        #expect(!FrozenPoolThreads.woke(wakes, after: 30, through: 100)) // after every wake
        #expect(!FrozenPoolThreads.woke(wakes, after: 0, through: 9))    // before every wake
        #expect(FrozenPoolThreads.woke(wakes, after: 11, through: 30))
        #expect(!FrozenPoolThreads.woke(IntervalList(sorted: []), after: 0, through: .max))
        #expect(!FrozenPoolThreads.woke(wakes, after: .max, through: .max))
    }

    @Test func agreesWithAScanSortedOrNot() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0 ..< 200 {
            var starts = (0 ..< Int.random(in: 0 ... 12, using: &generator)).map { _ in UInt64.random(in: 0 ... 100, using: &generator) }
            starts.sort()
            let wakes = IntervalList(sorted: starts.map { SignalledWake(start: $0, end: $0 + UInt64.random(in: 0 ... 30, using: &generator)) })
            for _ in 0 ..< 20 {
                let after = UInt64.random(in: 0 ... 140, using: &generator)
                let through = after + UInt64.random(in: 0 ... 40, using: &generator)
                #expect(FrozenPoolThreads.woke(wakes, after: after, through: through) == Self.scan(wakes, after, through),
                        "\(wakes.elements) \(after) \(through)")
            }
        }
    }
}
