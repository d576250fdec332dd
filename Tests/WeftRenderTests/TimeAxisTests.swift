import Testing
@testable import WeftRender

@Suite("Time axis")
struct TimeAxisTests {
    @Test("steps are 1, 2 or 5 times a power of ten, in one readable unit")
    func roundSteps() {
        let ticks = TimeTicks(start: 0, end: 76_800_000, maxTicks: 10)
        #expect(ticks.step == 10_000_000)
        #expect(ticks.ticks.map(\.label) == ["0 ms", "10 ms", "20 ms", "30 ms", "40 ms", "50 ms", "60 ms", "70 ms"])
        for (span, maxTicks) in [(1.0, 5), (999.0, 7), (12_345.0, 4), (3.3e9, 9), (7.0e5, 3), (1.2e9, 6)] {
            let t = TimeTicks(start: 0, end: span, maxTicks: maxTicks)
            var mantissa = t.step
            while mantissa >= 10 { mantissa /= 10 }
            #expect([1, 2, 5].contains(mantissa), "step \(t.step) for span \(span)")
            #expect(t.ticks.count <= maxTicks + 1 && t.ticks.count >= 2, "\(t.ticks.count) ticks for span \(span)")
        }
    }

    @Test("labels use the unit of the span with just enough decimals")
    func labels() {
        #expect(TimeTicks(start: 0, end: 1_200_000_000, maxTicks: 6).ticks.map(\.label)
            == ["0.0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1.0 s", "1.2 s"])
        #expect(TimeTicks(start: 0, end: 2_500, maxTicks: 5).ticks.map(\.label)
            == ["0.0 µs", "0.5 µs", "1.0 µs", "1.5 µs", "2.0 µs", "2.5 µs"])
        #expect(TimeTicks(start: 10_000_000, end: 10_400_000, maxTicks: 4).ticks.first?.label == "10.0 ms")
        #expect(TimeTicks(start: 0, end: 800, maxTicks: 4).ticks.map(\.label) == ["0 ns", "200 ns", "400 ns", "600 ns", "800 ns"])
    }

    @Test("a window that starts late gets ticks inside it")
    func window() {
        let t = TimeTicks(start: 1_234_567, end: 1_834_567, maxTicks: 6)
        #expect(t.ticks.allSatisfy { $0.time >= 1_234_567 && $0.time <= 1_834_567 })
        #expect(t.ticks.first?.label == "1.3 ms")
    }
}
