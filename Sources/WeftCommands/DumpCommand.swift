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
        let out = OutputBuffer()
        do {
            try Self.dump(file, json: json, summary: summary, line: out.line) { note in
                out.flush()
                FileHandle.standardError.write(Data((note + "\n").utf8))
            }
            out.flush()
        } catch {
            out.flush()
            FileHandle.standardError.write(Data("weft dump: error: \(error)\n\(Self.advice(error.kind))\n".utf8))
            throw ExitCode(2)
        }
    }

    /// Reads `file` and hands each event's line to `line`, then each warning (and with `summary`, the totals) to
    /// `note`. Events before an error are handed over before it is thrown.
    static func dump(_ file: String, json: Bool, summary: Bool, line: (String) -> Void, note: (String) -> Void) throws(TraceError) {
        let reader = try TraceReader(path: file)
        while let event = try reader.next() {
            line(json ? TraceJSON.line(event, strings: reader.string) : TraceText.format(event, strings: reader.string))
        }
        for warning in reader.warnings { note("weft dump: warning: \(file): \(warning)") }
        if summary {
            note(reader.trailer.map { "weft dump: \(reader.eventsRead) events; trailer: \($0.events) events, \($0.dropped) dropped, \($0.threads) threads" }
                ?? "weft dump: \(reader.eventsRead) events; no trailer")
        }
    }

    /// What a person can do about an error of this kind.
    static func advice(_ kind: TraceError.Kind) -> String {
        switch kind {
        case .cannotOpen: "Check the path and the file's permissions."
        case .notATrace: "The file is not a .weft trace; record one with `weft run … --trace FILE`."
        case .unsupportedVersion: "The trace was written by a newer Weft; read it with that version."
        case .corrupt, .truncated: "The file is damaged from this point; the events printed above are intact."
        case .invalidEvent: "The events printed above are consistent; the trace is inconsistent from this event on (a recorder bug or a damaged file)."
        case .io: "Reading failed; check the disk or the pipe."
        case .syntax: "Fix the text at that line."
        }
    }
}

/// Buffers standard output, writing it 64 KiB at a time.
final class OutputBuffer {
    private var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    func line(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        bytes.append(0x0A)
        if bytes.count >= 1 << 16 { flush() }
    }

    func flush() {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = write(1, buffer.baseAddress! + done, buffer.count - done)
                if n <= 0 { if errno == EINTR { continue }; return }
                done += n
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
