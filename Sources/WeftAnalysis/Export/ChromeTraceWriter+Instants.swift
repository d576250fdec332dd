import WeftTrace

extension ChromeTraceWriter {
    /// Writes one trace event as an instant event on the track that recorded it, with its arguments by name.
    ///
    /// Run slices, thread starts and stops, metadata and samples are shown otherwise (slices, track names,
    /// `otherData`, counters) and are skipped, as are the sampler's readings of threads' CPU clocks (`threadCPU`); `runFinish` is a global instant; `unblock` is named `wake`.
    func writeInstant(_ e: Event) {
        switch e.kind {
        case .runBegin, .runEnd, .metadata, .threadStart, .threadStop, .sample, .threadCPU: return
        default: break
        }
        let tid: UInt64
        switch options.lanes {
        case .threads:
            tid = track(of: e.thread)
        case .tasks:
            if e.task != .none {
                tid = e.task.rawValue
            } else if let about = TaskCreateEvent(e)?.task ?? TaskEndEvent(e)?.task {
                tid = about.rawValue // about a task, outside any: on that task's track
            } else {
                tid = Self.outsideTrack
                outsideTrackUsed = true
            }
        }
        let spec = InstantSpec.of(e.kind)
        begin(spec.head, ts: e.time, tid: tid)
        out.raw(e.kind == .runFinish ? ",\"s\":\"g\"" : ",\"s\":\"t\"")
        beginArguments()
        key("current_task")
        out.uint(e.task.rawValue)
        let blockReason = BlockEvent(e)?.reason
        for (i, argument) in spec.arguments.enumerated() {
            let raw = e.args[i]
            key(argument.key)
            switch argument.type {
            case .string: out.string(strings(StringID(raw)))
            case .int: out.int(Event.unzigzag(raw))
            case .threadRole: enumValue(ThreadRole(rawValue: raw), raw)
            case .runEndReason: enumValue(RunEndReason(rawValue: raw), raw)
            case .blockReason: enumValue(BlockReason(rawValue: raw), raw)
            case .taskOutcome: enumValue(TaskOutcome(rawValue: raw), raw)
            case .runOutcome: enumValue(RunOutcome(rawValue: raw), raw)
            case .channel, .mutex, .waitGroup, .condition, .object, .semaphore, .once, .timer, .actor:
                out.uint(raw)
                let label = raw == 0 ? "" : self.label(of: raw, reason: blockReason)
                if !label.isEmpty {
                    key(argument.nameKey)
                    out.string(label)
                }
            case .uint, .task, .duration, .thread: out.uint(raw)
            }
        }
        endArguments()
        end()
        summary.instants += 1
    }

    /// The label of an object (or, for a join, of the awaited task), as the model's `Timeline.label` gives it.
    private func label(of raw: UInt64, reason: BlockReason?) -> String {
        if reason == .join { return taskNames[raw] ?? TaskID(raw).description }
        return objectLabels[raw] ?? reason?.spell(ObjectID(raw)) ?? ObjectID(raw).description
    }

    private func enumValue(_ value: (some CustomStringConvertible)?, _ raw: UInt64) {
        if let value { out.string(value.description) } else { out.uint(raw) }
    }
}

/// How an event kind is written as an instant: its name, category and arguments, worked out once per kind, with the
/// JSON text of its opening and of its arguments' keys.
final class InstantSpec: Sendable {
    /// One argument: its name and type, and its keys as JSON (`"channel":`, and `"channel_name":` for its label).
    struct Argument: Sendable {
        let name: String
        let type: ArgumentType
        let key: JSONFragment
        let nameKey: JSONFragment
    }

    let name: String
    let category: StaticString
    let arguments: [Argument]
    /// `{"name":…,"cat":…,"ph":"i"`.
    let head: JSONFragment

    init(name: String, category: StaticString, arguments: [(name: String, type: ArgumentType)]) {
        self.name = name
        self.category = category
        self.arguments = arguments.map {
            Argument(name: $0.name, type: $0.type, key: ChromeTraceWriter.keyFragment($0.name),
                     nameKey: ChromeTraceWriter.keyFragment($0.name + "_name"))
        }
        head = ChromeTraceWriter.head("i", name: name, cat: category)
    }

    private static let table: [InstantSpec?] = {
        var table = [InstantSpec?](repeating: nil, count: 256)
        for spec in EventSpec.all {
            table[Int(spec.kind.rawValue)] = InstantSpec(
                name: spec.kind == .unblock ? "wake" : spec.name,
                category: category(of: spec.kind),
                arguments: spec.arguments.map { ($0.name, $0.type) })
        }
        return table
    }()

    /// The spec of a kind.
    static func of(_ kind: EventKind) -> InstantSpec { table[Int(kind.rawValue)]! }

    /// The category of a kind: run, task, channel, mutex, waitgroup, condition, once, semaphore, time or user.
    static func category(of kind: EventKind) -> StaticString {
        switch kind {
        case .metadata, .threadStart, .threadStop, .threadWake, .threadCPU, .runFinish, .sample: "run"
        case .taskCreate, .runBegin, .runEnd, .block, .unblock, .taskEnd: "task"
        case .channelMake, .send, .receive, .close, .select, .selectWait, .sendFailed: "channel"
        case .mutexMake, .lockRequest, .lockAcquire, .lockRelease: "mutex"
        case .waitGroupMake, .waitGroupAdd, .waitGroupDone, .waitGroupWait: "waitgroup"
        case .conditionMake, .conditionWait, .conditionSignal, .conditionBroadcast: "condition"
        case .sleep: "time"
        case .log, .regionBegin, .regionEnd: "user"
        case .rwMutexMake, .readRequest, .readAcquire, .readRelease: "mutex"
        case .onceMake, .onceBegin, .onceEnd: "once"
        case .semaphoreMake, .semaphoreAcquire, .semaphoreRelease: "semaphore"
        case .tickerMake, .tick, .tickerStop, .timerMake, .timerFire, .timerStop: "time"
        case .taskCancel: "task"
        case .trySendMiss, .tryReceiveMiss, .receiveTimeout: "channel"
        case .actorMake, .actorJobBegin, .actorSlice, .actorJobEnd: "actor"
        }
    }
}
