/// Sums of durations and counts that stop at `UInt64.max` instead of trapping.
///
/// Every value the reader yields is bounded (times below 2^55 ns), but a sum over many tasks is not: 600 tasks each
/// waiting 2^55 ns on one mutex add up past 2^64. Such a sum is shown as its ceiling, never a crash.
extension UInt64 {
    /// `self + other`, or `UInt64.max` when the true sum does not fit.
    @inlinable
    public func addingSaturated(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }
}

extension Sequence {
    /// The sum of `value` over the elements, saturating at `UInt64.max`.
    @inlinable
    public func saturatingSum(_ value: (Element) throws -> UInt64) rethrows -> UInt64 {
        var total: UInt64 = 0
        for element in self { total = total.addingSaturated(try value(element)) }
        return total
    }
}

extension Sequence where Element == UInt64 {
    /// The sum of the elements, saturating at `UInt64.max`.
    @inlinable
    public func saturatingSum() -> UInt64 { saturatingSum { $0 } }
}
