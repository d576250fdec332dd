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

    /// Weft threads that are an OS thread seen before (the same kernel tid, recorded again after its stop), and the
    /// track of the first: one OS thread is one track.
    private var trackOfThread: [ThreadID: UInt64] = [:]
    private var trackOfKernelThread: [UInt64: UInt64] = [:]
    private var callerTrack: UInt64?

    init(options: ChromeTraceOptions, out: JSONOutput) {
        self.options = options
        self.out = out
    }

    // MARK: Tracks

    /// Notes a `threadStart`: a kernel tid seen before makes this thread share the earlier thread's track, and so
    /// does the caller of `Weft.run` recorded again (as the model keeps it: one caller record).
    func noteThreadStart(_ e: Event) {
        guard let start = ThreadStartEvent(e) else { return }
        let kernelTid = start.tid
        if start.role == .main {
            if let caller = callerTrack, caller != e.thread.rawValue {
                trackOfThread[e.thread] = caller
                return
            }
            callerTrack = e.thread.rawValue
        }
        guard kernelTid != 0 else { return }
        if let track = trackOfKernelThread[kernelTid] {
            if track != e.thread.rawValue { trackOfThread[e.thread] = track }
        } else {
            trackOfKernelThread[kernelTid] = e.thread.rawValue
        }
    }

    /// The track (the `tid`) of a thread's events: its own, or that of the same OS thread's first appearance.
    func track(of thread: ThreadID) -> UInt64 { trackOfThread[thread] ?? thread.rawValue }

    /// Whether the thread has a track of its own (it is not an OS thread already shown).
    func ownsTrack(_ thread: ThreadID) -> Bool { trackOfThread[thread] == nil }

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
        let processName = Self.processName(timeline.run)
        let firstTrack = firstTrackID
        metadata("process_name", tid: firstTrack) { self.out.string(processName) }
        switch options.lanes {
        case .threads:
            let ordered = timeline.threads.filter { ownsTrack($0.id) }.sorted { a, b in
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


    /// The run as one process: `weft run pingpong (multiplexed)`; a program name that does not already say
    /// `weft` gets it in front (`weft pipeline`), so the word is never doubled.
    static func processName(_ run: RunInfo) -> String { processName(program: run.program, scheduler: run.scheduler) }

    /// The process name from the run's `program` and `scheduler` metadata (shared with the Perfetto export).
    static func processName(program: String, scheduler: String) -> String {
        var name = program
        if name != "weft" && !name.hasPrefix("weft ") { name = name.isEmpty ? "weft" : "weft " + name }
        if !scheduler.isEmpty { name += " (\(scheduler))" }
        return name
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

    /// `worker 2`, `thread of t7 fetch`, `main`, `timer`; a name two OS threads share gets the kernel's thread
    /// id (`main (tid 12025)`), so that each OS thread is one entry a viewer's thread list tells apart.
    func trackName(of thread: ThreadTimeline) -> String {
        let name = thread.role == .taskThread ? "thread of \(taskName(TaskID(thread.index)))" : thread.label
        guard sharedThreadNames.contains(name) else { return name }
        return thread.tid != 0 ? "\(name) (tid \(thread.tid))" : "\(name) (\(thread.id))"
    }

    /// Thread names (before disambiguation) that more than one OS thread has.
    private(set) lazy var sharedThreadNames: Set<String> = {
        var seen: Set<String> = [], shared: Set<String> = []
        for thread in timeline.threads where ownsTrack(thread.id) {
            let name = thread.role == .taskThread ? "thread of \(taskName(TaskID(thread.index)))" : thread.label
            if !seen.insert(name).inserted { shared.insert(name) }
        }
        return shared
    }()

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
