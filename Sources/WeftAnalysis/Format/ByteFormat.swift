/// Sizes for people, in one convention everywhere: powers of 1,024 written KiB, MiB, GiB, TiB (the README says so).
public enum ByteFormat {
    /// `512 B`, `1.50 KiB`, `12.3 MiB`, `1.02 GiB`: three significant digits in the largest unit that keeps the
    /// number below 1024 once rounded.
    public static func format(_ count: UInt64) -> String { format(bytes: Double(count)) }

    /// A (possibly fractional) byte count, e.g. bytes per task, with `digits` significant digits (three unless told).
    public static func format(bytes count: Double, digits: Int = 3) -> String {
        guard count.isFinite else { return "- B" }
        let bytes = max(0, count)
        if bytes.rounded() < 1_024 { return "\(UInt64(bytes.rounded())) B" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = bytes / 1_024
        for (i, unit) in units.enumerated() {
            // 1023.7 KiB rounds to 1024: write it as 1.00 MiB instead.
            if i == units.count - 1 || value < 1_023.5 {
                return DurationFormat.significant(value, digits: digits) + " " + unit
            }
            value /= 1_024
        }
        return DurationFormat.significant(value, digits: digits) + " TiB"
    }

    /// Byte counts written with one number of significant digits, the fewest from three on at which any two
    /// different counts print differently (`DistinctDigits`): "26.31 MiB", "26.34 MiB" rather than "26.3 MiB" twice.
    public static func distinct(bytes counts: [Double]) -> [String] {
        let digits = DistinctDigits.digits(counts) { format(bytes: $0, digits: $1) }
        return counts.map { format(bytes: $0, digits: digits) }
    }
}
