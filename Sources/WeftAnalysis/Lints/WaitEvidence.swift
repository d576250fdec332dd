import WeftTrace

/// What the wait-for graph reads besides the objects a timeline always keeps: the facts it would otherwise find in
/// the per-event lists (state intervals, mutex and read holds, messages, permit changes, counter changes, signals),
/// which a trace read in one pass does not keep.
///
/// Built from a whole `Timeline`, or gathered while reading (`LintAccumulator`); the graph is the same either way.
public struct WaitEvidence: Sendable {
    /// Per task alive at the end: its last state interval's state and start.
    var lastStates: [TaskID: (state: TaskState, start: UInt64)] = [:]
    /// Per mutex (raw id): the task of its hold still open at the end.
    var heldAtEnd: [UInt64: TaskID] = [:]
    /// Per mutex (raw id): every task that ever held it.
    var holders: [UInt64: TaskSet] = [:]
    /// Per channel (raw id): every task that sent on it, and every task that received a message from it.
    var senders: [UInt64: TaskSet] = [:]
    var receivers: [UInt64: TaskSet] = [:]
    /// Per task: the last time it did what its last wait waited for on that wait's object (acquired the mutex or a
    /// read hold, sent, received a message, acquired permits), if it did after the wait began.
    var acted: [TaskID: UInt64] = [:]
    /// Read-write mutexes (raw id) ever read-held, and per such mutex the tasks whose read hold is open at the end.
    var readLocked: Set<UInt64> = []
    var readersAtEnd: [UInt64: Set<TaskID>] = [:]
    /// Per semaphore (raw id): the permits each task holds at the end (acquired less released), when not zero.
    var permitsHeld: [UInt64: [TaskID: Int64]] = [:]
    /// Per wait group (raw id): every task that changed its counter; per condition: every task that signalled it.
    var counterChangers: [UInt64: TaskSet] = [:]
    var signallers: [UInt64: TaskSet] = [:]
    /// The tasks whose last wait, on a wait group or a condition, got what it waited for by its wake-up (the end of
    /// the task, or of the trace, when never woken): the counter at zero, or a signal for it since the wait began.
    var satisfiedWaits: Set<TaskID> = []

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
        for mutex in timeline.mutexes where !mutex.readHolds.isEmpty {
            readLocked.insert(mutex.id.rawValue)
            for hold in mutex.readHolds {
                if !hold.released { readersAtEnd[mutex.id.rawValue, default: []].insert(hold.task) }
                if let wait = lastWaits[hold.task], wait.reason == .readLock, wait.object.rawValue == mutex.id.rawValue,
                   hold.start >= wait.start {
                    acted[hold.task] = max(acted[hold.task] ?? 0, hold.start)
                }
            }
        }
        for semaphore in timeline.semaphores {
            let raw = semaphore.id.rawValue
            for change in semaphore.changes {
                permitsHeld[raw, default: [:]][change.task, default: 0] += change.weight
                if permitsHeld[raw]?[change.task] == 0 { permitsHeld[raw]?[change.task] = nil }
                if change.weight > 0, let wait = lastWaits[change.task], wait.reason == .semaphore,
                   wait.object.rawValue == raw, change.time >= wait.start {
                    acted[change.task] = max(acted[change.task] ?? 0, change.time)
                }
            }
        }
        for group in timeline.waitGroups where !group.changes.isEmpty {
            counterChangers[group.id.rawValue] = TaskSet(group.changes.map(\.task))
        }
        for condition in timeline.conditions where !condition.signals.isEmpty {
            signallers[condition.id.rawValue] = TaskSet(condition.signals.map(\.task))
        }
        for task in timeline.tasks {
            guard let last = lastWaits[task.id] else { continue }
            let woken = last.woken ?? task.ended ?? timeline.run.end
            switch last.reason {
            case .waitGroup:
                let changes = timeline.waitGroup(WaitGroupID(last.object.rawValue))?.changes ?? []
                if changes.last(where: { $0.time <= woken })?.count == 0 { satisfiedWaits.insert(task.id) }
            case .condition:
                let signals = timeline.condition(ConditionID(last.object.rawValue))?.signals ?? []
                if signals.contains(where: { $0.time >= last.start && $0.time <= woken && ($0.broadcast || $0.woken == task.id) }) {
                    satisfiedWaits.insert(task.id)
                }
            default:
                break
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
            + readLocked.count + readersAtEnd.values.reduce(0) { $0 + $1.count }
            + permitsHeld.values.reduce(0) { $0 + $1.count } + counterChangers.values.reduce(0) { $0 + $1.count }
            + signallers.values.reduce(0) { $0 + $1.count } + satisfiedWaits.count
    }
}
