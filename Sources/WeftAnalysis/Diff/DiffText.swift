/// How the diff writes numbers: values in their unit, signed changes, and percentages.
public enum DiffText {
    /// A value in its unit: `1.20 ms`, `12.3 MiB`, `42`; `-` when not recorded.
    public static func value(_ v: UInt64?, _ unit: MetricUnit) -> String {
        guard let v else { return "-" }
        switch unit {
        case .nanoseconds: return DurationFormat.format(v)
        case .bytes: return ByteFormat.format(v)
        case .count: return "\(v)"
        }
    }

    /// A signed change in its unit: `+2.20 ms`, `-1.50 MiB`, `+3`, `0`.
    public static func signed(_ delta: Int64?, _ unit: MetricUnit) -> String {
        guard let delta else { return "-" }
        if delta == 0 { return unit == .nanoseconds ? "0 ns" : unit == .bytes ? "0 B" : "0" }
        let sign = delta < 0 ? "-" : "+"
        switch unit {
        case .nanoseconds: return DurationFormat.format(signed: delta)
        case .bytes: return sign + ByteFormat.format(delta.magnitude)
        case .count: return sign + "\(delta.magnitude)"
        }
    }

    /// `+12.3%`, `-4.0%`, `0%`; `new` when A was 0 and B is not; `-` when unknown.
    public static func percent(_ percent: Double?, delta: Int64?) -> String {
        guard let delta else { return "-" }
        guard let percent else { return delta > 0 ? "new" : "-" }
        if percent == 0 { return "0%" }
        let magnitude = abs(percent)
        let digits = magnitude >= 100 ? 0 : 1
        return (percent < 0 ? "-" : "+") + DurationFormat.fixed(magnitude, decimals: digits) + "%"
    }

    /// The A, B, Δ and Δ% cells of a metric.
    static func cells(_ m: MetricDelta) -> [String] {
        [value(m.a, m.unit), value(m.b, m.unit), signed(m.delta, m.unit), percent(m.percent, delta: m.delta)]
    }
}
