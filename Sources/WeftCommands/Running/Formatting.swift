import Foundation
import WeftDemos

/// How Weft's commands write sizes, times and counts for people.
enum Format {
    /// Bytes as B, KB, MB or GB (powers of 1,024), three significant digits.
    static func bytes(_ value: Double) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var amount = value
        var unit = 0
        while amount >= 1_024, unit < units.count - 1 {
            amount /= 1_024
            unit += 1
        }
        return unit == 0 ? "\(Int(amount)) B" : "\(significant(amount)) \(units[unit])"
    }

    static func bytes(_ value: UInt64) -> String { bytes(Double(value)) }

    /// Nanoseconds as ns, µs, ms or s, three significant digits.
    static func duration(nanoseconds value: Double) -> String {
        if value < 1_000 { return "\(significant(value)) ns" }
        if value < 1_000_000 { return "\(significant(value / 1_000)) µs" }
        if value < 1_000_000_000 { return "\(significant(value / 1_000_000)) ms" }
        return "\(significant(value / 1_000_000_000)) s"
    }

    static func duration(nanoseconds value: UInt64) -> String { duration(nanoseconds: Double(value)) }

    /// A count with thousands separators.
    static func count<N: BinaryInteger>(_ value: N) -> String { Int(value).grouped }

    /// Three significant digits: 1.23, 12.3, 123.
    static func significant(_ value: Double) -> String {
        if value >= 100 { return String(Int(value.rounded())) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }

    /// The ratio b/a as "×12.3", or "—" when it means nothing.
    static func ratio(_ a: Double, _ b: Double) -> String {
        guard a > 0, b > 0 else { return "—" }
        return "×" + significant(b / a)
    }
}
