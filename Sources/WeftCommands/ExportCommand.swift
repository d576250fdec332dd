import ArgumentParser
import Foundation
import WeftAnalysis
import WeftTrace

/// `weft export FILE --format chrome|jsonl -o OUT`: a trace for other tools (Perfetto, chrome://tracing, scripts).
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Convert a trace for other tools: Chrome/Perfetto trace JSON, or JSON lines for scripts.",
        discussion: """
            chrome writes the Chrome Trace Event Format that ui.perfetto.dev (Open trace file) and chrome://tracing \
            open: one process for the run, one track per OS thread (worker n, thread of task t) holding the tasks' \
            run slices, instants for sends, receives, locks, wakes and the rest, arrows from each send to its \
            receive and from each spawn to the child's first slice, counters for runnable and waiting tasks and \
            each channel's occupancy. --lanes tasks draws one track per task with its states instead. \
            jsonl writes one JSON object per event, the same lines as `weft dump --json`. \
            FILE is a .weft trace (- reads standard input) or a trace in the text form (.txt). \
            An unreadable trace exits with status 2; a damaged one is exported up to the damage, then exits with 2.
            """)

    /// The output formats.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case chrome, jsonl
    }

    @Argument(help: "The trace: a .weft file, - for standard input, or the text form (.txt).")
    var file: String

    @Option(help: "chrome (Perfetto / chrome://tracing JSON) or jsonl (one event a line).")
    var format: Format = .chrome

    @Option(name: [.short, .customLong("output")], help: "The file to write; - writes standard output.")
    var output: String

    @Option(help: "chrome only: threads (one track per OS thread) or tasks (one track per task).")
    var lanes: ExportLanes = .threads

    @Flag(name: .customLong("no-instants"), help: "chrome only: leave out the instant events (a smaller file).")
    var noInstants = false

    init() {}

    func validate() throws {
        if format == .jsonl && (lanes != .threads || noInstants) {
            throw fail("--lanes and --no-instants apply to --format chrome only", status: 2)
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
                let count = try JSONLinesExport.export(try source.open(), to: out)
                report = "\(count) events"
            case .chrome:
                let (timeline, failure) = try source.timeline()
                readFailure = failure.map(ExportError.init(reading:))
                let options = ChromeTraceOptions(lanes: lanes, instants: !noInstants)
                report = try ChromeTrace.export(timeline, events: try source.open(), options: options, to: out).description
            }
        } catch let error as ExportError {
            readFailure = error
        } catch let error as TraceError {
            readFailure = ExportError(reading: error)
        } catch {
            readFailure = ExportError(path: file, "\(error)")
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

/// A trace that can be read more than once: a .weft file, standard input (held in memory), or the text form.
final class TraceSource {
    private enum Kind {
        case file(String)
        case bytes([UInt8])
        case text(EventList)
    }

    private let kind: Kind
    /// Warnings of the last reader opened (truncation, unknown kinds).
    private var lastReader: TraceReader?

    /// Opens the trace once to check it is readable.
    /// - Throws: `TraceError` when it cannot be opened or parsed.
    init(path: String) throws(TraceError) {
        if path == "-" {
            kind = .bytes([UInt8](FileHandle.standardInput.readDataToEndOfFile()))
        } else if path.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw TraceError(.cannotOpen, "cannot read the text trace", path: path)
            }
            do {
                kind = .text(try TraceText.parse(String(decoding: data, as: UTF8.self)))
            } catch {
                var located = error
                located.path = path
                throw located
            }
        } else {
            kind = .file(path)
        }
        _ = try open()
    }

    /// A stream from the first event.
    func open() throws(TraceError) -> any EventStream {
        switch kind {
        case .file(let path):
            let reader = try TraceReader(path: path)
            lastReader = reader
            return reader
        case .bytes(let bytes):
            let reader = try TraceReader(bytes: bytes, path: "-")
            lastReader = reader
            return reader
        case .text(let list):
            list.rewind()
            return list
        }
    }

    /// The timeline of every event that can be read, and the error that stopped reading early, if any.
    func timeline() throws(TraceError) -> (Timeline, TraceError?) {
        let stream = try open()
        let builder = TimelineBuilder(strings: { stream.string($0) })
        do {
            while let event = try stream.next() { builder.add(event) }
        } catch {
            return (builder.finish(), error)
        }
        return (builder.finish(), nil)
    }

    /// What the last reader noticed without stopping.
    var warnings: [String] { lastReader?.warnings.map { "\($0)" } ?? [] }
}
