/// Durations for people: `850 ns`, `12.3 µs`, `4.56 ms`, `1.23 s`; and back, for command-line options (`10ms`).
public enum DurationFormat {
    /// A duration in nanoseconds as a short readable string with three significant digits: the one way Weft writes
    /// a duration for people (stats, check, diff, compare, run, pictures, export notes).
    ///
    /// `format(0) == "0 ns"`, `format(1_500) == "1.50 µs"`, `format(999_999) == "1.00 ms"`, `format(2_000_000_000) == "2.00 s"`.
    public static func format(_ nanoseconds: UInt64) -> String { format(nanoseconds: Double(nanoseconds)) }

    /// A duration in (possibly fractional) nanoseconds, e.g. a mean: whole nanoseconds below 1 µs, else `digits`
    /// significant digits (three unless told) in the largest unit that keeps the number below 1000 once rounded.
    ///
    /// `format(nanoseconds: 242_640_000, digits: 4) == "242.6 ms"`.
    public static func format(nanoseconds: Double, digits: Int = 3) -> String {
        guard nanoseconds.isFinite else { return "- ns" }
        let ns = max(0, nanoseconds)
        if ns.rounded() < 1_000 { return "\(UInt64(ns.rounded())) ns" }
        let units: [(symbol: String, size: Double)] = [("µs", 1e3), ("ms", 1e6), ("s", 1e9)]
        for (i, unit) in units.enumerated() {
            let value = ns / unit.size
            // 999.96 µs rounds to 1000: write it as 1.00 ms instead.
            if i == units.count - 1 || !roundsUp(value, below: 1_000, digits: digits) {
                return significant(value, digits: digits) + " " + unit.symbol
            }
        }
        return significant(ns / 1e9, digits: digits) + " s"
    }

    /// Durations (ns) written with one number of significant digits, the fewest from three on at which any two
    /// different values print differently (`DistinctDigits`): "242.6 ms", "243.4 ms" rather than "243 ms" twice.
    public static func distinct(_ nanoseconds: [UInt64]) -> [String] {
        distinct(nanoseconds: nanoseconds.map { Double($0) })
    }

    /// As `distinct(_:)`, for (possibly fractional) nanoseconds.
    public static func distinct(nanoseconds: [Double]) -> [String] {
        let digits = DistinctDigits.digits(nanoseconds) { format(nanoseconds: $0, digits: $1) }
        return nanoseconds.map { format(nanoseconds: $0, digits: digits) }
    }

    /// A signed duration (for differences): `-1.20 ms`, `+3.40 µs`, `0 ns`.
    public static func format(signed nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0 ns" }
        return (nanoseconds < 0 ? "-" : "+") + format(nanoseconds.magnitude)
    }

    /// A number below 1000 with three significant digits (1.23, 12.3, 123), or `digits` of them (4: 1.234, 12.34,
    /// 123.4), rounding half up.
    public static func significant(_ value: Double, digits: Int = 3) -> String {
        let d = max(digits, 1)
        let decimals = !roundsUp(value, below: 10, digits: d) ? d - 1
            : !roundsUp(value, below: 100, digits: d) ? max(d - 2, 0) : max(d - 3, 0)
        return fixed(value, decimals: decimals)
    }

    /// Whether `value`, written with `digits` significant digits as the decade below `limit` writes it, reaches
    /// `limit` (9.996 at three digits is "10.00", a digit too many: it belongs to the next decade).
    static func roundsUp(_ value: Double, below limit: Double, digits: Int) -> Bool {
        var decimals = digits - 1
        var decade = limit
        while decade > 10 {
            decade /= 10
            decimals -= 1
        }
        var step = 1.0
        for _ in 0..<abs(decimals) { step *= 10 }
        let half = decimals >= 0 ? 0.5 / step : 0.5 * step
        return value >= limit - half
    }

    /// A number with this many decimals, without Foundation; a value too large (or not finite) for that is written as
    /// Swift writes a `Double` ("1e+20", "inf") rather than trapping.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled.isFinite, scaled < 1.8e19 else { return value.description }
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
}
