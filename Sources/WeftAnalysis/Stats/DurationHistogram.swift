/// Durations counted in buckets whose width is bounded relative to their values, so that a distribution of any
/// number of values takes the same small memory (HdrHistogram-style: each value kept to 8 significant bits).
///
/// Values below 128 ns each have their own bucket (exact); above, each power of two is cut into 128 buckets, so the
/// value read back for a rank (its bucket's lowest value) is at most 1/128 (0.78 %) below the value counted there,
/// and never above it. Count, total and maximum are exact.
struct DurationHistogram: Sendable, Equatable {
    /// Buckets per power of two, as a power of two: 2^7 = 128.
    static let subBucketBits = 7
    static let subBuckets = 1 << subBucketBits
    /// The largest relative error of a value read back: 1/128.
    static let relativeError = 1.0 / Double(subBuckets)

    /// Values per bucket; grown up to the highest bucket used.
    private var counts: [Int] = []
    /// How many values were added.
    private(set) var count = 0
    /// Their sum, saturating at `UInt64.max`.
    private(set) var total: UInt64 = 0
    /// The largest value added (0 when none).
    private(set) var max: UInt64 = 0

    /// Adds `value`, `times` times.
    @inline(__always)
    mutating func add(_ value: UInt64, times: Int = 1) {
        guard times > 0 else { return }
        let b = Self.bucket(of: value)
        if b >= counts.count { counts.append(contentsOf: repeatElement(0, count: b + 1 - counts.count)) }
        counts[b] += times
        count += times
        let (product, productOverflow) = value.multipliedReportingOverflow(by: UInt64(times))
        let (sum, sumOverflow) = total.addingReportingOverflow(product)
        total = productOverflow || sumOverflow ? .max : sum
        if value > max { max = value }
    }

    /// The bucket that holds `value`.
    @inline(__always)
    static func bucket(of value: UInt64) -> Int {
        guard value >= UInt64(subBuckets) else { return Int(value) }
        let shift = (63 - value.leadingZeroBitCount) - subBucketBits
        return (shift + 1) * subBuckets + Int(value >> UInt64(shift)) - subBuckets
    }

    /// The lowest value of bucket `b`.
    static func lowestValue(ofBucket b: Int) -> UInt64 {
        guard b >= subBuckets else { return UInt64(b) }
        let shift = b / subBuckets - 1
        return UInt64(b % subBuckets + subBuckets) << UInt64(shift)
    }

    /// The values of the 0-based ranks `ranks` (ascending) in sorted order, each its bucket's lowest value.
    func values(atRanks ranks: [Int]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(ranks.count)
        var next = 0
        var seen = 0
        for (b, n) in counts.enumerated() where n > 0 {
            seen += n
            while next < ranks.count && ranks[next] < seen {
                result.append(Self.lowestValue(ofBucket: b))
                next += 1
            }
            if next == ranks.count { break }
        }
        while result.count < ranks.count { result.append(0) }
        return result
    }
}
