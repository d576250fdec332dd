import Foundation
import WeftAnalysis
import WeftRuntime
import WeftTrace

/// A trace a real run recorded, read back whole: its events, its strings, its timeline, and how the run ended.
public struct RecordedTrace {
    /// Every event, in the reader's order.
    public var events: [Event]
    /// The trace's string table.
    public var strings: (StringID) -> String
    /// The error the program ended with, when it threw (the trace is still written).
    public var failure: RuntimeError?

    /// Reads the trace at `path`.
    /// - Throws: `RecordedTraceError.warnings` when the reader reports problems (a real run's trace has none, unless
    ///   `allowWarnings`), or the reader's `TraceError`.
    public init(path: String, allowWarnings: Bool = false) throws {
        let reader = try TraceReader(path: path)
        var events: [Event] = []
        while let event = try reader.next() { events.append(event) }
        if !allowWarnings && !reader.warnings.isEmpty {
            throw RecordedTraceError.warnings(path: path, reader.warnings.map { "\($0)" })
        }
        self.events = events
        strings = { reader.string($0) }
    }

    /// Runs `body` as a Weft program named `name` under `scheduler`, recording into a temporary file, and reads the
    /// trace back. The file is removed afterwards unless WEFT_KEEP_TRACES is set (its path is then printed).
    /// - Throws: `RecordedTraceError.noTrace` when the run left no file, or what `init(path:)` throws.
    public static func record(_ scheduler: SchedulerKind, name: String,
                              _ body: @escaping @Sendable (Runtime) async throws -> Void) async throws -> RecordedTrace {
        let path = temporaryTracePath(name)
        defer { TemporaryFiles.remove(path) }
        var failure: RuntimeError?
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path, programName: name), body)
        } catch {
            failure = error
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw RecordedTraceError.noTrace(path: path, failure: failure.map { "\($0)" })
        }
        var trace = try RecordedTrace(path: path)
        trace.failure = failure
        return trace
    }

    /// The analysis model of these events (built on each call: keep it if you need it twice).
    public var timeline: Timeline {
        let builder = TimelineBuilder(strings: strings)
        for event in events { builder.add(event) }
        return builder.finish()
    }

    /// The events of `kind`.
    public func of(_ kind: EventKind) -> [Event] { events.filter { $0.kind == kind } }

    /// How many events of `kind` there are.
    public func count(_ kind: EventKind) -> Int { events.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) } }

    /// The string with raw id `raw`.
    public func string(_ raw: UInt64) -> String { strings(StringID(raw)) }

    /// The threads each task ran on (from runBegin).
    public var threadsByTask: [TaskID: Set<ThreadID>] {
        of(.runBegin).reduce(into: [:]) { $0[TaskID($1.args.a0), default: []].insert($1.thread) }
    }

    /// The role and index of each thread (from threadStart).
    public var roles: [ThreadID: (role: ThreadRole, index: UInt64)] {
        of(.threadStart).reduce(into: [:]) { result, event in
            if let role = ThreadRole(rawValue: event.args.a1) { result[event.thread] = (role, event.args.a2) }
        }
    }

    /// The roles of the threads that started, in order.
    public var threadRoles: [ThreadRole] { of(.threadStart).compactMap { ThreadRole(rawValue: $0.args.a1) } }

    /// Task names by id, from `taskCreate` events.
    public var taskNames: [TaskID: String] {
        var names: [TaskID: String] = [:]
        for event in of(.taskCreate) { names[TaskID(event.args.a0)] = string(event.args.a2) }
        return names
    }

    /// Spawned tasks whose name starts with `prefix`.
    public func tasks(named prefix: String) -> Set<TaskID> {
        Set(taskNames.filter { $0.value.hasPrefix(prefix) }.keys)
    }

    /// The channel made with `name`.
    public func channel(named name: String) -> ChannelID? {
        of(.channelMake).first { string($0.args.a2) == name }.map { ChannelID($0.args.a0) }
    }
}

/// Why a recorded trace could not be used by a test.
public enum RecordedTraceError: Error, CustomStringConvertible {
    /// The run ended without writing its trace file.
    case noTrace(path: String, failure: String?)
    /// The reader reported problems with a trace a real run wrote.
    case warnings(path: String, [String])

    public var description: String {
        switch self {
        case .noTrace(let path, let failure):
            "no trace at \(path) after the run (\(failure ?? "it returned")): check that the run was given this path"
        case .warnings(let path, let warnings):
            "the trace at \(path) reads with warnings: \(warnings.joined(separator: "; ")) (set WEFT_KEEP_TRACES=1 to keep it)"
        }
    }
}
