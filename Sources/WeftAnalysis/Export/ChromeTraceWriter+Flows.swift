import WeftTrace

/// Where one end of a flow binds: a track, and a time inside the slice that encloses it there.
struct FlowAnchor: Equatable {
    var tid: UInt64
    var ts: UInt64
}

extension ChromeTraceWriter {
    /// Spawn flow ids start here, apart from message flow ids.
    static let spawnFlowBase: UInt64 = 1 << 32

    /// A `ph:"s"` then a `ph:"f"` (`bp:"e"`: bound to the enclosing slice) for every message both sent and received.
    func writeMessageFlows() {
        var id: UInt64 = 0
        for flow in timeline.flows {
            guard let sent = flow.sent, let received = flow.received else { continue }
            guard let from = anchor(task: flow.sender, thread: flow.senderThread, at: sent),
                  let to = anchor(task: flow.receiver, thread: flow.receiverThread, at: received) else {
                summary.unboundFlows += 1
                continue
            }
            id += 1
            writeFlow(name: "message", id: id, from: from, to: to)
            summary.messageFlows += 1
        }
    }

    /// A flow from the slice in which each task was spawned to the child's first slice.
    func writeSpawnFlows() {
        for task in timeline.tasks where task.parent != .none {
            guard let first = task.intervals.first(where: { $0.state.category == .running }),
                  case .running(let thread) = first.state else { continue }
            guard let from = anchor(task: task.parent, thread: nil, at: task.created),
                  let to = anchor(task: task.id, thread: thread, at: first.start) else {
                summary.unboundFlows += 1
                continue
            }
            writeFlow(name: "spawn", id: Self.spawnFlowBase + task.id.rawValue, from: from, to: to)
            summary.spawnFlows += 1
        }
    }

    private func writeFlow(name: StaticString, id: UInt64, from: FlowAnchor, to: FlowAnchor) {
        let text = name.description
        begin("s", name: text, cat: name, ts: from.ts, tid: from.tid)
        out.raw(",\"id\":")
        out.uint(id)
        end()
        begin("f", name: text, cat: name, ts: to.ts, tid: to.tid)
        out.raw(",\"id\":")
        out.uint(id)
        out.raw(",\"bp\":\"e\"")
        end()
    }

    /// Where a flow end at `time` binds for `task` (recorded on `thread`, when known): the enclosing run slice of
    /// the thread (thread lanes) or the task's running interval (task lanes). Nil when no slice encloses it.
    func anchor(task: TaskID, thread: ThreadID?, at time: UInt64) -> FlowAnchor? {
        switch options.lanes {
        case .threads:
            guard let thread = thread ?? runningThread(of: task, at: time),
                  let slices = timeline.thread(thread)?.slices else { return nil }
            let i = slices.firstIndex(startingAtOrAfter: time &+ 1) - 1
            guard i >= 0, slices[i].end >= time else { return nil }
            return FlowAnchor(tid: track(of: thread), ts: Self.inside(time, slices[i].start, slices[i].end))
        case .tasks:
            guard let interval = runningInterval(of: task, at: time) else { return nil }
            return FlowAnchor(tid: task.rawValue, ts: Self.inside(time, interval.start, interval.end))
        }
    }

    /// The thread a task was running on at `time` (a slice ending exactly then counts).
    func runningThread(of task: TaskID, at time: UInt64) -> ThreadID? {
        guard case .running(let thread)? = runningInterval(of: task, at: time)?.state else { return nil }
        return thread
    }

    /// The task's running interval that contains `time`, ends, or begins at it.
    func runningInterval(of task: TaskID, at time: UInt64) -> StateInterval? {
        guard let intervals = timeline.task(task)?.intervals else { return nil }
        var i = intervals.firstIndex(startingAtOrAfter: time &+ 1) - 1
        while i >= 0 && intervals[i].end >= time {
            if intervals[i].state.category == .running { return intervals[i] }
            if intervals[i].start < time { break }
            i -= 1
        }
        return nil
    }

    /// `time` moved strictly inside `start ... end` when the slice is long enough (by at most 1 ns), so that a
    /// viewer sorting events by time finds the slice open at the flow event and not its neighbour.
    static func inside(_ time: UInt64, _ start: UInt64, _ end: UInt64) -> UInt64 {
        if end &- start >= 2 { return min(max(time, start + 1), end - 1) }
        return min(max(time, start), end)
    }
}
