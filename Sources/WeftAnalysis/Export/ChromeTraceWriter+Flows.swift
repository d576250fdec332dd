import WeftTrace

/// Where one end of a flow binds: a track, and a time inside the slice that encloses it there.
struct FlowAnchor: Equatable {
    var tid: UInt64
    var ts: UInt64
}

/// One end of a flow not yet written.
enum FlowEnd: Equatable {
    /// Not read yet (the receive, or the child's first run).
    case unread
    /// Read; the slice around it has not ended yet.
    case waiting
    case bound(FlowAnchor)
    /// No slice of its track encloses it: the flow is left out (a viewer could not draw it).
    case unbound

    /// Whether the end is bound or known to bind nowhere (the flow can be written, or counted left out).
    var isDecided: Bool {
        switch self {
        case .bound, .unbound: true
        case .unread, .waiting: false
        }
    }
}

/// A flow begun and not yet written: a message (send → receive) or a spawn (spawn → the child's first slice).
struct PendingFlow {
    /// The spawned child, for a spawn flow (its id names the flow); nil for a message.
    var child: TaskID?
    var from: FlowEnd = .waiting
    var to: FlowEnd = .unread
}

/// A flow end waiting for the slice (or running interval) around its time to end.
struct WaitingFlowEnd {
    var flow: Int32
    var isTarget: Bool
    var time: UInt64
}

extension ChromeTraceWriter {
    /// Spawn flow ids start here, apart from message flow ids.
    static let spawnFlowBase: UInt64 = 1 << 32

    // MARK: Ends as they are read

    /// `taskCreate`: names the task, and begins its spawn flow from the slice the parent runs in.
    func taskCreated(_ v: TaskCreateEvent, _ e: Event) {
        let name = strings(v.name)
        if !name.isEmpty { taskNames[v.task.rawValue] = name }
        guard v.parent != .none, flowOfSpawn[v.task.rawValue] == nil, let slot = newFlow(child: v.task) else { return }
        flowOfSpawn[v.task.rawValue] = slot
        let lane: UInt64?
        switch options.lanes {
        case .threads: lane = runningThread[v.parent.rawValue].map { modelThread($0).rawValue }
        case .tasks: lane = v.parent.rawValue
        }
        placeEnd(slot, isTarget: false, lane: lane, at: e.time)
    }

    /// `runBegin`: the task runs on the thread; its first slice ends its spawn flow.
    func runBegan(_ v: RunBeginEvent, _ e: Event) {
        runningThread[v.task.rawValue] = e.thread
        let lane = options.lanes == .threads ? modelThread(e.thread).rawValue : v.task.rawValue
        openSince[lane] = e.time
        guard !flowOfSpawn.isEmpty, let slot = flowOfSpawn.removeValue(forKey: v.task.rawValue) else { return }
        placeEnd(slot, isTarget: true, lane: lane, at: e.time)
    }

    /// `runEnd`: the task no longer runs; its slice has ended (the builder handed it on).
    func runEnded(_ v: RunEndEvent, _ e: Event) {
        runningThread[v.task.rawValue] = nil
        openSince[options.lanes == .threads ? modelThread(e.thread).rawValue : v.task.rawValue] = nil
    }

    /// `send`: the channel holds one more message; a numbered message begins a flow.
    func sent(_ v: SendEvent, _ e: Event) {
        channelChanged(v.channel.rawValue, by: 1, at: e.time)
        guard v.seq != 0 else { return }
        let key = MessageKey(channel: v.channel.rawValue, seq: v.seq)
        guard flowOfMessage[key] == nil, let slot = newFlow(child: nil) else { return }
        flowOfMessage[key] = slot
        placeEnd(slot, isTarget: false, lane: messageLane(e), at: e.time)
    }

    /// `receive`: the channel holds one less; the message's flow ends here.
    func received(_ v: ReceiveEvent, _ e: Event) {
        channelSeen(v.channel.rawValue, at: e.time)
        guard v.seq != 0 else { return }
        channelChanged(v.channel.rawValue, by: -1, at: e.time)
        guard let slot = flowOfMessage.removeValue(forKey: MessageKey(channel: v.channel.rawValue, seq: v.seq)) else { return }
        placeEnd(slot, isTarget: true, lane: messageLane(e), at: e.time)
    }

    /// Where a message's end binds: the recording thread's slices, or the recording task's running intervals.
    private func messageLane(_ e: Event) -> UInt64? {
        switch options.lanes {
        case .threads: modelThread(e.thread).rawValue
        case .tasks: e.task == .none ? nil : e.task.rawValue
        }
    }

    /// A slot for a new flow, or nil (counted) when `ChromeTraceOptions.heldFlowCap` flows are held already.
    private func newFlow(child: TaskID?) -> Int32? {
        guard flows.count - freeFlows.count < options.heldFlowCap else {
            summary.flowsPastCap += 1
            return nil
        }
        let flow = PendingFlow(child: child)
        if let slot = freeFlows.popLast() {
            flows[Int(slot)] = flow
            return slot
        }
        flows.append(flow)
        return Int32(flows.count - 1)
    }

    /// Places a flow end read at `time` on a lane (a thread, or a task): bound at once to the slice that ended
    /// last there when it encloses the time and no newer slice is open, otherwise left waiting for the open one
    /// to end. A nil lane binds nowhere.
    private func placeEnd(_ slot: Int32, isTarget: Bool, lane: UInt64?, at time: UInt64) {
        guard let lane else {
            setEnd(slot, isTarget: isTarget, .unbound)
            return
        }
        let open = openSince[lane].map { $0 <= time } ?? false
        if !open, let last = lastEnclosing[lane], last.start <= time, time <= last.end {
            setEnd(slot, isTarget: isTarget, .bound(FlowAnchor(tid: laneTrack(lane), ts: Self.inside(time, last.start, last.end))))
            return
        }
        setEnd(slot, isTarget: isTarget, .waiting)
        waitingEnds[lane, default: []].append(WaitingFlowEnd(flow: slot, isTarget: isTarget, time: time))
        waitingEndCount += 1
        noteHeld()
    }

    /// The track of a lane: the thread's track, or the task's.
    private func laneTrack(_ lane: UInt64) -> UInt64 {
        options.lanes == .threads ? track(of: ThreadID(lane)) : lane
    }

    /// Decides one end of a flow; once both are, writes the flow (or counts it left out) and frees its slot.
    private func setEnd(_ slot: Int32, isTarget: Bool, _ end: FlowEnd) {
        let s = Int(slot)
        if isTarget { flows[s].to = end } else { flows[s].from = end }
        let flow = flows[s]
        guard flow.from.isDecided && flow.to.isDecided else { return }
        if case .bound(let from) = flow.from, case .bound(let to) = flow.to {
            if let child = flow.child {
                writeFlow(spawnFlowHeads, id: Self.spawnFlowBase + child.rawValue, from: from, to: to)
                summary.spawnFlows += 1
            } else {
                nextMessageFlowID += 1
                writeFlow(messageFlowHeads, id: nextMessageFlowID, from: from, to: to)
                summary.messageFlows += 1
            }
        } else {
            summary.unboundFlows += 1
        }
        freeFlows.append(slot)
    }

    // MARK: Slices ending

    /// A slice (thread lanes) or an interval of a task (task lanes; `running` says whether flows bind to it) ended
    /// on a lane: the flow ends waiting there that it encloses bind to it; those before it bind nowhere.
    func enclosingEnded(_ lane: UInt64, _ start: UInt64, _ end: UInt64, running: Bool) {
        if running {
            lastEnclosing[lane] = (start, end)
            if let since = openSince[lane], since <= start { openSince[lane] = nil }
        }
        guard waitingEndCount > 0, let i = waitingEnds.index(forKey: lane), !waitingEnds.values[i].isEmpty else { return }
        var list: [WaitingFlowEnd] = []
        swap(&list, &waitingEnds.values[i])
        for waiting in list {
            // A state that is not a run, ending right at the time, may be followed by a run beginning then.
            if end < waiting.time || (!running && end == waiting.time) {
                waitingEnds.values[i].append(waiting)
                continue
            }
            waitingEndCount -= 1
            if running && start <= waiting.time {
                let anchor = FlowAnchor(tid: laneTrack(lane), ts: Self.inside(waiting.time, start, end))
                setEnd(waiting.flow, isTarget: waiting.isTarget, .bound(anchor))
            } else {
                setEnd(waiting.flow, isTarget: waiting.isTarget, .unbound)
            }
        }
        if waitingEnds.values[i].isEmpty { waitingEnds.remove(at: i) }
    }

    /// At the end of the trace: flow ends still waiting bind nowhere (no slice around them ever ended).
    func flushWaitingEnds() {
        for (_, list) in waitingEnds.sorted(by: { $0.key < $1.key }) {
            for waiting in list { setEnd(waiting.flow, isTarget: waiting.isTarget, .unbound) }
        }
        waitingEnds = [:]
        waitingEndCount = 0
    }

    private func writeFlow(_ heads: (start: JSONFragment, finish: JSONFragment), id: UInt64, from: FlowAnchor, to: FlowAnchor) {
        begin(heads.start, ts: from.ts, tid: from.tid)
        out.raw(",\"id\":")
        out.uint(id)
        end()
        begin(heads.finish, ts: to.ts, tid: to.tid)
        out.raw(",\"id\":")
        out.uint(id)
        out.raw(",\"bp\":\"e\"")
        end()
    }

    /// `time` moved strictly inside `start ... end` when the slice is long enough (by at most 1 ns), so that a
    /// viewer sorting events by time finds the slice open at the flow event and not its neighbour.
    static func inside(_ time: UInt64, _ start: UInt64, _ end: UInt64) -> UInt64 {
        if end &- start >= 2 { return min(max(time, start + 1), end - 1) }
        return min(max(time, start), end)
    }
}
