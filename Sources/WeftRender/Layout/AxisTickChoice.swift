/// Which ticks a (possibly folded) time axis names, and where their labels go: every tick is a round time drawn at
/// its true place, and no two labels crowd each other (`LabelRow`).
///
/// Each stretch between folds gets the multiples of the finest 1-2-5 step whose labels fit its width and of which
/// some fall clear of its breaks, so that ticks in one stretch are evenly spaced. A fold is a break in the axis: no tick falls inside it, and no tick's label comes
/// within `spacing` of it (the gap two labels keep), so that no label crowds a break; a burst too narrow for that is
/// named by its fold labels.
struct AxisTickChoice {
    /// One tick and its label's box.
    struct Placed: Equatable {
        let time: Double
        let label: String
        let left: Double
        let width: Double
        var right: Double { left + width }
    }

    /// Pixels kept free between two labels: enough that two never read as one, even across a fold. The step of
    /// the ticks is chosen for this gap too.
    static let spacing = 10.0

    let scale: TimeScale
    /// The stretch of the row labels may use (they may reach past the plot's edges into it).
    let row: (left: Double, right: Double)
    /// The width of a text at the axis label size.
    let width: (String) -> Double

    /// The ticks, in time order.
    func place() -> [Placed] {
        var placed: [Placed] = []
        var labels = LabelRow(left: row.left, right: row.right, spacing: Self.spacing)
        for segment in scale.segments where !segment.folded {
            for tick in ticks(segment) {
                let x = scale.x(tick.time)
                let w = width(tick.label)
                guard !placed.contains(where: { $0.time == tick.time }),
                      let left = labels.place(width: w, over: x, x) else { continue }
                placed.append(Placed(time: tick.time, label: tick.label, left: left, width: w))
            }
        }
        return placed.sorted { $0.time < $1.time }
    }

    /// Round ticks over `segment`, clear of its breaks: the multiples of the finest step whose labels keep room
    /// between them at its width and of which at least one falls clear; failing that, the clear tick of a finer step
    /// nearest its middle (a stretch wide enough for one label gets one); none when no step has one.
    func ticks(_ segment: TimeScale.Segment) -> [TimeTicks.Tick] {
        let breakBefore = scale.segments.contains { $0.folded && $0.x1 == segment.x0 }
        let breakAfter = scale.segments.contains { $0.folded && $0.x0 == segment.x1 }
        let pixels = segment.x1 - segment.x0
        let span = max(segment.t1 - segment.t0, 1)
        // Inside the stretch, and its label clear of the breaks beside it.
        func isClear(_ tick: TimeTicks.Tick) -> Bool {
            guard tick.time >= segment.t0, tick.time <= segment.t1 else { return false }
            let x = scale.x(tick.time)
            let clearance = width(tick.label) / 2 + Self.spacing
            return !(breakBefore && x - segment.x0 < clearance) && !(breakAfter && segment.x1 - x < clearance)
        }
        // A narrow burst tries a few steps (at least three ticks' worth) for one that lands clear of its breaks.
        var maxTicks = max(Int(pixels / 70), 3)
        while maxTicks >= 1 {
            let ticks = TimeTicks(start: segment.t0, end: segment.t1, maxTicks: maxTicks)
            maxTicks -= 1
            let widest = ticks.ticks.map { width($0.label) }.max() ?? 0
            guard pixels * ticks.step / span >= widest + Self.spacing || maxTicks == 0 else { continue }
            let clear = ticks.ticks.filter(isClear)
            if !clear.isEmpty { return clear }
        }
        // No step whose every label fits has one clear of the breaks: a stretch wide enough for one label still gets
        // one round tick, the clear one nearest its middle among a finer step's.
        let middle = (segment.x0 + segment.x1) / 2
        for maxTicks in 4...24 {
            let ticks = TimeTicks(start: segment.t0, end: segment.t1, maxTicks: maxTicks)
            let clear = ticks.ticks.filter(isClear)
            if let best = clear.min(by: { abs(scale.x($0.time) - middle) < abs(scale.x($1.time) - middle) }) {
                return [best]
            }
        }
        return []
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
            let spaced = pixels * ticks.step / span >= widest + spacing
            if spaced || maxTicks <= 1 { return (ticks, spaced) }
            maxTicks -= 1
        }
    }
}
