import ArgumentParser
import Foundation
import WeftAnalysis

/// A duration option such as `10ms`, `250us`, `1.5s`, `2m`: every command's duration options parse through
/// `DurationFormat.parse`.
struct DurationOption: ExpressibleByArgument, Sendable {
    var nanoseconds: UInt64
    init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
    init?(argument: String) {
        guard let ns = DurationFormat.parse(argument) else { return nil }
        nanoseconds = ns
    }
    var defaultValueDescription: String { DurationFormat.format(nanoseconds).replacingOccurrences(of: " ", with: "") }
}
