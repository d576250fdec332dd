import WeftTrace

/// What the wait-for graph reads besides the objects a timeline always keeps: the facts it would otherwise find in
/// the per-event lists (state intervals, mutex holds, messages), which a trace read in one pass does not keep.
///
/// Built from a whole `Timeline`, or gathered while reading (`LintAccumulator`); the graph is the same either way.
public struct WaitEvidence: Sendable {
    /// Per task alive at the end: its last state interval's state and start.
    var lastStates: [TaskID: (state: TaskState, start: UInt64)] = [:]
    /// Per mutex (raw id): the task of its hold still open at the end.
    var heldAtEnd: [UInt64: TaskID] = [:]
    /// Per mutex (raw id): every task that ever held it.
    var holders: [UInt64: Set<TaskID>] = [:]
    /// Per channel (raw id): every task that sent on it, and every task that received a message from it.
    var senders: [UInt64: Set<TaskID>] = [:]
    var receivers: [UInt64: Set<TaskID>] = [:]
    /// Per task: the last time it did what its last wait waited for on that wait's object (acquired the mutex, sent,
    /// received a message), if it did after the wait began.
    var acted: [TaskID: UInt64] = [:]

    init() {}

    /// The evidence of a whole timeline.
    init(_ timeline: Timeline) {
        for task in timeline.tasks where task.ended == nil {
            if let last = task.intervals.last { lastStates[task.id] = (last.state, last.start) }
        }
        // The last wait of each task that may need it: what would have satisfied it.
        var lastWaits: [TaskID: AnnouncedWait] = [:]
        for task in timeline.tasks where task.outcome == .threw {
            if let wait = task.lastWait { lastWaits[task.id] = wait }
        }
        for mutex in timeline.mutexes {
            if let hold = mutex.holds.last, !hold.released { heldAtEnd[mutex.id.rawValue] = hold.task }
            for hold in mutex.holds {
                holders[mutex.id.rawValue, default: []].insert(hold.task)
                if let wait = lastWaits[hold.task], wait.reason == .mutex, wait.object.rawValue == mutex.id.rawValue,
                   hold.start >= wait.start {
                    acted[hold.task] = max(acted[hold.task] ?? 0, hold.start)
                }
            }
        }
        for flow in timeline.flows {
            let channel = flow.channel.rawValue
            if flow.sender != .none {
                senders[channel, default: []].insert(flow.sender)
                if let wait = lastWaits[flow.sender], wait.reason == .channelSend, wait.object.rawValue == channel,
                   let sent = flow.sent, sent >= wait.start {
                    acted[flow.sender] = max(acted[flow.sender] ?? 0, sent)
                }
            }
            if flow.receiver != .none {
                receivers[channel, default: []].insert(flow.receiver)
                if let wait = lastWaits[flow.receiver], wait.reason == .channelReceive, wait.object.rawValue == channel,
                   let received = flow.received, received >= wait.start {
                    acted[flow.receiver] = max(acted[flow.receiver] ?? 0, received)
                }
            }
        }
    }

    /// How many records it holds (for the retained-state figure).
    var held: Int {
        lastStates.count + heldAtEnd.count + acted.count + holders.values.reduce(0) { $0 + $1.count }
            + senders.values.reduce(0) { $0 + $1.count } + receivers.values.reduce(0) { $0 + $1.count }
    }
}
