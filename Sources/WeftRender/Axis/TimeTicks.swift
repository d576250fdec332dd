/// Round tick positions for a time axis: steps of 1, 2 or 5 times a power of ten, labelled in one readable unit.
public struct TimeTicks: Sendable, Equatable {
    /// One tick: its time in nanoseconds since trace start, and its label.
    public struct Tick: Sendable, Equatable {
        public var time: Double
        public var label: String
    }

    /// Distance between ticks, in nanoseconds.
    public var step: Double
    /// The unit every label uses.
    public var unit: TimeFormat.Unit
    public var ticks: [Tick]

    /// Ticks covering `start...end` (nanoseconds) with at most `maxTicks` ticks (at least 2 when the span allows).
    public init(start: Double, end: Double, maxTicks: Int) {
        let span = max(end - start, 1)
        let target = span / Double(max(maxTicks, 1))
        var magnitude = 1.0
        while magnitude * 10 <= target { magnitude *= 10 }
        var chosen = magnitude
        for m in [1.0, 2, 5, 10] where magnitude * m >= target {
            chosen = magnitude * m
            break
        }
        if chosen < target { chosen = magnitude * 10 }
        step = max(chosen, 1)
        unit = TimeFormat.unit(for: max(end, step))
        var list: [Tick] = []
        var k = (start / step).rounded(.up)
        while k * step <= end + step * 1e-9 {
            let t = k * step
            list.append(Tick(time: t, label: TimeFormat.tick(t, unit: unit, step: step)))
            k += 1
        }
        ticks = list
    }
}
