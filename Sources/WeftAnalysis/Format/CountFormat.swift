/// How Weft writes counts for people: "10,000", "1 thread", "3 threads". Analysis, pictures and commands all use it
/// (the demos, which import only the runtime, group their own numbers the same way).
public enum CountFormat {
    /// The number with thousands separators: "10,000", "-1,234".
    public static func grouped<N: BinaryInteger>(_ value: N) -> String {
        let digits = String(value.magnitude)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// A ratio for people, without its sign: "2.33", "37.3", "412", and from a thousand on a grouped whole number,
    /// "3,334". The verdict and `weft compare`'s table both write ratios with it.
    public static func ratio(_ r: Double) -> String {
        r >= 999.5 && r < 1e18 ? grouped(Int(r.rounded())) : DurationFormat.significant(r)
    }

    /// A count and its noun, plural unless the count is one: "1 thread", "10,004 threads", "2 mutexes".
    public static func counted<N: BinaryInteger>(_ value: N, _ noun: String, plural: String? = nil) -> String {
        "\(grouped(value)) \(value == 1 ? noun : plural ?? noun + "s")"
    }
}
