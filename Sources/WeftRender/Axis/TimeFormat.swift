import Foundation

/// The time axis's units and tick labels (ns, µs, ms, s). Durations in text are `DurationFormat.format` (WeftAnalysis).
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
}
