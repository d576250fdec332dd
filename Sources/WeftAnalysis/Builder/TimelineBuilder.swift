import WeftTrace

/// Builds a `Timeline` from events in one streaming pass.
///
/// Memory grows with the tasks, threads, objects and intervals kept, never with the raw events: each event updates
/// the state of its task, thread or object and is forgotten. The builder is lenient: events that do not add up
/// (a `runEnd` for a task that is not running, …) become `RunInfo.anomalies` and the model stays consistent.
///
/// ```swift
/// let timeline = try TimelineBuilder.build(from: TraceReader(path: "run.weft"))
/// // or, event by event, alongside another consumer:
/// let builder = TimelineBuilder(strings: reader.string)
/// while let e = try reader.next() { builder.add(e) }
/// let timeline = builder.finish()
/// ```
public final class TimelineBuilder {
    private var state: TimelineState

    /// A builder that reads string arguments through `strings` (usually the stream's `string(_:)`).
    public init(strings: @escaping (StringID) -> String) {
        state = TimelineState(strings: strings)
    }

    /// Adds the next event, in stream order.
    public func add(_ event: Event) { state.add(event) }

    /// Closes everything still open at the last event and returns the model. Call once, after the last `add`.
    public func finish() -> Timeline { state.finish() }

    /// Reads every event of `stream` for its figures only: the run's tasks, threads and objects, with each state
    /// interval, run slice, message, mutex and read hold, permit change, tick and sample counted into the summary and
    /// forgotten, and log lines, counter changes, signals and wait episodes not kept. Its memory grows with the
    /// tasks, threads and objects, never with the events (`weft stats`).
    /// - Throws: the stream's `TraceError` when the trace is damaged.
    public static func summarize(from stream: some EventStream) throws(TraceError) -> SummarizedTrace {
        try summarize(from: stream, figures: RunStatsAccumulator())
    }

    /// `summarize(from:)` into `figures` (a test sets how often it settles thread-per-task's woken waits).
    static func summarize(from stream: some EventStream,
                          figures: RunStatsAccumulator) throws(TraceError) -> SummarizedTrace {
        var state = TimelineState(strings: { [unowned stream] in stream.string($0) })
        state.countFigures(figures)
        state.expect(stream.expectedTotals)
        while let event = try stream.next() { state.add(event) }
        let skeleton = state.finish()
        return SummarizedTrace(skeleton: skeleton, accumulator: state.summary ?? RunStatsAccumulator())
    }

    /// Reads every event of `stream` for the lints only, as `summarize` does for the figures: each interval, slice,
    /// hold, read hold, message, permit change, counter change and signal updates the lints' per-task and per-object
    /// state and is forgotten, so memory does not grow with the events (`weft check`). Starvation and never-yields keep the earliest `detailLimit` findings worded.
    /// - Throws: the stream's `TraceError` when the trace is damaged.
    public static func check(from stream: some EventStream, thresholds: LintThresholds = LintThresholds(),
                             detailLimit: Int) throws(TraceError) -> CheckedTrace {
        var state = TimelineState(strings: { [unowned stream] in stream.string($0) })
        // The lints alone: the figures of `weft stats` are not counted.
        state.checkLints(LintAccumulator(thresholds: thresholds, detailLimit: detailLimit))
        state.expect(stream.expectedTotals)
        while let event = try stream.next() { state.add(event) }
        let skeleton = state.finish()
        state.lints?.settlePending()
        let lints = state.lints!
        var heldAtEnd: [UInt64: TaskID] = [:]
        for mutex in state.mutexes { if let hold = mutex.openHold { heldAtEnd[mutex.timeline.id.rawValue] = hold.task } }
        let evidence = lints.waitEvidence(tasks: state.tasks.map { ($0.id, $0.ended == nil) }, heldAtEnd: heldAtEnd,
                                          readersAtEnd: state.readersAtEnd())
        return CheckedTrace(skeleton: skeleton, lints: lints, evidence: evidence, builderRecords: state.retainedRecords)
    }

    /// Builds the timeline of every event in `stream`; with `detail`, a model for a picture, whose memory stops
    /// growing with the events once its lanes hold `detail.budget` pieces (see `PictureDetail`): below it the model is
    /// the same as without.
    /// - Throws: the stream's `TraceError` when the trace is damaged.
    public static func build(from stream: some EventStream, detail: PictureDetail? = nil) throws(TraceError) -> Timeline {
        // A local value, not the class: the per-event state needs no dynamic exclusivity checks.
        var state = TimelineState(strings: { [unowned stream] in stream.string($0) })
        state.coalescing = detail.map(CoalescingState.init)
        while let event = try stream.next() { state.add(event) }
        return state.finish()
    }
}

/// The builder's state while it reads a trace; `TimelineBuilder` is its public face.
struct TimelineState {
    /// The most metadata facts kept (a run writes about a dozen); later ones are anomalies.
    static let maxMetadata = 4096
    let strings: (StringID) -> String

    var tasks: [TaskBuild] = []
    var taskIndex = DenseIndex()
    var threads: [ThreadBuild] = []
    var threadIndex = DenseIndex()
    /// The position in `threads` of the caller of `Weft.run`, once its `threadStart` was seen.
    var callerThread: Int?
    var channels: [ChannelTimeline] = []
    var channelIndex = DenseIndex()
    var occupancy: [Int] = []
    /// Per channel position: whether its `channelMake` was seen (its capacity is known).
    var channelMade: [Bool] = []
    /// Per channel, tasks that announced a blocking receive and have not been woken yet.
    var waitingReceivers: [Int] = []
    var mutexes: [MutexBuild] = []
    var mutexIndex = DenseIndex()
    var waitGroups: [WaitGroupBuild] = []
    var waitGroupIndex = DenseIndex()
    var conditions: [ConditionBuild] = []
    var conditionIndex = DenseIndex()
    var actors: [ActorTimeline] = []
    var actorIndex = DenseIndex()
    var flows: [MessageFlow] = []
    /// Positions in `flows` free for a new message (only when summarising: a paired message is handed on).
    var freeFlows: [Int] = []
    /// Per channel (same positions as `channels`), the messages still waiting for their partner.
    var unpaired: [SeqWindow] = []
    var wakes: [WakeEdge] = []
    var logs: [LogEntry] = []
    /// When summarising, the samples kept (of each name, the largest and the last), not every one.
    var sampleExtremes = SampleExtremes()
    var primitives = PrimitiveBuild()
    var run = RunInfo()
    /// When set, the builder only summarises: it hands each finished interval, slice, message, hold and read hold,
    /// each permit change, tick and sample to it and forgets them, and keeps no log line, counter change, signal or
    /// wait episode (its `finish` returns a model without them, with one cancellation per task and, of each sample
    /// name, only the largest and the last sample), so its memory does not grow with the events.
    var summary: RunStatsAccumulator?
    /// When set (with `summary`), each channel's messages in sequence order, fed each message as it pairs (`weft
    /// diff`); the messages still unpaired at the end are the caller's to add.
    var messageOrder: MessageOrderCollector?
    /// When set, the lints' state, fed the same pieces before they are forgotten (`weft check`): the builder then
    /// keeps no per-event lists, as when summarising, with or without `summary`.
    var lints: LintAccumulator?
    /// How many run slices are open now, over every thread.
    var openSlices = 0
    /// The latest start among the open slices and how many open slices began then: a runnable wait ending at that
    /// instant did not share time with them (a slice shares a wait `s ..< e` only when it starts before `e`).
    var openSlicesLatestStart: (time: UInt64, count: Int) = (0, 0)
    /// When set, the builder streams: it hands each finished slice and interval, and each task's open state after
    /// an event, to the sink and keeps none of them (nor messages, holds or wake-ups), as when summarising.
    var sink: (any TimelineStreamSink)?
    /// When set (a model built for a picture), the lanes' pieces shorter than a time cell are joined per cell once
    /// they pass a budget, and repeated messages and wake-ups of one pair in one cell are dropped.
    var coalescing: CoalescingState?
    /// Whether the model keeps every interval, slice, message, hold and wake-up (neither summarising nor streaming).
    var keepsDetail: Bool { !summarizes && !streams }
    // Plain flags, set with `summary`, `lints` and `sink` (`countFigures`, `checkLints`, `stream(to:)`): the hot path
    // tests them instead of the optionals, as testing an optional accumulator for nil copies it (136 and 408 bytes).
    /// Whether each piece is handed to the figures or the lints and forgotten (`summary` or `lints` set): no log
    /// line, counter change, signal, wait episode or instant is kept, and of each sample name only the extremes.
    private(set) var summarizes = false
    /// Whether `lints` is set.
    private(set) var checksLints = false
    /// Whether `sink` is set.
    private(set) var streams = false
    /// Whether the run's scheduler is thread-per-task (its `scheduler` metadata says so).
    var threadPerTask = false
    /// Whether the figures asked for their woken waits to be settled (`settleWokenWaits`) after this event.
    var wokenWaitsDue = false
    /// The bound on where pieces not handed on yet start, found at the last settling (`settleWokenWaits`).
    var wokenWaitsBound: UInt64 = 0
    var eventCount = 0
    var firstTime: UInt64?
    var lastTime: UInt64 = 0

    init(strings: @escaping (StringID) -> String) {
        self.strings = strings
    }

    /// The most tasks `expect` makes room for ahead (about 270 bytes each, in address space until used).
    static let maxExpectedTasks = 1 << 22

    /// Makes room ahead for the tasks `totals` (a trailer read before the events) say the trace creates, in the
    /// per-task arrays that would otherwise grow by copying as the tasks come (a million-task trace copies and faults
    /// in its task records twice over). A hint only: past `maxExpectedTasks`, or wrong, the arrays grow as before.
    mutating func expect(_ totals: TraceTrailer?) {
        guard let totals else { return }
        let created = Int(min(totals.count(.taskCreate), UInt64(Self.maxExpectedTasks)))
        guard created > tasks.capacity else { return }
        tasks.reserveCapacity(created)
        summary?.reserveTasks(created)
    }

    /// From now on, hands each finished piece to `accumulator` (`summary`) and forgets it.
    mutating func countFigures(_ accumulator: RunStatsAccumulator) {
        summary = accumulator
        // A pool's free threads at the end are measured unless the run turns out to be thread-per-task.
        summary?.keepsPoolSpans = !threadPerTask
        summarizes = true
    }

    /// From now on, hands each finished piece to the lints' `accumulator` (`lints`) and forgets it.
    mutating func checkLints(_ accumulator: LintAccumulator) {
        lints = accumulator
        checksLints = true
        summarizes = true
    }

    /// From now on, streams each finished slice and interval to `sink` (`sink`; nil: stops).
    mutating func stream(to sink: (any TimelineStreamSink)?) {
        self.sink = sink
        streams = sink != nil
    }

    /// Adds the next event, in stream order.
    mutating func add(_ e: Event) {
        run.eventCounts[Int(e.kind.rawValue)] += 1
        if firstTime == nil { firstTime = e.time }
        if e.time > lastTime { lastTime = e.time }
        defer {
            eventCount += 1
            if wokenWaitsDue { settleWokenWaits() }
        }
        guard let typed = e.typed else {
            // The reader never yields such an event; a hand-made stream might.
            anomaly(e, "an argument is outside its type")
            return
        }
        switch typed {
        case .metadata(let v):
            guard run.metadata.count < Self.maxMetadata else {
                // A run writes a dozen facts: past the cap the stream is damaged or endless, and memory must not grow.
                anomaly(e, "more than \(Self.maxMetadata) metadata facts: this one (\(strings(v.key))) is not kept")
                return
            }
            let entry = MetadataEntry(key: strings(v.key), value: strings(v.value))
            if entry.key == "scheduler" {
                threadPerTask = entry.value == "thread-per-task"
                // The figures keep what thread-per-task's wake-up latency is read from (`WokenThreadLatency`).
                if summarizes { summary?.keepsWokenWaits = threadPerTask }
                if summarizes { summary?.keepsPoolSpans = !threadPerTask }
            }
            run.metadata.append(entry)
        case .threadStart(let v):
            // The caller of `Weft.run` is one thread: an older trace records it twice (before and after the run,
            // maybe from two kernel threads); the second record continues the first.
            if v.role == .main, let caller = callerThread, threadIndex.position(e.thread.rawValue) == nil {
                threadIndex.set(e.thread.rawValue, caller)
                threads[caller].stopped = nil
                return
            }
            let t = threadPosition(e.thread, at: e.time)
            if v.role == .main && callerThread == nil { callerThread = t }
            threads[t].tid = v.tid
            threads[t].role = v.role
            threads[t].index = v.index
            threads[t].started = min(threads[t].started, e.time)
        case .threadStop:
            let t = threadPosition(e.thread, at: e.time)
            if let open = threads[t].open {
                anomaly(e, "thread \(e.thread) stopped while \(open.task) was running on it")
                endSlice(thread: t, reason: nil, at: e.time)
            }
            threads[t].stopped = e.time
        case .runFinish(let v):
            run.outcome = v.outcome
            run.message = strings(v.message)
            run.finished = e.time
        case .sample(let v):
            let sample = Sample(time: e.time, name: strings(v.name), value: v.value)
            if summarizes {
                summary?.add(sample)
                sampleExtremes.add(sample)
            } else {
                run.samples.append(sample)
            }
        case .threadWake(let v):
            let t = threadPosition(e.thread, at: e.time)
            let signalled = max(e.time &- min(v.delay, e.time), threads[t].lastWakeEnd)
            threads[t].lastWakeEnd = e.time
            if keepsDetail {
                threads[t].wakes.append(SignalledWake(start: signalled, end: e.time))
                if let resolution = coalescing?.resolution {
                    threads[t].coalesceLastWake(resolution: resolution)
                    notePiecesKept(1)
                }
            }
        case .threadCPU(let v): threadCPU(v, e)
        case .taskCreate(let v): taskCreate(v, e)
        case .runBegin(let v): runBegin(v, e)
        case .runEnd(let v): runEnd(v, e)
        case .block(let v): block(v, e)
        case .unblock(let v): unblock(v, e)
        case .taskEnd(let v): taskEnd(v, e)
        case .channelMake, .send, .receive, .close, .select, .sendFailed: channelEvent(typed, e)
        case .selectWait(let v): selectWait(v, e)
        case .mutexMake, .lockRequest, .lockAcquire, .lockRelease: mutexEvent(typed, e)
        case .waitGroupMake, .waitGroupAdd, .waitGroupDone, .waitGroupWait: waitGroupEvent(typed, e)
        case .conditionMake, .conditionWait, .conditionSignal, .conditionBroadcast: conditionEvent(typed, e)
        case .sleep(let v):
            guard let t = runningTask(e) else { return }
            tasks[t].pendingSleep = v.duration
        case .log(let v):
            // Neither the figures nor the lints read the log.
            guard !summarizes else { return }
            logs.append(LogEntry(time: e.time, task: e.task, thread: e.thread,
                                 category: strings(v.category), message: strings(v.message)))
        case .regionBegin(let v): regionEvent(name: v.name, begins: true, e)
        case .regionEnd(let v): regionEvent(name: v.name, begins: false, e)
        case .rwMutexMake, .readRequest, .readAcquire, .readRelease, .onceMake, .onceBegin, .onceEnd, .semaphoreMake,
             .semaphoreAcquire, .semaphoreRelease, .tickerMake, .tick, .tickerStop, .timerMake, .timerFire, .timerStop,
             .taskCancel, .trySendMiss, .tryReceiveMiss, .receiveTimeout:
            primitiveEvent(typed, e)
        case .actorMake(let v): actors[actorPosition(v.actor)].typeName = strings(v.type)
        case .actorJobBegin(let v): actorJobBegin(v, e)
        case .actorSlice(let v): actorSlice(v, e)
        case .actorJobEnd(let v): actorJobEnd(v, e)
        }
    }

    // MARK: - Lookups

    /// The position of a task, created (as first seen at `time`) when new.
    mutating func taskPosition(_ id: TaskID, at time: UInt64) -> Int {
        let known = tasks.count
        let t = taskIndex.position(id.rawValue, in: &tasks) { TaskBuild(id: id, created: time) }
        if t >= known, checksLints {
            let state = tasks[t].state, since = tasks[t].stateStart
            lints?.taskState(t, state, since: since)
        }
        return t
    }

    /// The position of a thread, created (as first seen at `time`) when new.
    /// A sample of a thread's CPU clock: with the thread's previous sample in the same slice, a stretch in which its
    /// clock advanced by less than `CPUStarvation.threshold` of the wall time is kept as starved (joined to the
    /// previous one when they touch) and added to `RunInfo.cpuStarved`. Samples outside a slice are ignored.
    mutating func threadCPU(_ v: ThreadCPUEvent, _ e: Event) {
        guard let t = threadIndex.position(v.thread.rawValue) else { return }
        guard let open = threads[t].open else {
            threads[t].lastCPU = nil
            return
        }
        defer { threads[t].lastCPU = (e.time, v.cpu, open.start) }
        guard let last = threads[t].lastCPU, last.slice == open.start, e.time > last.time, v.cpu >= last.cpu else { return }
        let cpu = v.cpu - last.cpu
        guard CPUStarvation.isStarved(cpu: cpu, wall: e.time - last.time) else { return }
        var stretch = CPUStarvation(start: last.time, end: e.time, cpu: cpu)
        run.cpuStarved &+= stretch.duration
        guard keepsDetail else { return }
        if let previous = threads[t].starved.last, previous.end == stretch.start {
            stretch = CPUStarvation(start: previous.start, end: stretch.end, cpu: previous.cpu &+ cpu)
            threads[t].starved[threads[t].starved.count - 1] = stretch
        } else {
            threads[t].starved.append(stretch)
        }
    }

    mutating func threadPosition(_ id: ThreadID, at time: UInt64) -> Int {
        threadIndex.position(id.rawValue, in: &threads) { ThreadBuild(id: id, started: time) }
    }

    /// The position of the event's recording task, or nil (with an anomaly) when no task was running.
    mutating func runningTask(_ e: Event) -> Int? {
        guard e.task != .none else {
            anomaly(e, "\(e.kind) recorded outside any task")
            return nil
        }
        return taskPosition(e.task, at: e.time)
    }

    /// Notes something that does not add up.
    mutating func anomaly(_ e: Event, _ message: String) {
        run.anomalyCount += 1
        if run.anomalies.count < 100 {
            run.anomalies.append(Anomaly(eventIndex: eventCount, time: e.time, message: "\(e.kind): \(message)"))
        }
    }
}
