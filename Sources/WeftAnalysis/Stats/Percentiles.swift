/// A summary of a distribution of durations: count, nearest-rank p50/p90/p99, max, total.
public struct Percentiles: Sendable, Equatable, Codable {
    public var count: Int
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var max: UInt64
    public var total: UInt64

    /// The summary of `values` (in any order). All zero when empty. Linear time: selection, not sorting.
    public init(_ values: [UInt64]) {
        var v = values
        count = v.count
        total = v.saturatingSum()
        max = v.max() ?? 0
        func rank(_ p: Double) -> Int { Swift.min(Swift.max(Int((p * Double(v.count)).rounded(.up)) - 1, 0), Swift.max(v.count - 1, 0)) }
        // Select the highest rank first, then the lower ones within the part below it.
        let r99 = rank(0.99), r90 = rank(0.90), r50 = rank(0.50)
        p99 = Percentiles.select(&v, r99, 0, v.count)
        p90 = r90 == r99 ? p99 : Percentiles.select(&v, r90, 0, r99)
        p50 = r50 == r90 ? p90 : Percentiles.select(&v, r50, 0, r90)
    }

    /// The value of rank `k` among `v[low..<high]` (which it partially reorders: after it, `v[..<k]` is `<=` it).
    static func select(_ v: inout [UInt64], _ k: Int, _ low: Int, _ high: Int) -> UInt64 {
        guard !v.isEmpty else { return 0 }
        var low = low, high = high - 1
        while low < high {
            let mid = low + (high - low) / 2
            // Median of three as the pivot.
            if v[mid] < v[low] { v.swapAt(mid, low) }
            if v[high] < v[low] { v.swapAt(high, low) }
            if v[high] < v[mid] { v.swapAt(high, mid) }
            let pivot = v[mid]
            var i = low, j = high
            while i <= j {
                while v[i] < pivot { i += 1 }
                while pivot < v[j] { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return v[k] }
        }
        return v[k]
    }

    /// The mean, 0 when empty.
    public var mean: UInt64 { count == 0 ? 0 : total / UInt64(count) }
}
