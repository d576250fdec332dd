import WeftTrace

extension PerfettoTraceWriter {
    /// Track event types.
    static let sliceBegin: UInt64 = 1, sliceEnd: UInt64 = 2, instant: UInt64 = 3

    /// Flow ids: a message's from its channel and sequence number; a spawn's from the child (top bit set).
    static func messageFlow(channel: UInt64, seq: UInt64) -> UInt64 { ((channel << 40) ^ seq) & ~(1 << 63) }
    static func spawnFlow(child: UInt64) -> UInt64 { 1 << 63 | child }

    /// Writes what one event shows, as it is read.
    func add(_ e: Event) {
        if e.time > lastTime { lastTime = e.time }
        let a = e.args
        switch e.kind {
        case .metadata:
            metadata[strings(StringID(a.a0))] = strings(StringID(a.a1))
            return
        case .threadStart:
            noteThread(e)
            return
        case .threadStop:
            return
        case .sample:
            sample(e)
            return
        case .runBegin:
            runBegin(e)
        case .runEnd:
            runEnd(e)
        case .taskCreate:
            var task = tasks[a.a0] ?? TaskState()
            task.name = strings(StringID(a.a2))
            task.phase = .runnable
            tasks[a.a0] = task
            runnable += 1
            tasksChanged()
            if options.lanes == .tasks { beginState(a.a0, "runnable", at: e.time) { w in w.annotate("cause", string: "created") } }
            if a.a1 != 0 {
                hold(e, flow: Self.spawnFlow(child: a.a0))
            } else {
                instant(e)
            }
        case .block:
            if e.task != .none {
                tasks[e.task.rawValue, default: TaskState()].waitReason = a.a0
                tasks[e.task.rawValue, default: TaskState()].waitObject = a.a1
            }
            instant(e)
        case .unblock:
            unblock(e)
            instant(e)
        case .taskEnd:
            instant(e)
        case .channelMake, .mutexMake, .waitGroupMake, .conditionMake, .rwMutexMake, .onceMake, .semaphoreMake, .tickerMake,
             .timerMake:
            noteObject(e)
            instant(e)
        case .send:
            channelChanged(a.a0, by: 1)
            hold(e, flow: Self.messageFlow(channel: a.a0, seq: a.a1))
        case .receive:
            if a.a1 == 0 {
                instant(e)
            } else {
                channelChanged(a.a0, by: -1)
                let flow = Self.messageFlow(channel: a.a0, seq: a.a1)
                if let send = held.removeValue(forKey: flow) {
                    instant(send, flowStart: flow, absolute: true)
                    instant(e, flowEnd: flow)
                    summary.messageFlows += 1
                } else {
                    instant(e)
                }
            }
        default:
            instant(e)
        }
        flushCounters(at: e.time)
    }

    // MARK: Threads and tasks

    /// A thread's track: its own, or that of the OS thread it is again (same kernel tid).
    private func noteThread(_ e: Event) {
        let kernelTid = e.args.a0, id = e.thread.rawValue
        var track = Self.threadTrack(id: id)
        if e.args.a1 == ThreadRole.main.rawValue, let caller = callerTrack {
            track = caller // the caller of Weft.run recorded again: one caller, as in the model
        } else if kernelTid != 0 {
            if let first = trackOfKernelThread[kernelTid] { track = first } else { trackOfKernelThread[kernelTid] = track }
        }
        if e.args.a1 == ThreadRole.main.rawValue && callerTrack == nil { callerTrack = track }
        let described = threads[id]?.described ?? false
        threads[id] = ThreadState(track: track, kernelTid: kernelTid, role: ThreadRole(rawValue: e.args.a1),
                                  index: e.args.a2, described: described || track != Self.threadTrack(id: id))
        // Every thread is shown, idle ones too; before the first packet, the process's name is not known yet.
        if started && options.lanes == .threads { _ = threadTrack(e.thread) }
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
        describe(state.track) { p in
            let t = p.begin(4)                           // thread
            p.uint(1, Self.pid)
            p.uint(2, tid)
            p.string(5, name)
            p.end(t)
        }
        return state.track
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
            }
        }
        return uuid
    }

    /// The track an event's instant goes on.
    func instantTrack(_ e: Event) -> UInt64 {
        switch options.lanes {
        case .threads:
            return threadTrack(e.thread)
        case .tasks:
            if e.task != .none { return taskTrack(e.task.rawValue) }
            if e.kind == .taskCreate || e.kind == .taskEnd { return taskTrack(e.args.a0) }
            if !outsideTrackWritten {
                outsideTrackWritten = true
                describe(Self.outsideTrack) { p in
                    p.uint(5, Self.processTrack)
                    p.string(2, "outside tasks (timer, runtime)")
                }
            }
            return Self.outsideTrack
        }
    }

    private func runBegin(_ e: Event) {
        let id = e.args.a0
        var task = tasks[id] ?? TaskState()
        if task.phase == .runnable { runnable -= 1 }
        task.phase = .running
        task.wokenEarly = false
        tasks[id] = task
        tasksChanged()
        // The spawn's flow ends at the child's first slice.
        let spawn = Self.spawnFlow(child: id)
        let spawned = held.removeValue(forKey: spawn)
        if let spawned { instant(spawned, flowStart: spawn, absolute: true) }
        switch options.lanes {
        case .threads:
            let track = threadTrack(e.thread)
            if let open = threads[e.thread.rawValue]?.openTask { endRunSlice(e.thread, open, at: e.time, ended: "unknown") }
            beginEvent(Self.sliceBegin, track: track, name: taskLabel(id, withID: false), key: 3 << 56 | id)
            annotate("task", key: 2 << 56 | 0xFFFF, uint: id)
            if spawned != nil { event.fixed64(48, spawn) } // terminating_flow_ids
            threads[e.thread.rawValue]?.openTask = id
            emitEvent(at: e.time)
        case .tasks:
            let thread = threadName(e.thread)
            beginState(id, "running", at: e.time, flowEnd: spawned != nil ? spawn : nil) { w in
                w.annotate("thread", string: thread)
            }
        }
        if spawned != nil { summary.spawnFlows += 1 }
        summary.slices += options.lanes == .threads ? 1 : 0
    }

    /// A thread's name for the task lanes' annotations.
    private func threadName(_ thread: ThreadID) -> String {
        guard let state = threads[thread.rawValue], let role = state.role else { return thread.description }
        if role == .taskThread { return "thread of \(TaskID(state.index))" }
        return ThreadTimeline(id: thread, role: role, index: state.index, started: 0, slices: IntervalList(sorted: [])).label
    }

    private func runEnd(_ e: Event) {
        let id = e.args.a0
        let reason = RunEndReason(rawValue: e.args.a1)
        var task = tasks[id] ?? TaskState()
        let wait = waitText(task)
        switch reason {
        case .blocked?:
            if task.wokenEarly {
                task.phase = .runnable
                runnable += 1
            } else {
                task.phase = task.waitReason == BlockReason.sleep.rawValue ? .sleeping : .blocked
                waiting += 1
            }
        case .yielded?:
            task.phase = .runnable
            runnable += 1
        default:
            task.phase = .unknown
        }
        task.wokenEarly = false
        tasksChanged()
        let ended = reason?.description ?? "unknown"
        switch options.lanes {
        case .threads:
            tasks[id] = task
            if threads[e.thread.rawValue]?.openTask == id {
                endRunSlice(e.thread, id, at: e.time, ended: ended, wait: reason == .blocked ? wait : nil)
            }
        case .tasks:
            task.stateOpen = false
            tasks[id] = task
            endState(id, at: e.time) { w in
                w.annotate("end", string: ended)
                if reason == .blocked, let wait { w.annotate("wait", string: wait) }
            }
            switch task.phase {
            case .runnable: beginState(id, "runnable", at: e.time) { w in w.annotate("cause", string: reason == .yielded ? "yielded" : "woken") }
            case .blocked: beginState(id, "blocked", at: e.time) { w in if let wait { w.annotate("wait", string: wait) } }
            case .sleeping: beginState(id, "sleeping", at: e.time) { w in if let wait { w.annotate("wait", string: wait) } }
            default: break
            }
        }
        if reason == .finished { tasks[id] = nil }
    }

    /// Ends the run slice open on a thread.
    private func endRunSlice(_ thread: ThreadID, _ task: UInt64, at time: UInt64, ended: String, wait: String? = nil) {
        beginEvent(Self.sliceEnd, track: threadTrack(thread), name: nil)
        annotate("end", string: ended)
        if let wait { annotate("wait", string: wait) }
        threads[thread.rawValue]?.openTask = nil
        emitEvent(at: time)
    }

    /// What a task waits for: `receive ping`, `mutex state`, `sleep`, `join t3 worker`.
    private func waitText(_ task: TaskState) -> String? {
        guard let raw = task.waitReason, let reason = BlockReason(rawValue: raw) else { return nil }
        if reason == .sleep || task.waitObject == 0 { return reason.description }
        if reason == .join { return "join \(taskLabel(task.waitObject, withID: true))" }
        guard let object = objectNames[task.waitObject] else { return "\(reason) \(ObjectID(task.waitObject))" }
        return "\(reason) \(object.name.isEmpty ? object.id : object.name)"
    }

    private func unblock(_ e: Event) {
        let id = e.args.a0
        guard var task = tasks[id] else { return }
        switch task.phase {
        case .blocked, .sleeping:
            waiting -= 1
            runnable += 1
            task.phase = .runnable
            task.stateOpen = options.lanes == .tasks
            tasks[id] = task
            tasksChanged()
            if options.lanes == .tasks {
                endState(id, at: e.time) { _ in }
                let waker = e.task
                beginState(id, "runnable", at: e.time) { w in
                    w.annotate("cause", string: "woken")
                    w.annotate("waker", uint: waker.rawValue)
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
    func beginState(_ task: UInt64, _ name: String, at time: UInt64, flowEnd: UInt64? = nil,
                    _ annotations: (PerfettoTraceWriter) -> Void) {
        if tasks[task]?.stateOpen == true { endState(task, at: time) { _ in } }
        beginEvent(Self.sliceBegin, track: taskTrack(task), name: name)
        annotations(self)
        if let flowEnd { event.fixed64(48, flowEnd) }
        emitEvent(at: time)
        tasks[task, default: TaskState()].stateOpen = true
        summary.slices += 1
    }

    /// Ends the state slice open on a task's track.
    func endState(_ task: UInt64, at time: UInt64, _ annotations: (PerfettoTraceWriter) -> Void) {
        beginEvent(Self.sliceEnd, track: taskTrack(task), name: nil)
        annotations(self)
        emitEvent(at: time)
        tasks[task]?.stateOpen = false
    }

    // MARK: Objects, counters, samples

    private func noteObject(_ e: Event) {
        let a = e.args
        let nameID: UInt64
        let id: String
        switch e.kind {
        case .channelMake: nameID = a.a2; id = ChannelID(a.a0).description
        case .mutexMake: nameID = a.a1; id = MutexID(a.a0).description
        case .waitGroupMake: nameID = a.a1; id = WaitGroupID(a.a0).description
        case .rwMutexMake: nameID = a.a1; id = MutexID(a.a0).description
        case .onceMake: nameID = a.a1; id = OnceID(a.a0).description
        case .semaphoreMake: nameID = a.a2; id = SemaphoreID(a.a0).description
        case .tickerMake, .timerMake: nameID = a.a2; id = TimerID(a.a0).description
        default: nameID = a.a2; id = ConditionID(a.a0).description
        }
        objectNames[a.a0] = (strings(StringID(nameID)), id)
        if e.kind == .channelMake { describeChannel(a.a0) }
    }

    private func describeChannel(_ channel: UInt64) {
        guard channelTracks.insert(channel).inserted else { return }
        describeCounter(Self.channelTrack(id: channel),
                        name: "channel \(objectNames[channel].map { $0.name.isEmpty ? $0.id : $0.name } ?? ChannelID(channel).description) messages")
    }

    private func channelChanged(_ channel: UInt64, by delta: Int) {
        describeChannel(channel)
        let count = (channelCounts[channel] ?? 0) + delta
        channelCounts[channel] = count
        pendingCounters.append((Self.channelTrack(id: channel), Int64(max(count, 0))))
    }

    private func sample(_ e: Event) {
        let name = strings(StringID(e.args.a0))
        let uuid: UInt64
        if let known = sampleTracks[name] {
            uuid = known
        } else {
            uuid = Self.sampleTrack(number: sampleTracks.count)
            sampleTracks[name] = uuid
            describeCounter(uuid, name: name)
        }
        beginEvent(4, track: uuid, name: nil)
        event.int(30, Int64(bitPattern: e.args.a1))
        emitEvent(at: e.time)
        summary.counterValues += 1
    }

    // MARK: Instants and held flow ends

    /// Writes an event as an instant on its track, with its arguments as debug annotations.
    func instant(_ e: Event, flowStart: UInt64? = nil, flowEnd: UInt64? = nil, absolute: Bool = false) {
        let spec = InstantSpec.of(e.kind)
        let kind = UInt64(e.kind.rawValue)
        beginEvent(Self.instant, track: instantTrack(e), name: spec.name, key: 1 << 56 | kind)
        let blockReason = e.kind == .block ? BlockReason(rawValue: e.args.a0) : nil
        for (i, argument) in spec.arguments.enumerated() {
            let raw = e.args[i]
            let key: UInt64 = 2 << 56 | kind << 8 | UInt64(i)
            switch argument.type {
            case .string:
                if let iid = stringValueIID(raw) { annotate(argument.name, key: key, stringIID: iid) }
                else { annotate(argument.name, key: key, string: strings(StringID(raw))) }
            case .int: annotate(argument.name, key: key, int: Event.unzigzag(raw))
            case .threadRole: enumAnnotation(argument.name, key, ThreadRole(rawValue: raw), raw)
            case .runEndReason: enumAnnotation(argument.name, key, RunEndReason(rawValue: raw), raw)
            case .blockReason: enumAnnotation(argument.name, key, BlockReason(rawValue: raw), raw)
            case .taskOutcome: enumAnnotation(argument.name, key, TaskOutcome(rawValue: raw), raw)
            case .runOutcome: enumAnnotation(argument.name, key, RunOutcome(rawValue: raw), raw)
            case .channel, .mutex, .waitGroup, .condition, .object, .semaphore, .once, .timer:
                if raw == 0 { annotate(argument.name, key: key, uint: 0) }
                else if blockReason == .join { annotate(argument.name, key: key, string: taskLabel(raw, withID: true)) }
                else { annotate(argument.name, key: key, string: objectLabel(raw)) }
            case .uint, .task, .duration: annotate(argument.name, key: key, uint: raw)
            }
        }
        if let flowStart { event.fixed64(47, flowStart) } // flow_ids
        if let flowEnd { event.fixed64(48, flowEnd) }     // terminating_flow_ids
        emitEvent(at: e.time, absolute: absolute)
        summary.instants += 1
    }

    /// `ch1 ping`, `m3 state`, or `o9` for an object never made in the trace.
    private func objectLabel(_ raw: UInt64) -> String {
        guard let object = objectNames[raw] else { return ObjectID(raw).description }
        return object.name.isEmpty ? object.id : "\(object.name) (\(object.id))"
    }

    private func enumAnnotation(_ name: String, _ key: UInt64, _ value: (some CustomStringConvertible)?, _ raw: UInt64) {
        if let value { annotate(name, key: key, string: value.description) } else { annotate(name, key: key, uint: raw) }
    }

    /// Holds an event back until its flow's other end is seen; past the cap the oldest is written without its flow.
    private func hold(_ e: Event, flow: UInt64) {
        if let earlier = held.updateValue(e, forKey: flow) {
            instant(earlier) // the same flow id again (a damaged trace): the earlier end goes without its flow
            summary.flowsLeftOut += 1
        }
        heldOrder.append(flow)
        while held.count > options.heldFlowCap, heldHead < heldOrder.count {
            let oldest = heldOrder[heldHead]
            heldHead += 1
            if let e = held.removeValue(forKey: oldest) {
                instant(e, absolute: true)
                summary.flowsLeftOut += 1
            }
        }
        // Ends matched since stay in the order list: drop them once they outnumber the held ones, so that the list
        // is bounded by what is held, not by how many flows the trace had (amortised O(1) per flow).
        if heldOrder.count - heldHead > 2 * held.count + 4096 {
            heldOrder = heldOrder[heldHead...].filter { held[$0] != nil }
            heldHead = 0
        }
    }

    /// Ends the export: open slices close at the last event's time; held flow ends are written without their
    /// flows; interned entries not yet written get a packet of their own.
    func finish() {
        guard lastTime > 0 || !held.isEmpty || !tasks.isEmpty else {
            startIfNeeded()
            return
        }
        switch options.lanes {
        case .threads:
            for (id, state) in threads.sorted(by: { $0.key < $1.key }) {
                if let open = state.openTask {
                    endRunSlice(ThreadID(id), open, at: lastTime, ended: "open at the end of the trace")
                    summary.closedAtEnd += 1
                }
            }
        case .tasks:
            for (id, task) in tasks.sorted(by: { $0.key < $1.key }) where task.stateOpen {
                endState(id, at: lastTime) { w in w.annotate("end", string: "open at the end of the trace") }
                summary.closedAtEnd += 1
            }
        }
        let rest = held.sorted { $0.value.time < $1.value.time }
        held.removeAll()
        for (_, e) in rest {
            instant(e, absolute: true)
            summary.flowsLeftOut += 1
        }
        flushCounters(at: lastTime)
        startIfNeeded()
        if interning.hasPending {
            beginInternedOnlyPacket()
        }
    }
}
