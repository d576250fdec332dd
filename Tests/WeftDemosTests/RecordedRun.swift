import Foundation
import WeftAnalysis
import WeftDemos
import WeftRuntime
import WeftTrace

/// One demo run at test sizes: its output lines, the runtime's report (or error), and its trace's events.
struct RecordedRun {
    var lines: [String]
    var report: RunReport?
    var error: RuntimeError?
    var events: [Event]
    var strings: (StringID) -> String
    /// The analysis model built from the same trace.
    var timeline: Timeline

    /// Runs `demo` with option words under `scheduler`, recording into a temporary trace, and reads the trace back.
    static func of(_ name: String, _ words: [String] = [], scheduler: String) async throws -> RecordedRun {
        let demo = try DemoRegistry.named(name)
        let options = try demo.options(words)
        let kind = try SchedulerKind(parsing: scheduler, workers: scheduler == "multiplexed" ? 2 : nil)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("weft-demos-\(name)-\(scheduler)-\(UUID().uuidString).weft").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let output = CapturedOutput()
        var report: RunReport?
        var failure: RuntimeError?
        do {
            report = try await demo.run(options, scheduler: kind, tracePath: path, output: output)
        } catch {
            failure = error
            report = error.report
        }
        let reader = try TraceReader(path: path)
        var events: [Event] = []
        while let event = try reader.next() { events.append(event) }
        let timeline = try TimelineBuilder.build(from: TraceReader(path: path))
        return RecordedRun(lines: output.lines, report: report, error: failure, events: events,
                           strings: { reader.string($0) }, timeline: timeline)
    }

    /// The events of `kind`.
    func events(_ kind: EventKind) -> [Event] { events.filter { $0.kind == kind } }

    /// How many events of `kind` there are.
    func count(_ kind: EventKind) -> Int { events(kind).count }

    /// Task names by id, from `taskCreate` events.
    var taskNames: [TaskID: String] {
        var names: [TaskID: String] = [:]
        for event in events(.taskCreate) { names[TaskID(event.args.a0)] = strings(StringID(event.args.a2)) }
        return names
    }

    /// Spawned tasks whose name starts with `prefix`.
    func tasks(named prefix: String) -> Set<TaskID> {
        Set(taskNames.filter { $0.value.hasPrefix(prefix) }.keys)
    }

    /// The channel made with `name`.
    func channel(named name: String) -> ChannelID? {
        events(.channelMake).first { strings(StringID($0.args.a2)) == name }.map { ChannelID($0.args.a0) }
    }

    /// The roles of the threads that started, in order.
    var threadRoles: [ThreadRole] { events(.threadStart).compactMap { ThreadRole(rawValue: $0.args.a1) } }
}

/// Both schedulers, by the names `--scheduler` takes.
let bothSchedulers = ["multiplexed", "thread-per-task"]
