import ArgumentParser
import Foundation
import WeftTrace

/// `weft dump FILE`: every event of a trace as text (or JSON lines), in causal order.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print every event of a .weft trace, one a line, in causal order.",
        discussion: """
            Each line reads TIME THREAD TASK KIND NAME=VALUE…, with the time in nanoseconds since the start of the \
            trace and strings quoted; this text parses back (see docs/trace-format.md). --json prints JSON lines \
            instead. A truncated trace prints what it holds, then a warning on standard error; a damaged or \
            inconsistent one prints the events before the damage, then the error, and exits with status 2.
            """
    )

    @Argument(help: "The trace to read; - reads standard input.")
    var file: String

    @Flag(name: .long, help: "Print one JSON object per event instead of text.")
    var json = false

    @Flag(name: .long, help: "After the events, print the trailer's totals on standard error.")
    var summary = false

    func run() throws {
        let trace = try TraceLoader.open(file, command: "dump")
        let out = OutputBuffer()
        do {
            try Self.dump(trace, json: json, summary: summary, line: out.line) { note in
                out.flush()
                Diagnostics.raw(note + "\n")
            }
            out.flush()
        } catch {
            out.flush()
            throw TraceLoader.failure(error, command: "dump")
        }
        if let failure = out.failure { throw failure }
    }

    /// Reads `trace` and hands each event's line to `line`, then each warning (and with `summary`, the totals) to
    /// `note`. Events before an error are handed over before it is thrown.
    static func dump(_ trace: OpenedTrace, json: Bool, summary: Bool, line: (String) -> Void, note: (String) -> Void) throws(TraceError) {
        let stream = trace.stream
        var count = 0
        while let event = try stream.next() {
            line(json ? TraceJSON.line(event, strings: stream.string) : TraceText.format(event, strings: stream.string))
            count += 1
        }
        for warning in trace.warnings { note("weft dump: warning: \(trace.path): \(warning)") }
        if trace.droppedInTrailer > 0 {
            note("weft dump: warning: \(trace.path): the recorder dropped \(Format.counted(trace.droppedInTrailer, "event")) (its buffers were full)")
        }
        if summary {
            note(trace.trailer.map { "weft dump: \(Format.counted(count, "event")); trailer: \(Format.counted($0.events, "event")), \($0.dropped) dropped, \(Format.counted($0.threads, "thread"))" }
                ?? "weft dump: \(Format.counted(count, "event")); no trailer")
        }
    }
}

/// Buffers standard output, writing it 64 KiB at a time; the first failed write is kept, and nothing more is
/// written after it.
final class OutputBuffer {
    private var bytes: [UInt8] = []
    /// Why writing stopped, if it did.
    private(set) var failure: OutputError?

    init() { bytes.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        if failure == nil {
            failure = bytes.withUnsafeBytes { CheckedOutput.write($0) }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
