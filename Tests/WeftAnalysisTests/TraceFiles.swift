import Foundation
import Testing
import WeftTrace
import WeftAnalysis

/// The text of a hand-written trace in `Traces/` (by name, without `.txt`).
func traceText(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Traces"))
    return try String(contentsOf: url, encoding: .utf8)
}

/// The timeline of a hand-written trace in `Traces/`.
func traceFile(_ name: String) throws -> Timeline {
    try TimelineBuilder.build(from: TraceText.parse(traceText(name)))
}
