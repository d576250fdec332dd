/// A summary of a distribution of durations: count, nearest-rank p50/p90/p99, max, total.
public struct Percentiles: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var max: UInt64
    public var total: UInt64

    /// The summary of `values` (in any order; sorted here). All zero when empty.
    public init(_ values: [UInt64]) {
        let sorted = values.sorted()
        count = sorted.count
        total = sorted.reduce(0, +)
        func rank(_ p: Double) -> UInt64 {
            guard !sorted.isEmpty else { return 0 }
            let r = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.min(Swift.max(r, 0), sorted.count - 1)]
        }
        p50 = rank(0.50)
        p90 = rank(0.90)
        p99 = rank(0.99)
        max = sorted.last ?? 0
    }

    /// The mean, 0 when empty.
    public var mean: UInt64 { count == 0 ? 0 : total / UInt64(count) }
}
