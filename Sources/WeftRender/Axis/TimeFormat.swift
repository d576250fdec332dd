import Foundation

/// Durations and instants in readable units (ns, µs, ms, s).
public enum TimeFormat {
    /// A time unit and its size in nanoseconds.
    public struct Unit: Sendable, Equatable {
        public var symbol: String
        public var nanoseconds: Double
        public static let ns = Unit(symbol: "ns", nanoseconds: 1)
        public static let us = Unit(symbol: "µs", nanoseconds: 1e3)
        public static let ms = Unit(symbol: "ms", nanoseconds: 1e6)
        public static let s = Unit(symbol: "s", nanoseconds: 1e9)
        static let all: [Unit] = [.ns, .us, .ms, .s]
    }

    /// The largest unit in which `nanoseconds` is at least 1 (ns for 0).
    public static func unit(for nanoseconds: Double) -> Unit {
        Unit.all.last { nanoseconds >= $0.nanoseconds } ?? .ns
    }

    /// A duration with three significant digits: "850 ns", "12.3 µs", "1.25 s".
    public static func duration(_ nanoseconds: UInt64) -> String { duration(Double(nanoseconds)) }

    /// A duration with three significant digits.
    public static func duration(_ nanoseconds: Double) -> String {
        var unit = unit(for: nanoseconds)
        var value = nanoseconds / unit.nanoseconds
        // 999.96 µs would print as "1000 µs": move up a unit once rounding reaches 1000.
        if value >= 999.5, let next = Unit.all.first(where: { $0.nanoseconds > unit.nanoseconds }) {
            unit = next
            value = nanoseconds / unit.nanoseconds
        }
        return (unit == .ns ? String(Int(value.rounded())) : threeDigits(value)) + " " + unit.symbol
    }

    /// `value` with three significant digits: "850", "12.3", "1.25".
    static func threeDigits(_ value: Double) -> String {
        let decimals = value >= 99.95 ? 0 : value >= 9.995 ? 1 : 2
        return String(format: "%.\(decimals)f", value)
    }

    /// `value` in `unit` with just enough decimals for a step of `step` nanoseconds.
    public static func tick(_ nanoseconds: Double, unit: Unit, step: Double) -> String {
        let stepInUnit = step / unit.nanoseconds
        var decimals = 0
        var s = stepInUnit
        while s < 1 - 1e-9, decimals < 6 {
            s *= 10
            decimals += 1
        }
        // A step such as 2.5 would need one more digit; 1-2-5 steps never do once scaled to >= 1.
        return String(format: "%.\(decimals)f", nanoseconds / unit.nanoseconds) + " " + unit.symbol
    }

    /// Parses a duration such as "10ms", "2.5 s", "300us", "300µs", "1500" (nanoseconds) into nanoseconds.
    public static func parse(_ text: String) -> UInt64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let suffixes: [(String, Double)] = [("ns", 1), ("µs", 1e3), ("us", 1e3), ("ms", 1e6), ("s", 1e9)]
        var number = trimmed
        var scale = 1.0
        for (suffix, factor) in suffixes where trimmed.hasSuffix(suffix) {
            number = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0 else { return nil }
        let ns = (value * scale).rounded()
        guard ns < 1.8e19 else { return nil }
        return UInt64(ns)
    }
}
