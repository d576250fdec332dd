import Foundation
import WeftAnalysis
import WeftDemos
import WeftRuntime
import WeftTrace

/// One demo run at test sizes: its output lines, the runtime's report (or error), and its recorded trace.
public struct RecordedRun {
    /// What the demo printed.
    public var lines: [String]
    /// The runtime's report (also when the run threw, from the error).
    public var report: RunReport?
    /// The error the run ended with, if any.
    public var error: RuntimeError?
    /// The run's trace, read back.
    public var trace: RecordedTrace
    /// The analysis model built from the trace.
    public var timeline: Timeline

    /// Runs `demo` with option words under `scheduler`, recording into a temporary trace, and reads the trace back.
    public static func of(_ name: String, _ words: [String] = [], scheduler: String) async throws -> RecordedRun {
        let demo = try DemoRegistry.named(name)
        let options = try demo.options(words)
        let kind = try SchedulerKind(parsing: scheduler, workers: scheduler == "multiplexed" ? 2 : nil)
        let path = temporaryTracePath("demos-\(name)-\(scheduler)")
        defer { TemporaryFiles.remove(path) }
        let output = CapturedOutput()
        var report: RunReport?
        var failure: RuntimeError?
        do {
            report = try await demo.run(options, scheduler: kind, tracePath: path, output: output)
        } catch {
            failure = error
            report = error.report
        }
        var trace = try RecordedTrace(path: path, allowWarnings: true)
        trace.failure = failure
        return RecordedRun(lines: output.lines, report: report, error: failure, trace: trace, timeline: trace.timeline)
    }

    /// Every event of the trace.
    public var events: [Event] { trace.events }
    /// The trace's string table.
    public var strings: (StringID) -> String { trace.strings }
    /// The events of `kind`.
    public func events(_ kind: EventKind) -> [Event] { trace.of(kind) }
    /// How many events of `kind` there are.
    public func count(_ kind: EventKind) -> Int { trace.count(kind) }
    /// Task names by id, from `taskCreate` events.
    public var taskNames: [TaskID: String] { trace.taskNames }
    /// Spawned tasks whose name starts with `prefix`.
    public func tasks(named prefix: String) -> Set<TaskID> { trace.tasks(named: prefix) }
    /// The channel made with `name`.
    public func channel(named name: String) -> ChannelID? { trace.channel(named: name) }
    /// The roles of the threads that started, in order.
    public var threadRoles: [ThreadRole] { trace.threadRoles }
}

/// Both schedulers, by the names `--scheduler` takes.
public let bothSchedulers = ["multiplexed", "thread-per-task"]
