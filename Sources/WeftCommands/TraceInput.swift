import ArgumentParser
import Foundation
import WeftAnalysis
import WeftTrace

/// Loading a trace for the analysis commands: warnings to standard error, errors to standard error with advice and
/// exit status 2.
enum TraceInput {
    /// The timeline of `path`, or exit 2 with the reader's error.
    static func timeline(_ path: String, command: String) throws -> Timeline {
        do {
            let loaded = try TimelineBuilder.build(path: path)
            for warning in loaded.warnings { standardError("weft \(command): warning: \(path): \(warning)") }
            let run = loaded.timeline.run
            if run.anomalyCount > 0 {
                standardError("weft \(command): warning: \(path): \(run.anomalyCount) events did not add up; the first: \(run.anomalies[0])")
            }
            return loaded.timeline
        } catch {
            standardError("weft \(command): error: \(error)\n\(DumpCommand.advice(error.kind))")
            throw ExitCode(2)
        }
    }

    /// Writes a line to standard error.
    static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// `value` as pretty JSON with sorted keys.
    static func json<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// A duration option such as `10ms`, `250us`, `1.5s`.
struct DurationOption: ExpressibleByArgument, Sendable {
    var nanoseconds: UInt64
    init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }
    init?(argument: String) {
        guard let ns = DurationFormat.parse(argument) else { return nil }
        nanoseconds = ns
    }
    var defaultValueDescription: String { DurationFormat.format(nanoseconds).replacingOccurrences(of: " ", with: "") }
}
