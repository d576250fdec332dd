/// The middle and the extremes of one measure taken over repeated runs: the median with the lowest and highest value.
///
/// The median is the middle value by rank (nearest rank, as `Percentiles.p50`): for an even count, the lower of the
/// two middle values, so that it is always one run's own value and that run can be shown for it.
public struct Spread<Value: Comparable & Sendable>: Sendable, Equatable {
    /// The middle value by rank.
    public var median: Value
    /// The lowest value.
    public var low: Value
    /// The highest value.
    public var high: Value
    /// How many values there were.
    public var count: Int

    /// The spread of `values`; nil when there are none.
    public init?(_ values: [Value]) {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        median = sorted[Spread.medianRank(sorted.count)]
        low = sorted[0]
        high = sorted[sorted.count - 1]
        count = sorted.count
    }

    /// One value taken once.
    public init(single value: Value) {
        median = value
        low = value
        high = value
        count = 1
    }

    public init(median: Value, low: Value, high: Value, count: Int) {
        self.median = median
        self.low = low
        self.high = high
        self.count = count
    }

    /// Whether the two ranges, lowest to highest, share at least one value.
    public func overlaps(_ other: Spread) -> Bool { low <= other.high && other.low <= high }

    /// The spread as the compare table and the contrast picture's runs strip write it: "2.36 ms (2.15 ms – 3.52 ms)",
    /// the median with the lowest – highest in brackets, or the one value alone when they do not differ.
    public func text(_ format: (Value) -> String) -> String {
        guard count > 1, low != high else { return format(median) }
        return "\(format(median)) (\(format(low)) – \(format(high)))"
    }

    /// Spreads printed side by side (a row of the compare table, the runs strip's two labels), each as `text` writes
    /// it, their values all written by one call of `distinct` (`DurationFormat.distinct`, `ByteFormat.distinct`), which
    /// gives them enough significant digits that values that differ print differently: "242.6 ms (242.4 ms – 243.4
    /// ms)", never "243 ms (242 ms – 243 ms)". Nil where the spread is nil.
    public static func texts(_ spreads: [Spread?], _ distinct: ([Value]) -> [String]) -> [String?] {
        let present = spreads.compactMap { $0 }
        let written = distinct(present.flatMap { [$0.median, $0.low, $0.high] })
        guard written.count == present.count * 3 else { return spreads.map { _ in nil } }
        var next = 0
        return spreads.map { spread in
            guard let spread else { return nil }
            defer { next += 3 }
            let (median, low, high) = (written[next], written[next + 1], written[next + 2])
            guard spread.count > 1, spread.low != spread.high else { return median }
            return "\(median) (\(low) – \(high))"
        }
    }

    /// The position of the median among `count` sorted values: the middle one, or the lower of the two middle ones.
    public static func medianRank(_ count: Int) -> Int { max(count - 1, 0) / 2 }

    /// The index in `values` of the value that is the median (the first such, when several are equal); nil when empty.
    public static func medianIndex(_ values: [Value]) -> Int? {
        guard !values.isEmpty else { return nil }
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        return order[medianRank(values.count)]
    }
}
