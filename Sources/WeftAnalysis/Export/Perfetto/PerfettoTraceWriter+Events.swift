import WeftTrace

extension PerfettoTraceWriter {
    /// Track event types.
    static let sliceBegin: UInt64 = 1, sliceEnd: UInt64 = 2, instant: UInt64 = 3

    /// Writes what one event shows, as it is read.
    func add(_ e: Event) {
        if e.time > lastTime { lastTime = e.time }
        guard let typed = e.typed else { return } // the reader never yields such an event
        switch typed {
        case .metadata(let v):
            metadata[strings(v.key)] = strings(v.value)
            return
        case .threadStart(let v):
            noteThread(v, e)
            return
        case .threadStop:
            threadStopped(e.thread)
            return
        case .threadWake:
            instant(e)  // on the woken thread, with its delay: the OS's share of a wake-up, as the Chrome export has it
        case .sample(let v):
            sample(v, e)
        case .threadCPU:
            return  // the model's reading of it (stretches without a CPU) is the picture's, not an export's
        case .runBegin(let v):
            runBegin(v, e)
        case .runEnd(let v):
            runEnd(v, e)
        case .taskCreate(let v):
            taskCreate(v, e)
        case .block(let v) where e.task != .none:
            // The wait goes on the slice's end (thread lanes) or the blocked state (task lanes), not on a mark.
            tasks[e.task.rawValue, default: TaskState()].waitReason = v.reason.rawValue
            tasks[e.task.rawValue, default: TaskState()].waitObject = v.object.rawValue
        case .unblock(let v):
            unblock(v, e)
            instant(e)
        case .channelMake(let v):
            noteObject(v.channel.rawValue, name: v.name, id: v.channel.description)
            if v.capacity == 0 { unbuffered.insert(v.channel.rawValue) }
            describeChannel(v.channel.rawValue)
            instant(e)
        case .mutexMake(let v):
            noteObject(v.mutex.rawValue, name: v.name, id: v.mutex.description)
            instant(e)
        case .waitGroupMake(let v):
            noteObject(v.group.rawValue, name: v.name, id: v.group.description)
            instant(e)
        case .conditionMake(let v):
            noteObject(v.condition.rawValue, name: v.name, id: v.condition.description)
            instant(e)
        case .rwMutexMake(let v):
            noteObject(v.mutex.rawValue, name: v.name, id: v.mutex.description)
            instant(e)
        case .onceMake(let v):
            noteObject(v.once.rawValue, name: v.name, id: v.once.description)
            instant(e)
        case .semaphoreMake(let v):
            noteObject(v.semaphore.rawValue, name: v.name, id: v.semaphore.description)
            instant(e)
        case .tickerMake(let v):
            noteObject(v.timer.rawValue, name: v.name, id: v.timer.description)
            instant(e)
        case .timerMake(let v):
            noteObject(v.timer.rawValue, name: v.name, id: v.timer.description)
            instant(e)
        case .actorMake(let v):
            noteObject(v.actor.rawValue, name: v.type, id: v.actor.description)
            instant(e)
        case .send(let v):
            let channel = v.channel.rawValue
            channelChanged(channel, by: 1)
            var flow: UInt64?
            if v.seq != 0, openMessages.count + openSpawns.count < options.heldFlowCap {
                let id = flowIDs.take(at: e.time)
                openMessages[MessageKey(channel: channel, seq: v.seq)] = id
                flow = id
            } else if v.seq != 0 {
                summary.flowsLeftOut += 1
            }
            instant(e, flowStart: flow)
        case .receive(let v):
            if v.seq == 0 {
                instant(e)
            } else {
                channelChanged(v.channel.rawValue, by: -1)
                let flow = openMessages.removeValue(forKey: MessageKey(channel: v.channel.rawValue, seq: v.seq))
                instant(e, flowEnd: flow)
                if let flow {
                    flowIDs.give(flow, at: e.time)
                    summary.messageFlows += 1
                }
            }
        default:
            instant(e)
        }
        if runnableChanged || waitingChanged || pendingChannel != nil { flushCounters(lane: lane(of: e.thread), at: e.time) }
    }

    // MARK: Threads and tasks

    /// A thread's track: its own, or that of the OS thread it is again (same kernel tid).
    private func noteThread(_ v: ThreadStartEvent, _ e: Event) {
        let kernelTid = v.tid, id = e.thread.rawValue
        var track = Self.threadTrack(id: id)
        if v.role == .main, let caller = callerTrack {
            track = caller // the caller of Weft.run recorded again: one caller, as in the model
        } else if kernelTid != 0 {
            if let first = trackOfKernelThread[kernelTid] { track = first } else { trackOfKernelThread[kernelTid] = track }
        }
        if v.role == .main && callerTrack == nil { callerTrack = track }
        let described = threads[id]?.described ?? false
        threads[id] = ThreadState(track: track, kernelTid: kernelTid, role: v.role,
                                  index: v.index, described: described || track != Self.threadTrack(id: id))
        // Every thread is shown, idle ones too; before the first packet, the process's name is not known yet.
        if started && options.lanes == .threads && showsNow(id) { _ = threadTrack(e.thread) }
        if v.role == .taskThread { threadOfTask[v.index] = id }
    }

    /// A thread stopped: its lane's incremental state is let go (cleared again if the OS thread records again).
    private func threadStopped(_ thread: ThreadID) {
        guard let index = knownLane(thread) else { return }
        setLane(nil, of: thread)
        laneThreads[index] -= 1
        if threads[thread.rawValue]?.openTask == nil && laneThreads[index] == 0 { lanes[index].reset() }
    }

    /// The order of a thread's track among the process's: the caller, the workers by index, the timer, other
    /// threads, then the threads of tasks in the order the tasks were spawned.
    static func threadRank(_ role: ThreadRole?, _ index: UInt64) -> Int32 {
        let group: Int32
        switch role {
        case .main?: group = 0
        case .worker?: group = 1
        case .timer?: group = 2
        case .other?, nil: group = 3
        case .taskThread?: group = 4
        }
        return group << 27 | Int32(min(index, (1 << 27) - 1))
    }

    /// The track of a thread's events, described on first use.
    func threadTrack(_ thread: ThreadID) -> UInt64 {
        let id = thread.rawValue
        if let state = threads[id], state.described { return state.track }
        var state = threads[id] ?? ThreadState(track: Self.threadTrack(id: id), kernelTid: 0, role: nil, index: 0)
        state.described = true
        threads[id] = state
        let name: String
        switch state.role {
        case .taskThread?: name = "thread of \(taskLabel(state.index, withID: true))"
        case let role?: name = ThreadTimeline(id: thread, role: role, index: state.index, started: 0, slices: IntervalList(sorted: [])).label
        case nil: name = thread.description
        }
        let tid = state.kernelTid != 0 ? state.kernelTid : Self.syntheticTidBase + id
        let rank = Self.threadRank(state.role, state.role == nil ? id : state.index)
        describe(state.track) { p in
            let t = p.begin(4)                           // thread
            p.uint(1, self.pid)
            p.uint(2, tid)
            p.string(5, name)
            p.end(t)
            p.int(12, Int64(rank))                       // sibling_order_rank
        }
        return state.track
    }

    /// The lane of a thread's events, its track described first (thread lanes).
    func eventLane(_ thread: ThreadID) -> Int {
        if let lane = knownLane(thread) { return lane }
        if options.lanes == .threads { _ = threadTrack(thread) }
        return lane(of: thread)
    }

    /// `t7 fetch` (withID) or `fetch`; `t7` when unnamed.
    func taskLabel(_ task: UInt64, withID: Bool) -> String {
        let name = tasks[task]?.name ?? ""
        if name.isEmpty { return TaskID(task).description }
        return withID ? "\(TaskID(task)) \(name)" : name
    }

    /// The track of a task's states and events (task lanes), described on first use.
    func taskTrack(_ task: UInt64) -> UInt64 {
        let uuid = Self.taskTrack(id: task)
        if taskTracksWritten.insert(task).inserted {
            let name = taskLabel(task, withID: true)
            describe(uuid) { p in
                p.uint(5, Self.processTrack)
                p.string(2, name)
                p.int(12, Int64(min(task, UInt64(Self.counterRankBase - 2)))) // sibling_order_rank: spawn order
            }
        }
        return uuid
    }

    /// The track an event's instant goes on: nil for its lane's own (thread lanes).
    func instantTrack(_ e: Event) -> UInt64? {
        switch options.lanes {
        case .threads:
            return nil
        case .tasks:
            if e.task != .none { return taskTrack(e.task.rawValue) }
            if let about = TaskCreateEvent(e)?.task ?? TaskEndEvent(e)?.task { return taskTrack(about.rawValue) }
            if !outsideTrackWritten {
                outsideTrackWritten = true
                describe(Self.outsideTrack) { p in
                    p.uint(5, Self.processTrack)
                    p.string(2, "outside tasks (timer, runtime)")
                    p.int(12, Int64(Self.counterRankBase - 1))
                }
            }
            return Self.outsideTrack
        }
    }

    private func taskCreate(_ v: TaskCreateEvent, _ e: Event) {
        let child = v.task.rawValue
        var task = tasks[child] ?? TaskState()
        task.name = strings(v.name)
        task.phase = .runnable
        tasks[child] = task
        tasksChanged(runnable: 1, waiting: 0)
        if started && options.lanes == .threads, let thread = threadOfTask[child] { _ = threadTrack(ThreadID(thread)) }
        if options.lanes == .tasks {
            beginState(child, "runnable", at: e.time, lane: eventLane(e.thread)) { w, lane in
                w.annotate(lane, "cause", key: Self.annotationKey(0), string: "created", valueKey: Self.valueKey(0))
            }
        }
        var flow: UInt64?
        if v.parent != .none {
            if openMessages.count + openSpawns.count < options.heldFlowCap {
                let id = flowIDs.take(at: e.time)
                if let earlier = openSpawns.updateValue(id, forKey: child) { // the same child again (a damaged trace)
                    flowIDs.give(earlier, at: e.time)
                    summary.flowsLeftOut += 1
                }
                flow = id
            } else {
                summary.flowsLeftOut += 1
            }
        }
        instant(e, flowStart: flow)
    }

    private func runBegin(_ v: RunBeginEvent, _ e: Event) {
        let id = v.task.rawValue
        let wasRunnable: Bool
        if let i = tasks.index(forKey: id) {
            wasRunnable = tasks.values[i].phase == .runnable
            tasks.values[i].phase = .running
            tasks.values[i].wokenEarly = false
        } else {
            wasRunnable = false
            tasks[id] = TaskState(phase: .running)
        }
        if wasRunnable { tasksChanged(runnable: -1, waiting: 0) }
        // The spawn's flow ends at the child's first slice.
        let spawn = openSpawns.removeValue(forKey: id)
        let lane = eventLane(e.thread)
        switch options.lanes {
        case .threads:
            if let open = threads[e.thread.rawValue]?.openTask { endRunSlice(e.thread, open, at: e.time, ended: nil) }
            beginEvent(Self.sliceBegin, lane: lane, key: 3 << 56 | id) { self.taskLabel(id, withID: true) }
            if let spawn { packet.uint(42, spawn) }      // terminating_flow_ids (varint form)
            threads[e.thread.rawValue]?.openTask = id
            emitEvent(lane: lane, at: e.time)
            summary.slices += 1
        case .tasks:
            let thread = e.thread
            beginState(id, "running", at: e.time, lane: lane, flowEnd: spawn) { w, lane in
                w.annotate(lane, "thread", key: Self.annotationKey(1), string: w.threadName(thread), valueKey: 6 << 56 | thread.rawValue)
            }
        }
        if let spawn {
            flowIDs.give(spawn, at: e.time)
            summary.spawnFlows += 1
        }
    }

    /// Keys of the annotation names and constant values the writer uses itself.
    static func annotationKey(_ n: UInt64) -> UInt64 { 2 << 56 | 0xFF << 8 | n }
    static func valueKey(_ n: UInt64) -> UInt64 { 5 << 56 | n }

    /// A thread's name for the task lanes' annotations.
    func threadName(_ thread: ThreadID) -> String {
        guard let state = threads[thread.rawValue], let role = state.role else { return thread.description }
        if role == .taskThread { return "thread of \(TaskID(state.index))" }
        return ThreadTimeline(id: thread, role: role, index: state.index, started: 0, slices: IntervalList(sorted: [])).label
    }

    private func runEnd(_ v: RunEndEvent, _ e: Event) {
        let id = v.task.rawValue
        let reason: RunEndReason? = v.reason
        var task = tasks[id] ?? TaskState()
        switch reason {
        case .blocked?:
            if task.wokenEarly {
                task.phase = .runnable
                tasksChanged(runnable: 1, waiting: 0)
            } else {
                task.phase = task.waitReason == BlockReason.sleep.rawValue ? .sleeping : .blocked
                tasksChanged(runnable: 0, waiting: 1)
            }
        case .yielded?:
            task.phase = .runnable
            tasksChanged(runnable: 1, waiting: 0)
        default:
            task.phase = .unknown
        }
        task.wokenEarly = false
        let lane = eventLane(e.thread)
        switch options.lanes {
        case .threads:
            tasks[id] = task
            if threads[e.thread.rawValue]?.openTask == id {
                endRunSlice(e.thread, id, at: e.time, ended: reason, wait: reason == .blocked ? task : nil)
            }
        case .tasks:
            task.stateOpen = false
            tasks[id] = task
            let ended = reason?.description ?? "unknown"
            let wait = waitText(task)
            endState(id, at: e.time, lane: lane) { w, lane in
                w.annotate(lane, "end", key: Self.annotationKey(2), string: ended, valueKey: Self.valueKey(16 + (v.reason.rawValue & 0xFF)))
                if reason == .blocked, let wait { w.annotate(lane, "wait", key: Self.annotationKey(3), string: wait) }
            }
            switch task.phase {
            case .runnable:
                let cause = reason == .yielded ? "yielded" : "woken"
                beginState(id, "runnable", at: e.time, lane: lane) { w, lane in
                    w.annotate(lane, "cause", key: Self.annotationKey(0), string: cause)
                }
            case .blocked: beginState(id, "blocked", at: e.time, lane: lane) { w, lane in if let wait { w.annotate(lane, "wait", key: Self.annotationKey(3), string: wait) } }
            case .sleeping: beginState(id, "sleeping", at: e.time, lane: lane) { w, lane in if let wait { w.annotate(lane, "wait", key: Self.annotationKey(3), string: wait) } }
            default: break
            }
        }
        if reason == .finished { tasks[id] = nil }
    }

    /// Ends the run slice open on a thread, saying why in one annotation: `blocked: receive ping`, `yielded`,
    /// `finished`.
    func endRunSlice(_ thread: ThreadID, _ task: UInt64, at time: UInt64, ended: RunEndReason?, wait: TaskState? = nil,
                     atEnd: Bool = false) {
        let lane = eventLane(thread)
        beginEvent(Self.sliceEnd, lane: lane, name: nil)
        let reasonCode = atEnd ? 0xFE : (ended?.rawValue ?? 0xFF) & 0xFF
        var key: UInt64? = Self.valueKey(reasonCode << 48)
        if let wait {
            let reason = (wait.waitReason ?? 0xFF) & 0xFF
            key = wait.waitObject < 1 << 40 ? Self.valueKey(reasonCode << 48 | reason << 40 | wait.waitObject) : nil
        }
        let text: () -> String = {
            if atEnd { return "open at the end of the trace" }
            let base = ended?.description ?? "unknown"
            guard let wait, let waitText = self.waitText(wait) else { return base }
            return "\(base): \(waitText)"
        }
        let a = packet.begin(4)
        if let iid = cachedIID(lane, Self.annotationKey(2), .annotationName, "end") { packet.uint(1, iid) } else { packet.string(10, "end") }
        if let key, let iid = lanes[lane].cachedIIDs[key] {
            packet.uint(17, iid)
        } else {
            let value = text()
            let iid = key.map { cachedIID(lane, $0, .stringValue, value) } ?? lanes[lane].interning.iid(.stringValue, value)
            if let iid { packet.uint(17, iid) } else { packet.string(6, value) }
        }
        packet.end(a)
        threads[thread.rawValue]?.openTask = nil
        emitEvent(lane: lane, at: time)
    }

    /// What a task waits for: `receive ping`, `mutex state`, `sleep`, `join t3 worker`; an object never made in
    /// the trace is spelled by the wait's kind, as every other tool spells it (`timer tm7`, `mutex mu2`).
    func waitText(_ task: TaskState) -> String? {
        guard let raw = task.waitReason, let reason = BlockReason(rawValue: raw) else { return nil }
        if reason == .sleep || task.waitObject == 0 { return reason.description }
        if reason == .join { return "join \(taskLabel(task.waitObject, withID: true))" }
        guard let object = objectNames[task.waitObject] else { return "\(reason) \(reason.spell(ObjectID(task.waitObject)))" }
        return "\(reason) \(object.name.isEmpty ? object.id : object.name)"
    }

    private func unblock(_ v: UnblockEvent, _ e: Event) {
        let id = v.task.rawValue
        guard var task = tasks[id] else { return }
        switch task.phase {
        case .blocked, .sleeping:
            task.phase = .runnable
            task.stateOpen = options.lanes == .tasks
            tasks[id] = task
            tasksChanged(runnable: 1, waiting: -1)
            if options.lanes == .tasks {
                let lane = eventLane(e.thread)
                endState(id, at: e.time, lane: lane) { _, _ in }
                let waker = e.task
                beginState(id, "runnable", at: e.time, lane: lane) { w, lane in
                    w.annotate(lane, "cause", key: Self.annotationKey(0), string: "woken", valueKey: Self.valueKey(1))
                    w.annotate(lane, "waker", key: Self.annotationKey(4), uint: waker.rawValue)
                }
            }
        case .running:
            task.wokenEarly = true
            tasks[id] = task
        default:
            break
        }
    }

    // MARK: Task lanes: states as slices

    /// Begins a state slice on a task's track (ending the open one first).
    func beginState(_ task: UInt64, _ name: String, at time: UInt64, lane: Int, flowEnd: UInt64? = nil,
                    _ annotations: (PerfettoTraceWriter, Int) -> Void) {
        if tasks[task]?.stateOpen == true { endState(task, at: time, lane: lane) { _, _ in } }
        let track = taskTrack(task)
        beginEvent(Self.sliceBegin, lane: lane, track: track, name: name, key: 9 << 56 | UInt64(name.utf8.first ?? 0) << 8 | UInt64(name.utf8.count))
        annotations(self, lane)
        if let flowEnd { packet.uint(42, flowEnd) }      // terminating_flow_ids (varint form)
        emitEvent(lane: lane, at: time)
        tasks[task, default: TaskState()].stateOpen = true
        summary.slices += 1
    }

    /// Ends the state slice open on a task's track.
    func endState(_ task: UInt64, at time: UInt64, lane: Int, _ annotations: (PerfettoTraceWriter, Int) -> Void) {
        let track = taskTrack(task)
        beginEvent(Self.sliceEnd, lane: lane, track: track, name: nil)
        annotations(self, lane)
        emitEvent(lane: lane, at: time)
        tasks[task]?.stateOpen = false
    }

    // MARK: Objects, counters, samples

    /// Remembers an object's name and id spelling as it is made.
    private func noteObject(_ raw: UInt64, name: StringID, id: String) {
        objectNames[raw] = (strings(name), id)
    }

    private func describeChannel(_ channel: UInt64) {
        guard channelTracks.insert(channel).inserted else { return }
        let name = objectNames[channel].map { $0.name.isEmpty ? $0.id : $0.name } ?? ChannelID(channel).description
        describeCounter(Self.channelTrack(id: channel), name: "channel \(name) messages",
                        rank: Int32(min(channelTracks.count + 1, 1 << 20)))
    }

    private func channelChanged(_ channel: UInt64, by delta: Int) {
        describeChannel(channel)
        let count = (channelCounts[channel] ?? 0) + delta
        channelCounts[channel] = count
        pendingChannel = (Self.channelTrack(id: channel), Int64(max(count, 0)))
    }

    private func sample(_ v: SampleEvent, _ e: Event) {
        let name = strings(v.name)
        let uuid: UInt64
        if let known = sampleTracks[name] {
            uuid = known
        } else {
            uuid = Self.sampleTrack(number: sampleTracks.count)
            sampleTracks[name] = uuid
            describeCounter(uuid, name: name, rank: Int32(1 << 21 + sampleTracks.count))
        }
        let lane = eventLane(e.thread)
        beginEvent(4, lane: lane, track: uuid, name: nil)
        packet.int(30, Int64(bitPattern: v.value))
        emitEvent(lane: lane, at: e.time, carriesCounters: false)
        summary.counterValues += 1
    }

    // MARK: Instants

    /// The argument an instant's name carries (`send ping (ch1)`, `wake t3 ponger`), so that it needs no
    /// annotation of its own: the channel, mutex, wait group or condition a kind is about, or the woken task.
    static func subjectInName(_ kind: EventKind) -> Bool {
        switch kind {
        case .send, .receive, .unblock, .close, .sendFailed, .lockRequest, .lockAcquire, .lockRelease,
             .waitGroupAdd, .waitGroupDone, .waitGroupWait, .conditionWait, .conditionSignal, .conditionBroadcast,
             .actorJobBegin, .actorSlice, .actorJobEnd:
            true
        default:
            false
        }
    }

    /// Writes an event as an instant on its track, with its arguments as debug annotations (the subject in the
    /// name; a message's sequence number on its send, and only for a buffered channel), and the flow it starts or
    /// ends (varint flow ids).
    func instant(_ e: Event, flowStart: UInt64? = nil, flowEnd: UInt64? = nil) {
        let spec = InstantSpec.of(e.kind)
        let kind = UInt64(e.kind.rawValue)
        let lane = eventLane(e.thread)
        let track = instantTrack(e)
        let folded = Self.subjectInName(e.kind) && !spec.arguments.isEmpty
        if folded {
            let subject = e.args[0] // the first argument, by the table: what the instant is about
            let label: () -> String = {
                e.kind == .unblock ? self.taskLabel(subject, withID: true) : self.objectLabel(subject)
            }
            if subject < 1 << 40 {
                beginEvent(Self.instant, lane: lane, track: track, key: 4 << 56 | kind << 40 | subject) { "\(spec.name) \(label())" }
            } else {
                beginEvent(Self.instant, lane: lane, track: track, name: "\(spec.name) \(label())")
            }
        } else {
            beginEvent(Self.instant, lane: lane, track: track, name: spec.name, key: 1 << 56 | kind)
        }
        // A message's sequence number: on a buffered channel, on the send (a receive joined to it by a flow would
        // repeat it); on an unbuffered one nowhere, as the flow pairs the rendezvous and the number only counts sends.
        let messageChannel = SendEvent(e)?.channel ?? ReceiveEvent(e)?.channel
        let skipped = messageChannel.map { unbuffered.contains($0.rawValue) || (e.kind == .receive && flowEnd != nil) } == true ? 1 : -1
        let waitReason = BlockEvent(e)?.reason
        for (i, argument) in spec.arguments.enumerated() where !(folded && i == 0) && i != skipped {
            let raw = e.args[i]
            let key: UInt64 = 2 << 56 | kind << 8 | UInt64(i)
            switch argument.type {
            case .string:
                annotate(lane, argument.name, key: key, string: strings(StringID(raw)), valueKey: raw < 1 << 48 ? 7 << 56 | raw : nil)
            case .int: annotate(lane, argument.name, key: key, int: Event.unzigzag(raw))
            case .threadRole: enumAnnotation(lane, argument.name, key, ThreadRole(rawValue: raw), raw)
            case .runEndReason: enumAnnotation(lane, argument.name, key, RunEndReason(rawValue: raw), raw)
            case .blockReason: enumAnnotation(lane, argument.name, key, BlockReason(rawValue: raw), raw)
            case .taskOutcome: enumAnnotation(lane, argument.name, key, TaskOutcome(rawValue: raw), raw)
            case .runOutcome: enumAnnotation(lane, argument.name, key, RunOutcome(rawValue: raw), raw)
            case .channel, .mutex, .waitGroup, .condition, .object, .semaphore, .once, .timer, .actor:
                if raw == 0 { annotate(lane, argument.name, key: key, uint: 0) }
                else if waitReason == .join {
                    annotate(lane, argument.name, key: key, string: taskLabel(raw, withID: true))
                } else { annotate(lane, argument.name, key: key, string: objectLabel(raw, waitedBy: waitReason)) }
            case .uint, .task, .duration, .thread: annotate(lane, argument.name, key: key, uint: raw)
            }
        }
        if let flowStart { packet.uint(36, flowStart) } // flow_ids (varint form)
        if let flowEnd { packet.uint(42, flowEnd) }     // terminating_flow_ids (varint form)
        emitEvent(lane: lane, at: e.time)
        summary.instants += 1
    }

    /// `ping (ch1)`, `state (mu3)`; an object never made in the trace by its id, typed by the wait on it when there
    /// is one (`tm7`), else the raw `o9`.
    func objectLabel(_ raw: UInt64, waitedBy reason: BlockReason? = nil) -> String {
        guard let object = objectNames[raw] else { return reason?.spell(ObjectID(raw)) ?? ObjectID(raw).description }
        return object.name.isEmpty ? object.id : "\(object.name) (\(object.id))"
    }

    private func enumAnnotation(_ lane: Int, _ name: String, _ key: UInt64, _ value: (some CustomStringConvertible)?, _ raw: UInt64) {
        if let value {
            annotate(lane, name, key: key, string: value.description, valueKey: 8 << 56 | key << 8 & 0xFFFF_FFFF_FF00 | raw & 0xFF)
        } else {
            annotate(lane, name, key: key, uint: raw)
        }
    }

    /// Ends the export: open slices close at the last event's time; flows still open stay without their end.
    func finish() {
        if options.lanes == .threads {
            for id in threads.keys.sorted() { _ = threadTrack(ThreadID(id)) } // idle threads are shown too
        }
        guard lastTime > 0 || !tasks.isEmpty else {
            startIfNeeded()
            return
        }
        switch options.lanes {
        case .threads:
            for (id, state) in threads.sorted(by: { $0.key < $1.key }) {
                if let open = state.openTask {
                    endRunSlice(ThreadID(id), open, at: lastTime, ended: nil, atEnd: true)
                    summary.closedAtEnd += 1
                }
            }
        case .tasks:
            for (id, task) in tasks.sorted(by: { $0.key < $1.key }) where task.stateOpen {
                let thread = threads.keys.min().map { ThreadID($0) } ?? ThreadID(1)
                endState(id, at: lastTime, lane: eventLane(thread)) { w, lane in
                    w.annotate(lane, "end", key: Self.annotationKey(2), string: "open at the end of the trace")
                }
                summary.closedAtEnd += 1
            }
        }
        summary.flowsLeftOut += openMessages.count + openSpawns.count
        if runnableChanged || waitingChanged || pendingChannel != nil {
            flushCounters(lane: eventLane(threads.keys.min().map { ThreadID($0) } ?? ThreadID(1)), at: lastTime)
        }
        startIfNeeded()
    }
}
