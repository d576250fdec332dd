/// A summary of a distribution of durations: count, nearest-rank p50/p90/p99, max, total.
///
/// Count, max and total are exact. The percentiles come from a `DurationHistogram`: each is at most 1/128 (0.78 %)
/// below the exact nearest-rank value, never above it, and exact below 128 ns. Every figure that prints a percentile
/// (stats, compare, diff, the verdict) takes it from here, so they agree.
public struct Percentiles: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var max: UInt64
    public var total: UInt64

    /// The largest relative error of a percentile: it is at most this fraction below the exact value.
    public static let relativeError = DurationHistogram.relativeError

    /// The summary of `values` (in any order). All zero when empty.
    public init(_ values: [UInt64]) {
        var histogram = DurationHistogram()
        for value in values { histogram.add(value) }
        self.init(histogram)
    }

    /// The summary of the values counted in `histogram`.
    init(_ histogram: DurationHistogram) {
        let n = histogram.count
        func rank(_ p: Double) -> Int { Swift.min(Swift.max(Int((p * Double(n)).rounded(.up)) - 1, 0), Swift.max(n - 1, 0)) }
        count = n
        total = histogram.total
        max = histogram.max
        let values = histogram.values(atRanks: [rank(0.50), rank(0.90), rank(0.99)])
        p50 = values[0]
        p90 = values[1]
        p99 = values[2]
    }

    /// The mean, 0 when empty.
    public var mean: UInt64 { count == 0 ? 0 : total / UInt64(count) }
}
