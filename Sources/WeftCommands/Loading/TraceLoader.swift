import ArgumentParser
import Dispatch
import Foundation
import WeftAnalysis
import WeftTrace

/// The one way every command opens traces: binary or text form, `-` for standard input; the reader's warnings, the
/// recorder's dropped events and the model's anomalies printed the same way; an unreadable trace named on standard
/// error with what to do about it, and exit status 2.
enum TraceLoader {
    /// The timeline of `path`; `warns: false` leaves out the reader's and the model's warnings (for a trace whose
    /// warnings were printed when it was read before); with `detail`, a model for a picture, whose lanes stop growing
    /// with the events past its budget.
    /// - Throws: `ExitCode(2)` when the trace cannot be read (the error and advice are on standard error).
    static func timeline(_ path: String, command: String, warns: Bool = true, detail: PictureDetail? = nil) throws -> Timeline {
        try load([path], command: command, warns: warns, run: \.run) { stream throws(TraceError) in
            try TimelineBuilder.build(from: stream, detail: detail)
        }[0]
    }

    /// The timelines of `paths`, read at the same time, one thread each; with `detail`, models for a picture, whose
    /// lanes stop growing with the events past its budget.
    /// - Throws: `ExitCode(2)` when a trace cannot be read.
    static func timelines(_ paths: [String], command: String, detail: PictureDetail? = nil) throws -> [Timeline] {
        try load(paths, command: command, run: \.run) { stream throws(TraceError) in
            try TimelineBuilder.build(from: stream, detail: detail)
        }
    }

    /// The figures of `path`, read without building the whole model (memory that does not grow with the events).
    /// - Throws: `ExitCode(2)` when the trace cannot be read.
    static func summary(_ path: String, command: String) throws -> SummarizedTrace {
        try load([path], command: command, run: \.run) { stream throws(TraceError) in
            try TimelineBuilder.summarize(from: stream)
        }[0]
    }

    /// `path` read for `weft check`'s lints without building the whole model (memory that does not grow with the
    /// events): starvation and never-yields keep their earliest `detailLimit` findings.
    /// - Throws: `ExitCode(2)` when the trace cannot be read.
    static func checked(_ path: String, command: String, thresholds: LintThresholds, detailLimit: Int) throws -> CheckedTrace {
        try load([path], command: command, run: \.run) { stream throws(TraceError) in
            try TimelineBuilder.check(from: stream, thresholds: thresholds, detailLimit: detailLimit)
        }[0]
    }

    /// The runs of `paths`, ready to compare, read at the same time, one thread each.
    /// - Throws: `ExitCode(2)` when a trace cannot be read.
    static func tracedRuns(_ paths: [String], command: String) throws -> [TracedRun] {
        try load(paths, command: command, run: \.timeline.run) { stream throws(TraceError) in try TracedRun.build(from: stream) }
    }

    /// The runs of `paths`, ready to compare, each read once without keeping its per-event lists (memory that does
    /// not grow with the events: `TracedRun.digest`), at the same time, one thread each.
    /// - Throws: `ExitCode(2)` when a trace cannot be read.
    static func digests(_ paths: [String], command: String) throws -> [TracedRun] {
        try load(paths, command: command, run: \.timeline.run) { stream throws(TraceError) in try TracedRun.digest(from: stream) }
    }

    /// Opens `path` for a command that streams the events itself (dump, export).
    /// - Throws: `ExitCode(2)` when it cannot be opened.
    static func open(_ path: String, command: String) throws -> OpenedTrace {
        do { return try OpenedTrace(path: path) } catch { throw failure(error, command: command) }
    }

    /// Prints what the reader noticed in `trace` once its events are read, then the model's own findings in `run`.
    static func warn(_ trace: OpenedTrace, run: RunInfo?, command: String) {
        for warning in trace.warnings { Diagnostics.warning(command, "\(trace.path): \(warning)") }
        let dropped = max(trace.droppedInTrailer, run?.dropped ?? 0)
        if dropped > 0 {
            Diagnostics.warning(command, "\(trace.path): the recorder dropped \(Format.counted(dropped, "event")) (its buffers were full); counts and times from this trace are too low")
        }
        if let run, run.anomalyCount > 0 {
            Diagnostics.warning(command, "\(trace.path): \(Format.counted(run.anomalyCount, "event")) did not add up; the first: \(run.anomalies[0])")
        }
    }

    /// Prints `error` with advice and returns exit status 2.
    static func failure(_ error: TraceError, command: String) -> ExitCode {
        Diagnostics.error(command, "\(error)\n\(advice(error.kind))")
        return ExitCode(2)
    }

    /// What a person can do about an error of this kind.
    static func advice(_ kind: TraceError.Kind) -> String {
        switch kind {
        case .cannotOpen: "Check the path and the file's permissions."
        case .notATrace: "The file is not a .weft trace; record one with `weft run DEMO -o FILE.weft`."
        case .unsupportedVersion: "The trace was written by a newer Weft; read it with that version."
        case .corrupt, .truncated: "The file is damaged from this point; what came before it is intact (`weft dump` prints it)."
        case .invalidEvent: "The events before this one are consistent; the trace is inconsistent from this event on (a recorder bug or a damaged file)."
        case .io: "Reading failed; check the disk or the pipe."
        case .syntax: "Fix the text at that line."
        }
    }

    /// Opens and builds every trace of `paths` at once (one thread each), fills in the trailer's dropped count,
    /// and prints each trace's warnings in the order of `paths` (unless `warns` is false).
    private static func load<Model: Sendable>(
        _ paths: [String], command: String, warns: Bool = true, run: WritableKeyPath<Model, RunInfo> & Sendable,
        build: @escaping @Sendable (any EventStream) throws(TraceError) -> Model
    ) throws -> [Model] {
        let slots = Slots<(Model, OpenedTraceBox)>(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            do throws(TraceError) {
                let trace = try OpenedTrace(path: paths[i])
                var model = try build(trace.stream)
                model[keyPath: run].dropped = max(model[keyPath: run].dropped, trace.droppedInTrailer)
                slots.set(i, .success((model, OpenedTraceBox(trace))))
            } catch {
                slots.set(i, .failure(error))
            }
        }
        var models: [Model] = []
        for result in slots.values {
            switch result {
            case .success(let (model, box))?:
                if warns { warn(box.trace, run: model[keyPath: run], command: command) }
                models.append(model)
            case .failure(let error)?:
                throw failure(error, command: command)
            case nil:
                throw failure(TraceError(.io, "a trace was not read"), command: command)
            }
        }
        return models
    }
}

/// Hands an opened trace from the thread that read it back to the caller (which reads it only after that thread
/// has finished).
private struct OpenedTraceBox: @unchecked Sendable {
    let trace: OpenedTrace
    init(_ trace: OpenedTrace) { self.trace = trace }
}

/// One result slot per trace, each filled by its own thread under a lock.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Result<Value, TraceError>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, TraceError>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    var values: [Result<Value, TraceError>?] {
        lock.lock()
        defer { lock.unlock() }
        return results
    }
}
