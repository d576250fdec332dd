import WeftAnalysis
import WeftDemos

/// How Weft's commands write counts and ratios for people (durations: `DurationFormat`, sizes: `ByteFormat`).
enum Format {
    /// A count with thousands separators.
    static func count<N: BinaryInteger>(_ value: N) -> String { CountFormat.grouped(value) }

    /// A count and its noun: "1 OS thread", "10,004 OS threads".
    static func counted<N: BinaryInteger>(_ value: N, _ noun: String) -> String { CountFormat.counted(value, noun) }

    /// The ratio b/a as "×12.3", or "—" when it means nothing.
    static func ratio(_ a: Double, _ b: Double) -> String {
        guard a > 0, b > 0 else { return "—" }
        return "×" + CountFormat.ratio(b / a)
    }
}
