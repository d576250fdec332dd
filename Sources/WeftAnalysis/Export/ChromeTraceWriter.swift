import WeftTrace

/// The state of one Chrome trace export: the model, the output, and the tracks.
final class ChromeTraceWriter {
    /// The model; empty while the instants are written, the run's once it is built.
    var timeline = Timeline(run: RunInfo(), tasks: [], threads: [])
    let options: ChromeTraceOptions
    let out: JSONOutput
    @exclusivity(unchecked) var summary = ChromeTraceSummary()
    @exclusivity(unchecked) private var firstEvent = true
    @exclusivity(unchecked) private var firstArgument = true
    /// Task lanes: the track of events recorded outside any task (a tid no task has), and whether anything went on it.
    static let outsideTrack = UInt64(Int32.max)
    var outsideTrackUsed = false
    /// Labels of objects and named tasks seen so far, for instants' `…_name` arguments (the model is not built yet).
    var objectLabels: [UInt64: String] = [:]
    var taskNames: [UInt64: String] = [:]

    init(options: ChromeTraceOptions, out: JSONOutput) {
        self.options = options
        self.out = out
    }

    // MARK: Trace events

    /// Starts a trace event: `{"name":…,"cat":…,"ph":…,"ts":…,"pid":…,"tid":…` (the caller adds fields and `end()`s).
    func begin(_ ph: StaticString, name: String, cat: StaticString, ts: UInt64?, tid: UInt64) {
        if firstEvent { firstEvent = false } else { out.raw(",\n") }
        out.raw("{\"name\":")
        out.string(name)
        out.raw(",\"cat\":\"")
        out.raw(cat)
        out.raw("\",\"ph\":\"")
        out.raw(ph)
        out.byte(0x22)
        if let ts {
            out.raw(",\"ts\":")
            out.micros(ts)
        }
        out.raw(",\"pid\":")
        out.uint(options.pid)
        out.raw(",\"tid\":")
        out.uint(tid)
    }

    /// Ends a trace event.
    func end() { out.byte(0x7D) }

    /// Opens `"args":{`.
    func beginArguments() {
        out.raw(",\"args\":{")
        firstArgument = true
    }

    /// Writes `"key":` inside the arguments (the caller writes the value).
    func key(_ key: StaticString) {
        if firstArgument { firstArgument = false } else { out.byte(0x2C) }
        out.byte(0x22)
        out.raw(key)
        out.raw("\":")
    }

    /// Writes `"key":` for a key known only at run time.
    func key(_ key: String) {
        if firstArgument { firstArgument = false } else { out.byte(0x2C) }
        out.string(key)
        out.byte(0x3A)
    }

    /// Closes the arguments.
    func endArguments() { out.byte(0x7D) }

    // MARK: Metadata

    /// Names the process and every track, and orders the tracks.
    func writeMetadata() {
        let run = timeline.run
        var processName = "weft"
        if !run.program.isEmpty { processName += " " + run.program }
        if !run.scheduler.isEmpty { processName += " (\(run.scheduler))" }
        let firstTrack = firstTrackID
        metadata("process_name", tid: firstTrack) { self.out.string(processName) }
        switch options.lanes {
        case .threads:
            let ordered = timeline.threads.sorted { a, b in
                let ra = Self.roleRank(a.role), rb = Self.roleRank(b.role)
                if ra != rb { return ra < rb }
                return a.index != b.index ? a.index < b.index : a.id < b.id
            }
            for (position, thread) in ordered.enumerated() {
                metadata("thread_name", tid: thread.id.rawValue) { self.out.string(self.trackName(of: thread)) }
                metadata("thread_sort_index", tid: thread.id.rawValue, key: "sort_index") { self.out.uint(UInt64(position)) }
            }
        case .tasks:
            for (position, task) in timeline.tasks.enumerated() {
                metadata("thread_name", tid: task.id.rawValue) { self.out.string(self.trackName(of: task)) }
                metadata("thread_sort_index", tid: task.id.rawValue, key: "sort_index") { self.out.uint(UInt64(position)) }
            }
            if outsideTrackUsed {
                metadata("thread_name", tid: Self.outsideTrack) { self.out.string("outside tasks (timer, runtime)") }
                metadata("thread_sort_index", tid: Self.outsideTrack, key: "sort_index") { self.out.uint(UInt64(self.timeline.tasks.count)) }
            }
        }
    }


    private func metadata(_ name: String, tid: UInt64, key: StaticString = "name", value: () -> Void) {
        begin("M", name: name, cat: "__metadata", ts: nil, tid: tid)
        beginArguments()
        self.key(key)
        value()
        endArguments()
        end()
        summary.metadata += 1
    }

    /// The track that counters and the process's metadata are attached to (a viewer needs a thread for them).
    var firstTrackID: UInt64 {
        switch options.lanes {
        case .threads: timeline.threads.first?.id.rawValue ?? 1
        case .tasks: timeline.tasks.first?.id.rawValue ?? Self.outsideTrack
        }
    }

    static func roleRank(_ role: ThreadRole) -> Int {
        switch role {
        case .main: 0
        case .worker: 1
        case .taskThread: 2
        case .timer: 3
        case .other: 4
        }
    }

    /// `worker 2`, `thread of t7 fetch`, `main`, `timer`.
    func trackName(of thread: ThreadTimeline) -> String {
        thread.role == .taskThread ? "thread of \(taskName(TaskID(thread.index)))" : thread.label
    }

    /// `t7 fetch` (or `t7` when unnamed).
    func trackName(of task: TaskTimeline) -> String { taskName(task.id) }

    /// A task's id and name: `t7 fetch`, or `t7`.
    func taskName(_ id: TaskID) -> String {
        let name = timeline.task(id)?.name ?? ""
        return name.isEmpty ? id.description : "\(id) \(name)"
    }

    // MARK: Other data

    /// The run's facts, as `otherData` (shown by chrome://tracing's metadata view).
    func writeOtherData() {
        let run = timeline.run
        out.byte(0x7B)
        firstArgument = true
        key("exporter")
        out.string("weft")
        key("lanes")
        out.string(options.lanes.rawValue)
        var seen: Set<String> = ["exporter", "lanes", "outcome", "events", "dropped_events"]
        for entry in run.metadata where seen.insert(entry.key).inserted {
            key(entry.key)
            out.string(run.metadata(entry.key) ?? entry.value)
        }
        if let outcome = run.outcome {
            key("outcome")
            out.string(outcome.description)
        }
        key("events")
        out.string(String(run.totalEvents))
        if run.dropped > 0 {
            key("dropped_events")
            out.string(String(run.dropped))
        }
        out.byte(0x7D)
    }
}
