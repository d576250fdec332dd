import WeftTrace

/// Who waits for whom at the end of the trace: each blocked task → the object it waits on → the tasks that could
/// release it (a mutex's holder; a joined task; the live tasks that used the other end of a channel; the live tasks
/// that changed a wait group's counter or signalled a condition).
public struct WaitForGraph: Sendable {
    /// One blocked task and what it waits on.
    public struct Wait: Sendable, Equatable {
        public var task: TaskID
        public var reason: BlockReason?
        public var object: ObjectID
        /// Since when.
        public var since: UInt64
        /// The tasks that could wake it.
        public var holders: [TaskID]
    }

    /// Every task blocked (or sleeping) at the end of the trace, by id.
    public var waits: [TaskID: Wait]

    /// The graph of `timeline` at its end.
    public init(_ timeline: Timeline) {
        var users: [ObjectID: (senders: Set<TaskID>, receivers: Set<TaskID>)] = [:]
        for flow in timeline.flows {
            if flow.sender != .none { users[flow.channel.object, default: ([], [])].senders.insert(flow.sender) }
            if flow.receiver != .none { users[flow.channel.object, default: ([], [])].receivers.insert(flow.receiver) }
        }
        let live = Set(timeline.tasks.filter { $0.ended == nil }.map(\.id))
        waits = [:]
        for task in timeline.tasks where task.ended == nil {
            guard let last = task.intervals.last else { continue }
            var wait = Wait(task: task.id, reason: nil, object: .none, since: last.start, holders: [])
            switch last.state {
            case .sleeping:
                wait.reason = .sleep
            case .blocked(let reason, let object):
                wait.reason = reason
                wait.object = object
                switch reason {
                case .mutex:
                    if let m = timeline.mutex(MutexID(object.rawValue)), let hold = m.holds.last, !hold.released {
                        wait.holders = [hold.task]
                    }
                case .join:
                    wait.holders = [TaskID(object.rawValue)]
                case .channelReceive:
                    wait.holders = Array(users[object]?.senders ?? [])
                    if let c = timeline.channel(ChannelID(object.rawValue)) { wait.holders.append(c.creator) }
                case .channelSend:
                    wait.holders = Array(users[object]?.receivers ?? [])
                    if let c = timeline.channel(ChannelID(object.rawValue)) { wait.holders.append(c.creator) }
                case .waitGroup:
                    if let g = timeline.waitGroup(WaitGroupID(object.rawValue)) { wait.holders = g.changes.map(\.task) }
                case .condition:
                    if let c = timeline.condition(ConditionID(object.rawValue)) {
                        wait.holders = c.signals.map(\.task)
                        if let m = timeline.mutex(c.mutex) { wait.holders += m.holds.map(\.task) }
                    }
                case .select, .sleep, nil:
                    break
                }
            default:
                continue
            }
            wait.holders = Array(Set(wait.holders.filter { $0 != task.id && $0 != .none && live.contains($0) })).sorted()
            waits[task.id] = wait
        }
    }

    /// The cycles of tasks that wait only on one another: every task in one can be woken only by tasks that are
    /// themselves stuck. Each cycle is given once, starting from its lowest task id, in wait-for order.
    public func cycles() -> [[Wait]] {
        // Stuck: blocked tasks all of whose possible wakers are stuck (greatest fixed point), with at least one waker.
        var stuck = Set(waits.values.filter { !$0.holders.isEmpty && $0.reason != .sleep }.map(\.task))
        var changed = true
        while changed {
            changed = false
            for task in stuck where !waits[task]!.holders.allSatisfy(stuck.contains) {
                stuck.remove(task)
                changed = true
            }
        }
        var seen = Set<TaskID>()
        var result: [[Wait]] = []
        for start in stuck.sorted() where !seen.contains(start) {
            // Follow the first stuck holder until a task repeats; the repeat closes a cycle.
            var path: [TaskID] = []
            var position: [TaskID: Int] = [:]
            var current = start
            while position[current] == nil && !seen.contains(current) {
                position[current] = path.count
                path.append(current)
                guard let next = waits[current]!.holders.first(where: stuck.contains) else { break }
                current = next
            }
            for task in path { seen.insert(task) }
            guard let from = position[current] else { continue }
            var cycle = Array(path[from...])
            let lowest = cycle.indices.min { cycle[$0] < cycle[$1] }!
            cycle = Array(cycle[lowest...] + cycle[..<lowest])
            result.append(cycle.map { waits[$0]! })
        }
        return result
    }
}
