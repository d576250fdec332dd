/// Durations for people: `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`; and back, for command-line options (`10ms`).
public enum DurationFormat {
    /// A duration in nanoseconds as a short readable string with three significant digits.
    ///
    /// `format(0) == "0 ns"`, `format(1_500) == "1.50 µs"`, `format(12_345_678) == "12.3 ms"`, `format(2e9) == "2.00 s"`.
    public static func format(_ nanoseconds: UInt64) -> String {
        let ns = Double(nanoseconds)
        if nanoseconds < 1_000 { return "\(nanoseconds) ns" }
        if nanoseconds < 1_000_000 { return significant(ns / 1e3) + " µs" }
        if nanoseconds < 1_000_000_000 { return significant(ns / 1e6) + " ms" }
        return significant(ns / 1e9) + " s"
    }

    /// A signed duration (for differences): `-1.20 ms`, `+3.40 µs`, `0 ns`.
    public static func format(signed nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0 ns" }
        return (nanoseconds < 0 ? "-" : "+") + format(nanoseconds.magnitude)
    }

    /// A number with three significant digits (1.23, 12.3, 123), rounding half up.
    static func significant(_ value: Double) -> String {
        let decimals = value < 9.995 ? 2 : value < 99.95 ? 1 : 0
        return fixed(value, decimals: decimals)
    }

    /// A number with this many decimals, without Foundation.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = UInt64(scaled / scale)
        let fraction = UInt64(scaled - Double(whole) * scale)
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        let digits = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// A share as a percentage with one decimal: `percent(1, of: 3) == "33.3%"`; "-" when `total` is 0.
    public static func percent(_ part: UInt64, of total: UInt64) -> String {
        total == 0 ? "-" : fixed(Double(part) * 100 / Double(total), decimals: 1) + "%"
    }

    /// Parses `10ms`, `1.5s`, `250us`, `250µs`, `800ns`, `2m` (minutes); a bare number is nanoseconds.
    /// Returns nil for anything else.
    public static func parse(_ text: String) -> UInt64? {
        let trimmed = text.filter { $0 != " " && $0 != "_" }
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).lowercased()
        guard !digits.isEmpty, let value = Double(digits), value >= 0 else { return nil }
        let scale: Double
        switch unit {
        case "", "ns": scale = 1
        case "us", "µs", "μs": scale = 1e3
        case "ms": scale = 1e6
        case "s": scale = 1e9
        case "m", "min": scale = 60e9
        default: return nil
        }
        let ns = value * scale
        guard ns < 1.8e19 else { return nil }
        return UInt64(ns.rounded())
    }

    /// Bytes for people: `512 B`, `1.50 KiB`, `12.3 MiB`, `1.02 GiB`.
    public static func bytes(_ count: UInt64) -> String {
        let b = Double(count)
        if count < 1024 { return "\(count) B" }
        if b < 1024 * 1024 { return significant(b / 1024) + " KiB" }
        if b < 1024 * 1024 * 1024 { return significant(b / 1024 / 1024) + " MiB" }
        return significant(b / 1024 / 1024 / 1024) + " GiB"
    }
}
