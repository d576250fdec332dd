import ArgumentParser
import Foundation
import WeftAnalysis
import WeftTrace

/// `weft export FILE --format chrome|perfetto|jsonl -o OUT`: a trace for other tools (Perfetto, chrome://tracing,
/// trace_processor, scripts).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Convert a trace for other tools: Chrome/Perfetto trace JSON, Perfetto protobuf, or JSON lines for scripts.",
        discussion: """
            chrome writes the Chrome Trace Event Format that ui.perfetto.dev (Open trace file) and chrome://tracing \
            open: one process for the run, one track per OS thread (worker n, thread of task t) holding the tasks' \
            run slices, instants for sends, receives, locks, wakes and the rest, arrows from each send to its \
            receive and from each spawn to the child's first slice, counters for runnable and waiting tasks and \
            each channel's occupancy. --lanes tasks draws one track per task with its states instead. \
            perfetto writes Perfetto's native protobuf trace (.pftrace) with the same content, far smaller and \
            streamed: names interned, times delta-encoded; open it in ui.perfetto.dev or query it with trace_processor. \
            jsonl writes one JSON object per event, the same lines as `weft dump --json`. \
            FILE is a .weft trace (- reads standard input) or a trace in the text form (.txt); it is read once. \
            An unreadable trace exits with status 2; a damaged one is exported up to the damage, then exits with 2.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case chrome, perfetto, jsonl
    }

    @Argument(help: "The trace: a .weft file, - for standard input, or the text form (.txt).")
    var file: String

    @Option(help: "chrome (Perfetto / chrome://tracing JSON), perfetto (Perfetto's protobuf, .pftrace) or jsonl (one event a line).")
    var format: Format = .chrome

    @Option(name: [.short, .customLong("output")], help: "The file to write; - writes standard output.")
    var output: String

    @Option(help: "chrome and perfetto: threads (one track per OS thread) or tasks (one track per task).")
    var lanes: ExportLanes = .threads

    @Flag(name: .customLong("no-instants"), help: "chrome only: leave out the instant events (a smaller file).")
    var noInstants = false

    init() {}

    func validate() throws {
        if format == .jsonl && lanes != .threads {
            throw fail("--lanes applies to --format chrome and perfetto only", status: 2)
        }
        if format != .chrome && noInstants {
            throw fail("--no-instants applies to --format chrome only (perfetto's instants carry its flows)", status: 2)
        }
    }

    // Swift 6.3.1's optimizer crashes on this function in release builds (CopyPropagation: "Found ownership
    // error"); it does no heavy work, so it is left unoptimized.
    @_optimize(none)
    func run() throws {
        let source: TraceSource
        do {
            source = try TraceSource(path: file)
        } catch {
            throw fail("\(error)\n\(DumpCommand.advice(error.kind))", status: 2)
        }
        let out: JSONOutput
        do { out = try JSONOutput(path: output) } catch { throw fail(error.description, status: 2) }
        var report = ""
        var readFailure: ExportError?
        do {
            switch format {
            case .jsonl:
                let count = try JSONLinesExport.export(source.open(), to: out)
                report = "\(count) events"
            case .perfetto:
                report = try PerfettoTrace.export(source.open(), options: PerfettoTraceOptions(lanes: lanes), to: out).description
            case .chrome:
                let options = ChromeTraceOptions(lanes: lanes, instants: !noInstants)
                report = try ChromeTrace.export(source.open(), options: options, to: out).description
            }
        } catch {
            readFailure = error
        }
        do { try out.close() } catch { throw fail(error.description, status: 1) }
        for warning in source.warnings { note("warning: \(file): \(warning)") }
        if let readFailure {
            let kind = readFailure.trace?.kind
            throw fail("\(readFailure)" + (kind.map { "\n" + DumpCommand.advice($0) } ?? ""), status: 2)
        }
        let place = output == "-" ? "standard output" : output
        note("wrote \(place): \(report)")
    }

    private func note(_ text: String) {
        FileHandle.standardError.write(Data("weft export: \(text)\n".utf8))
    }

    private func fail(_ message: String, status: Int32) -> ExitCode {
        note("error: \(message)")
        return ExitCode(status)
    }
}

extension ExportLanes: ExpressibleByArgument {}

/// A trace to read: a .weft file (or standard input), or the text form.
final class TraceSource {
    private let stream: any EventStream
    private let reader: TraceReader?

    /// Opens the trace.
    /// - Throws: `TraceError` when it cannot be opened or parsed.
    init(path: String) throws(TraceError) {
        if path != "-" && path.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TraceError(.cannotOpen, "cannot read the text trace", path: path)
            }
            do {
                stream = try TraceText.parse(String(decoding: data, as: UTF8.self))
            } catch {
                var located = error
                located.path = path
                throw located
            }
            reader = nil
        } else {
            let reader = try TraceReader(path: path)
            self.reader = reader
            stream = reader
        }
    }

    /// The events, from the first (open once).
    func open() -> any EventStream { stream }

    /// What the reader noticed without stopping (truncation, unknown kinds).
    var warnings: [String] { reader?.warnings.map { "\($0)" } ?? [] }
}
