import WeftTrace

/// The state of one Chrome trace export: the builder it streams through, the output, the tracks, and what is held
/// until it can be written (flows whose ends are not both known, blocked slices waiting for their wait, the
/// counters' current values).
///
/// Used by one thread at a time, so its hot stored properties skip the runtime's exclusivity checks.
final class ChromeTraceWriter {
    let options: ChromeTraceOptions
    let out: JSONOutput
    let strings: (StringID) -> String
    /// The model builder, streaming: it hands each slice, interval and task state to this writer and keeps none.
    @exclusivity(unchecked) var builder: TimelineState
    /// The model's skeleton (tasks, threads, run facts; no slices or intervals), once the trace is read.
    var timeline = Timeline(run: RunInfo(), tasks: [], threads: [])
    @exclusivity(unchecked) var summary = ChromeTraceSummary()
    @exclusivity(unchecked) private var firstEvent = true
    @exclusivity(unchecked) private var firstArgument = true
    /// Task lanes: the track of events recorded outside any task (a tid no task has), and whether anything went on it.
    static let outsideTrack = UInt64(Int32.max)
    var outsideTrackUsed = false
    /// Labels of objects, names of tasks and types of actors seen so far.
    @exclusivity(unchecked) var objectLabels = DenseMap<String>()
    @exclusivity(unchecked) var taskNames = DenseMap<String>()
    @exclusivity(unchecked) var actorTypes: [UInt64: String] = [:]
    /// How many labels were set so far (see `ChannelCount.labelsChecked`).
    @exclusivity(unchecked) var labelsSet = 0

    /// Weft threads that are an OS thread seen before (the same kernel tid, recorded again after its stop), and the
    /// track of the first: one OS thread is one track.
    @exclusivity(unchecked) private var trackOfThread: [ThreadID: UInt64] = [:]
    private var trackOfKernelThread: [UInt64: UInt64] = [:]
    private var callerTrack: UInt64?
    /// A caller of `Weft.run` recorded again, and the first record, whose model thread it continues.
    @exclusivity(unchecked) var callerAgain: [ThreadID: ThreadID] = [:]
    /// The name of each thread's track as known so far (task lanes' `thread_name`), and how many tracks share each.
    @exclusivity(unchecked) var threadNames: [UInt64: (name: String, tid: UInt64)] = [:]
    var threadNameUses: [String: Int] = [:]
    /// The track counters go on, fixed by the first thread (or task) seen.
    @exclusivity(unchecked) var firstThread: ThreadID?
    @exclusivity(unchecked) var firstTask: TaskID?

    // MARK: Held until written

    /// Flows begun and not yet written, in slots reused once written; by message (channel, seq) or spawned child.
    @exclusivity(unchecked) var flows: [PendingFlow] = []
    @exclusivity(unchecked) var freeFlows: [Int32] = []
    @exclusivity(unchecked) var flowOfMessage: [MessageKey: Int32] = [:]
    @exclusivity(unchecked) var flowOfSpawn = DenseMap<Int32>()
    /// Flow ends waiting for the slice (thread lanes, by thread) or running interval (task lanes, by task) around
    /// them to end, and the last one that ended on each.
    @exclusivity(unchecked) var waitingEnds: [UInt64: [WaitingFlowEnd]] = [:]
    @exclusivity(unchecked) var waitingEndCount = 0
    @exclusivity(unchecked) var lastEnclosing: [UInt64: (start: UInt64, end: UInt64)] = [:]
    /// When the slice (or running interval) open on each lane began, until it ends.
    @exclusivity(unchecked) var openSince: [UInt64: UInt64] = [:]
    /// The thread each running task runs on (thread lanes: where its spawns' flows start).
    @exclusivity(unchecked) var runningThread = DenseMap<ThreadID>()
    @exclusivity(unchecked) var nextMessageFlowID: UInt64 = 0
    /// Thread lanes: a blocked slice waits for its task's next interval, which says what it waits for.
    @exclusivity(unchecked) var slicesAwaitingWait: [UInt64: (slice: RunSlice, thread: ThreadID)] = [:]
    /// Counters: each task's counted state (runnable 0, waiting 1, else none) and since when; the task counts;
    /// the time whose changes are being summed, and how many changes it has.
    @exclusivity(unchecked) var countedState = DenseMap<(category: Int8, since: UInt64)>()
    @exclusivity(unchecked) var runnable = 0, waiting = 0
    /// The tasks counter's changes not yet written, by time (oldest first).
    @exclusivity(unchecked) var countBuckets: [TaskCountBucket] = []
    /// Where the current stretch of each open actor job began (by thread): the task states of a stretch are filed
    /// when it ends, back to its start, so the counter is not written past it.
    @exclusivity(unchecked) var openActorStretch: [UInt64: UInt64] = [:]
    /// Counter values read before the counters' track is known (the first thread or task), written once it is.
    var earlyCounters: [EarlyCounter] = []
    static let earlyCounterCap = 4096
    /// Each channel's messages sent and not received, and its value not yet written (time, value).
    @exclusivity(unchecked) var channels: [UInt64: ChannelCount] = [:]
    /// Set while the builder closes what is still open at the end of the trace.
    var finishing = false

    /// `,"pid":N,"tid":`, the same in every trace event.
    let pidAndTid: JSONFragment
    /// Openings of the trace events written most (see `head(_:name:cat:)`).
    let tasksCounterHead = ChromeTraceWriter.head("C", name: "tasks", cat: "tasks")
    let messageFlowHeads = (start: ChromeTraceWriter.head("s", name: "message", cat: "message"),
                            finish: ChromeTraceWriter.head("f", name: "message", cat: "message"))
    let spawnFlowHeads = (start: ChromeTraceWriter.head("s", name: "spawn", cat: "spawn"),
                          finish: ChromeTraceWriter.head("f", name: "spawn", cat: "spawn"))

    struct MessageKey: Hashable {
        var channel: UInt64
        var seq: UInt64
    }

    init(options: ChromeTraceOptions, out: JSONOutput, strings: @escaping (StringID) -> String) {
        self.options = options
        self.out = out
        self.strings = strings
        pidAndTid = JSONFragment { out in
            out.raw(",\"pid\":")
            out.uint(options.pid)
            out.raw(",\"tid\":")
        }
        builder = TimelineState(strings: strings)
        builder.stream(to: self)
        // Nanosecond display: without it Catapult nests events by times rounded to whole microseconds, and
        // instants under 1 µs apart swallow run slices (and the flows bound to them).
        out.raw("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n")
    }

    /// How many records are held now: flows not yet written, flow ends waiting for their slice, blocked slices
    /// waiting for their wait.
    var held: Int { flows.count - freeFlows.count + waitingEndCount + slicesAwaitingWait.count }

    /// Notes the number held, for `ChromeTraceSummary.heldPeak`.
    @inline(__always)
    func noteHeld() {
        let now = held
        if now > summary.heldPeak { summary.heldPeak = now }
    }

    // MARK: Tracks

    /// Notes a `threadStart`: a kernel tid seen before makes this thread share the earlier thread's track, and so
    /// does the caller of `Weft.run` recorded again (as the model keeps it: one caller record).
    func noteThreadStart(_ e: Event) {
        guard let start = ThreadStartEvent(e) else { return }
        defer { nameThread(e.thread, start) }
        let kernelTid = start.tid
        if start.role == .main {
            if let caller = callerTrack, caller != e.thread.rawValue {
                trackOfThread[e.thread] = caller
                callerAgain[e.thread] = ThreadID(caller)
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

    /// Remembers the name of a thread's own track (`worker 2`, `thread of t7 fetch`) for task lanes' arguments.
    private func nameThread(_ thread: ThreadID, _ start: ThreadStartEvent) {
        guard ownsTrack(thread), threadNames[thread.rawValue] == nil else { return }
        let name = start.role == .taskThread ? "thread of \(taskName(TaskID(start.index)))"
            : ThreadTimeline(id: thread, role: start.role, index: start.index, started: 0, slices: IntervalList(sorted: [])).label
        threadNames[thread.rawValue] = (name, start.tid)
        threadNameUses[name, default: 0] += 1
    }

    /// A thread's track name as known now, told apart by its kernel tid from another thread of that name.
    func threadName(_ thread: ThreadID) -> String {
        let own = ThreadID(track(of: thread))
        guard let known = threadNames[own.rawValue] else { return "thread \(own)" }
        guard threadNameUses[known.name, default: 0] > 1 else { return known.name }
        return known.tid != 0 ? "\(known.name) (tid \(known.tid))" : "\(known.name) (\(own))"
    }

    /// The track (the `tid`) of a thread's events: its own, or that of the same OS thread's first appearance.
    @inline(__always)
    func track(of thread: ThreadID) -> UInt64 {
        if trackOfThread.isEmpty { return thread.rawValue }
        return trackOfThread[thread] ?? thread.rawValue
    }

    /// Whether the thread has a track of its own (it is not an OS thread already shown).
    func ownsTrack(_ thread: ThreadID) -> Bool { trackOfThread[thread] == nil }

    /// The thread the model files a thread's slices under: the first caller record for a caller recorded again.
    @inline(__always)
    func modelThread(_ thread: ThreadID) -> ThreadID {
        if callerAgain.isEmpty { return thread }
        return callerAgain[thread] ?? thread
    }

    /// The track that counters and the process's metadata are attached to (a viewer needs a thread for them): the
    /// first thread (thread lanes) or task (task lanes) the trace names.
    var firstTrackID: UInt64 {
        switch options.lanes {
        case .threads:
            return (firstThread ?? timeline.threads.first?.id)?.rawValue ?? 1
        case .tasks:
            if let task = firstTask ?? timeline.tasks.first?.id { return task.rawValue }
            outsideTrackUsed = true
            return Self.outsideTrack
        }
    }

    // MARK: Trace events

    /// Starts a trace event: `{"name":…,"cat":…,"ph":…,"ts":…,"pid":…,"tid":…` (the caller adds fields and `end()`s).
    func begin(_ ph: StaticString, name: String, cat: StaticString, ts: UInt64?, tid: UInt64) {
        if firstEvent { firstEvent = false } else { out.raw(",\n") }
        Self.writeHead(out, ph, name: name, cat: cat)
        beginRest(ts: ts, tid: tid)
    }

    /// Starts a trace event whose opening (name, category, phase) was prepared by `head(_:name:cat:)`.
    @inline(__always)
    func begin(_ head: JSONFragment, ts: UInt64?, tid: UInt64) {
        if firstEvent { firstEvent = false } else { out.raw(",\n") }
        out.fragment(head)
        beginRest(ts: ts, tid: tid)
    }

    /// The opening of a trace event, `{"name":…,"cat":…,"ph":…"`, worked out once.
    static func head(_ ph: StaticString, name: String, cat: StaticString) -> JSONFragment {
        JSONFragment { writeHead($0, ph, name: name, cat: cat) }
    }

    private static func writeHead(_ out: JSONOutput, _ ph: StaticString, name: String, cat: StaticString) {
        out.raw("{\"name\":")
        out.string(name)
        out.raw(",\"cat\":\"")
        out.raw(cat)
        out.raw("\",\"ph\":\"")
        out.raw(ph)
        out.byte(0x22)
    }

    /// `,"ts":…,"pid":…,"tid":…`.
    @inline(__always)
    private func beginRest(ts: UInt64?, tid: UInt64) {
        if let ts {
            out.raw(",\"ts\":")
            out.micros(ts)
        }
        out.fragment(pidAndTid)
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

    /// Writes a key prepared once (`"key":`, see `keyFragment`).
    @inline(__always)
    func key(_ prepared: JSONFragment) {
        if firstArgument { firstArgument = false } else { out.byte(0x2C) }
        out.fragment(prepared)
    }

    /// `"key":` for a key known only at run time, worked out once.
    static func keyFragment(_ key: String) -> JSONFragment {
        JSONFragment { out in
            out.string(key)
            out.byte(0x3A)
        }
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
        let name = taskNames[id.rawValue] ?? ""
        return name.isEmpty ? id.description : "\(id) \(name)"
    }

    /// A task's label: its name, or its id.
    func taskLabel(_ id: TaskID) -> String {
        let name = taskNames[id.rawValue] ?? ""
        return name.isEmpty ? id.description : name
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
