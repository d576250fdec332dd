/// Which ticks a (possibly folded) time axis names, and where their labels go: every tick is a round time drawn at
/// its true place, and no two labels crowd each other.
///
/// In order, while there is room: the round ticks of each stretch between folds wide enough for two or more (chosen
/// for that stretch's width); then, for each other stretch (a burst too narrow for its own round ticks), the roundest
/// time inside it, so that every burst where there is room says when it happened. A fold is a break in the axis: no
/// tick falls inside it (one on its edge names the stretch beside it).
struct AxisTickChoice {
    /// One tick and its label's box.
    struct Placed: Equatable {
        let time: Double
        let label: String
        let left: Double
        let width: Double
        var right: Double { left + width }
    }

    /// Pixels kept free between two labels: enough that two never read as one, even across a fold.
    static let spacing = 10.0

    let scale: TimeScale
    /// The stretch of the row labels may use (they may reach past the plot's edges into it).
    let row: (left: Double, right: Double)
    /// The width of a text at the axis label size.
    let width: (String) -> Double

    /// The ticks, in time order.
    func place() -> [Placed] {
        var placed: [Placed] = []
        var narrow: [TimeScale.Segment] = []
        for segment in scale.segments where !segment.folded {
            let (ticks, spaced) = self.ticks(segment)
            if spaced, ticks.count > 1 { for tick in ticks { add(tick, to: &placed) } } else { narrow.append(segment) }
        }
        for segment in narrow where !placed.contains(where: { $0.time >= segment.t0 && $0.time <= segment.t1 }) {
            if let tick = Self.roundest(from: segment.t0, to: segment.t1) { add(tick, to: &placed) }
        }
        return placed.sorted { $0.time < $1.time }
    }

    /// Round ticks over `segment`, as many as its width allows without their labels crowding, and whether even the
    /// fewest leave room between their labels.
    func ticks(_ segment: TimeScale.Segment) -> (ticks: [TimeTicks.Tick], spaced: Bool) {
        let (ticks, spaced) = Self.fitting(start: segment.t0, end: segment.t1, pixels: segment.x1 - segment.x0, width: width)
        return (ticks.ticks.filter { $0.time >= segment.t0 && $0.time <= segment.t1 }, spaced)
    }

    /// The most round ticks over `start...end`, drawn `pixels` wide, whose labels (of the given `width`) keep room
    /// between them, and whether even the fewest (one step) do; the one tick rule of every time axis.
    static func fitting(start: Double, end: Double, pixels: Double,
                        width: (String) -> Double) -> (ticks: TimeTicks, spaced: Bool) {
        let span = max(end - start, 1)
        var maxTicks = max(Int(pixels / 70), 1)
        while true {
            let ticks = TimeTicks(start: start, end: end, maxTicks: maxTicks)
            let widest = ticks.ticks.map { width($0.label) }.max() ?? 0
            let spaced = pixels * ticks.step / span >= widest + 14
            if spaced || maxTicks <= 1 { return (ticks, spaced) }
            maxTicks -= 1
        }
    }

    /// The roundest time in [t0, t1] (a multiple of the largest 1-2-5 step that has one there), labelled with just
    /// enough digits; nil for an empty stretch.
    static func roundest(from t0: Double, to t1: Double) -> TimeTicks.Tick? {
        guard t1 > t0, t1 >= 1 else { return nil }
        var magnitude = 1.0
        while magnitude * 10 <= t1 { magnitude *= 10 }
        while magnitude >= 1 {
            for m in [5.0, 2, 1] {
                let step = magnitude * m
                let t = (t0 / step).rounded(.up) * step
                if t <= t1, t > 0 || t0 == 0 {
                    let unit = TimeFormat.unit(for: max(t, step))
                    return TimeTicks.Tick(time: t, label: TimeFormat.tick(t, unit: unit, step: step))
                }
            }
            magnitude /= 10
        }
        return nil
    }

    /// Places `tick`'s label centred on it (shifted, still over it, near the row's ends) unless it would crowd one
    /// already placed.
    private func add(_ tick: TimeTicks.Tick, to placed: inout [Placed]) {
        guard !placed.contains(where: { $0.time == tick.time }) else { return }
        let x = scale.x(tick.time)
        let w = width(tick.label)
        let left = min(max(x - w / 2, row.left), row.right - w)
        guard left <= x, left + w >= x else { return }
        let crowded = placed.contains { left < $0.right + Self.spacing && left + w > $0.left - Self.spacing }
        if !crowded { placed.append(Placed(time: tick.time, label: tick.label, left: left, width: w)) }
    }
}
