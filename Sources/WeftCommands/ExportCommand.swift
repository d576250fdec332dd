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
        let trace = try TraceLoader.open(file, command: "export")
        // A file is written beside its name and renamed into place once complete; standard output is written as is.
        let target: OutputFile?
        do { target = output == "-" ? nil : try OutputFile(output, inputs: [file], what: "export") } catch {
            Diagnostics.error("export", error.description)
            throw ExitCode(error.status)
        }
        let out: JSONOutput
        do { out = try JSONOutput(path: target?.partialPath ?? "-") } catch { throw fail(error.description, status: ExitStatus.cannotWrite) }
        var report = ""
        var readFailure: ExportError?
        do {
            switch format {
            case .jsonl:
                let count = try JSONLinesExport.export(trace.stream, to: out)
                report = CountFormat.counted(count, "event")
            case .perfetto:
                report = try PerfettoTrace.export(trace.stream, options: PerfettoTraceOptions(lanes: lanes), to: out).description
            case .chrome:
                let options = ChromeTraceOptions(lanes: lanes, instants: !noInstants)
                report = try ChromeTrace.export(trace.stream, options: options, to: out).description
            }
        } catch {
            readFailure = error
        }
        do {
            try out.close()
            try target?.commit()
        } catch let error as OutputError {
            throw fail(error.description, status: error.status)
        } catch {
            throw fail("\(error)", status: ExitStatus.cannotWrite)
        }
        TraceLoader.warn(trace, run: nil, command: "export")
        if let readFailure {
            if let traceError = readFailure.trace { throw TraceLoader.failure(traceError, command: "export") }
            throw fail("\(readFailure)", status: ExitStatus.badInput)
        }
        let place = output == "-" ? "standard output" : output
        Diagnostics.note("export", "wrote \(place): \(report)")
    }

    private func fail(_ message: String, status: Int32) -> ExitCode {
        Diagnostics.error("export", message)
        return ExitCode(status)
    }
}

extension ExportLanes: ExpressibleByArgument {}
