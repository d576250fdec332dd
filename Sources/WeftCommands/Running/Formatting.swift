import WeftAnalysis
import WeftDemos

/// How Weft's commands write counts and ratios for people (durations: `DurationFormat`, sizes: `ByteFormat`).
enum Format {
    /// A count with thousands separators.
    static func count<N: BinaryInteger>(_ value: N) -> String { Int(clamping: value).grouped }

    /// The ratio b/a as "×12.3", or "—" when it means nothing.
    static func ratio(_ a: Double, _ b: Double) -> String {
        guard a > 0, b > 0 else { return "—" }
        return "×" + DurationFormat.significant(b / a)
    }
}
