/// Where anything on a run's lanes changes, in fine time bins over a window: each bin keeps the earliest and latest
/// change inside it, and whether something runs across it, so that quiet stretches are found exactly in time
/// proportional to the changes (not to their sorting).
struct ActivityBins {
    let start: Double
    let end: Double
    let count: Int
    private let perNanosecond: Double
    private(set) var earliest: [Double]
    private(set) var latest: [Double]
    /// Difference array: +1 where a stretch of whole busy bins begins, -1 after it ends.
    private var busyEdges: [Int32]

    init(start: UInt64, end: UInt64, count: Int = 1 << 16) {
        self.start = Double(start)
        self.end = Double(max(end, start + 1))
        self.count = max(count, 1)
        perNanosecond = Double(self.count) / (self.end - self.start)
        earliest = [Double](repeating: .infinity, count: self.count)
        latest = [Double](repeating: -.infinity, count: self.count)
        busyEdges = [Int32](repeating: 0, count: self.count + 1)
    }

    @inline(__always) private func bin(_ t: Double) -> Int {
        min(max(Int((t - start) * perNanosecond), 0), count - 1)
    }

    /// Something changed at `t` (ignored outside the window).
    @inline(__always) mutating func instant(_ t: UInt64) {
        let time = Double(t)
        guard time >= start, time <= end else { return }
        let b = bin(time)
        if time < earliest[b] { earliest[b] = time }
        if time > latest[b] { latest[b] = time }
    }

    /// Something runs over [a, b): both ends change, and every bin between is busy.
    @inline(__always) mutating func busy(_ a: UInt64, _ b: UInt64) {
        instant(a)
        instant(b)
        let lo = max(Double(a), start)
        let hi = min(Double(b), end)
        guard hi > lo else { return }
        let first = bin(lo) + 1
        let last = bin(hi)
        if last > first {
            busyEdges[first] += 1
            busyEdges[last] -= 1
        }
    }

    /// The quiet stretches between consecutive changes, in time order (the window's ends count as changes).
    func gaps() -> [TimeFold] {
        var out: [TimeFold] = []
        var previous = start
        var running: Int32 = 0
        let width = (end - start) / Double(count)
        for b in 0..<count {
            running += busyEdges[b]
            var lo = earliest[b]
            var hi = latest[b]
            if running > 0 {
                lo = min(lo, start + Double(b) * width)
                hi = max(hi, start + Double(b + 1) * width)
            }
            guard lo <= hi else { continue }
            if lo > previous { out.append(TimeFold(start: UInt64(previous), end: UInt64(lo))) }
            previous = max(previous, hi)
        }
        if end > previous { out.append(TimeFold(start: UInt64(previous), end: UInt64(end))) }
        return out
    }
}
