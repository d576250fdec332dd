/// Maps times (ns since trace start) in a window to x pixels in the plot area.
struct TimeScale {
    let start: Double
    let end: Double
    let x0: Double
    let x1: Double
    private let factor: Double

    init(start: UInt64, end: UInt64, x0: Double, x1: Double) {
        self.start = Double(start)
        self.end = Double(max(end, start + 1))
        self.x0 = x0
        self.x1 = x1
        factor = (x1 - x0) / (self.end - self.start)
    }

    @inline(__always) func x(_ t: UInt64) -> Double { x0 + (Double(t) - start) * factor }
    @inline(__always) func x(_ t: Double) -> Double { x0 + (t - start) * factor }

    /// Whether [a, b) meets the window.
    @inline(__always) func overlaps(_ a: UInt64, _ b: UInt64) -> Bool { Double(b) >= start && Double(a) <= end }

    /// x of `t` clamped to the plot.
    @inline(__always) func clampedX(_ t: UInt64) -> Double { min(max(x(t), x0), x1) }

    var plotWidth: Double { x1 - x0 }
    /// Nanoseconds one pixel covers.
    var nanosecondsPerPixel: Double { (end - start) / (x1 - x0) }
}
