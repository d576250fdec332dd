/// How many significant digits a set of figures printed side by side needs, so that figures that differ never print
/// alike: a median and its lowest – highest ("242.6 ms (242.4 ms – 243.4 ms)", not "243 ms (242 ms – 243 ms)"), two
/// schedulers' medians ("242.9 ms vs 243.1 ms"). The duration and byte formatters' `distinct` use it.
public enum DistinctDigits {
    /// The usual number of significant digits, and the most ever used: past six, two figures that still print alike
    /// differ by less than a millionth and are as good as equal.
    public static let usual = 3
    public static let most = 6

    /// The fewest significant digits from `usual` to `most` at which `format` (a value and a number of digits) writes
    /// any two different values differently; `most` when even that does not tell them all apart.
    public static func digits<Value: Hashable>(_ values: [Value], _ format: (Value, Int) -> String) -> Int {
        let different = Set(values)
        guard different.count > 1 else { return usual }
        for digits in usual..<most where Set(different.map { format($0, digits) }).count == different.count {
            return digits
        }
        return most
    }
}
