import WeftTrace

/// Who waits for whom when the program's own work ended: each waiting task → the object it waits on → the tasks
/// that could release it (a mutex's holder; a joined task; the other live users of a channel; the tasks that changed
/// a wait group's counter or used a condition).
///
/// A task waits "at the end" when it is still blocked (or sleeping) at the end of the trace, or when its last wait
/// was cut short by the runtime: it was woken without getting what it waited for (no lock acquired, no message, the
/// joined task not ended…) and then ended by throwing. Weft's runtime does that to every blocked task when it detects
/// a deadlock or when the main task ends, so the trace's last events show the cancellations, not the waits.
public struct WaitForGraph: Sendable {
    /// One waiting task and what it waits on.
    public struct Wait: Sendable, Equatable {
        public var task: TaskID
        public var reason: BlockReason?
        public var object: ObjectID
        /// Since when.
        public var since: UInt64
        /// When the runtime cancelled the wait, if it did (nil: still waiting at the end of the trace).
        public var cancelled: UInt64?
        /// The tasks that could wake it.
        public var holders: [TaskID]
    }

    /// Every task waiting at the end, by id.
    public var waits: [TaskID: Wait]

    /// The graph of `timeline` at its end.
    public init(_ timeline: Timeline) {
        self.init(timeline, evidence: WaitEvidence(timeline))
    }

    /// The graph at the end of a trace whose objects are in `timeline` and whose per-event facts are in `evidence`
    /// (the timeline may lack its intervals, holds and messages, as a trace read in one pass does).
    public init(_ timeline: Timeline, evidence: WaitEvidence) {
        var found: [Wait] = []
        for task in timeline.tasks {
            if let wait = WaitForGraph.finalWait(of: task, in: timeline, evidence: evidence) { found.append(wait) }
        }
        // Tasks that could still act: alive at the end, or themselves stuck in a wait.
        let stuck = Set(found.map(\.task))
        let live = Set(timeline.tasks.filter { $0.ended == nil }.map(\.id)).union(stuck)
        waits = [:]
        for var wait in found {
            let object = wait.object
            switch wait.reason {
            case .mutex?:
                if timeline.mutex(MutexID(object.rawValue)) != nil {
                    if let holder = evidence.heldAtEnd[object.rawValue] { wait.holders = [holder] }
                    wait.holders += evidence.readersAtEnd[object.rawValue] ?? []
                }
            case .readLock?:
                if timeline.mutex(MutexID(object.rawValue)) != nil, let holder = evidence.heldAtEnd[object.rawValue] {
                    wait.holders = [holder]
                }
            case .once?:
                if let o = timeline.onces.first(where: { $0.id.rawValue == object.rawValue }), o.ended == nil {
                    wait.holders = [o.runner]
                }
            case .semaphore?:
                if timeline.semaphores.contains(where: { $0.id.rawValue == object.rawValue }) {
                    wait.holders = (evidence.permitsHeld[object.rawValue] ?? [:]).filter { $0.value > 0 }.map(\.key)
                }
            case .timer?, .suspended?, .actor?:
                break
            case .join?:
                wait.holders = [TaskID(object.rawValue)]
            case .channelReceive?:
                wait.holders = Array(evidence.senders[object.rawValue] ?? [])
                if let c = timeline.channel(ChannelID(object.rawValue)) { wait.holders.append(c.creator) }
            case .channelSend?:
                wait.holders = Array(evidence.receivers[object.rawValue] ?? [])
                if let c = timeline.channel(ChannelID(object.rawValue)) { wait.holders.append(c.creator) }
            case .waitGroup?:
                if timeline.waitGroup(WaitGroupID(object.rawValue)) != nil {
                    wait.holders = Array(evidence.counterChangers[object.rawValue] ?? [])
                }
            case .condition?:
                if let c = timeline.condition(ConditionID(object.rawValue)) {
                    wait.holders = Array(evidence.signallers[object.rawValue] ?? [])
                    if timeline.mutex(c.mutex) != nil { wait.holders += evidence.holders[c.mutex.rawValue] ?? [] }
                }
            case .select?, .sleep?, nil:
                break
            }
            wait.holders = Array(Set(wait.holders.filter { $0 != wait.task && $0 != .none && live.contains($0) })).sorted()
            waits[wait.task] = wait
        }
    }

    /// The task's unfinished wait at the end: still waiting, or cut short by the runtime; nil otherwise.
    static func finalWait(of task: TaskTimeline, in timeline: Timeline, evidence: WaitEvidence) -> Wait? {
        if task.ended == nil {
            guard let last = evidence.lastStates[task.id] else { return nil }
            switch last.state {
            case .sleeping: return Wait(task: task.id, reason: .sleep, object: .none, since: last.start, holders: [])
            case .blocked(let object, let reason): return Wait(task: task.id, reason: reason, object: object, since: last.start, holders: [])
            default: return nil
            }
        }
        guard task.outcome == .threw, let last = task.lastWait, last.reason != .sleep else { return nil }
        // A wait ended by `TaskHandle.cancel()` was asked for by the program, not cut short by the runtime.
        if timeline.cancellations.contains(where: { $0.task == task.id }) { return nil }
        // Its last wait, and whether it got what it waited for.
        let reason: BlockReason? = last.reason, object = last.object
        let woken = last.woken ?? task.ended ?? timeline.run.end
        let satisfied: Bool
        switch reason {
        case .mutex?:
            // It acquired the mutex once woken (a mutex never seen satisfies, as no hold of it can be told).
            satisfied = timeline.mutex(MutexID(object.rawValue)) == nil || (evidence.acted[task.id].map { $0 >= woken } ?? false)
        case .channelReceive?:
            let closed = timeline.channel(ChannelID(object.rawValue))?.closed.map { $0 <= woken } ?? false
            satisfied = closed || (evidence.acted[task.id].map { $0 >= woken } ?? false)
        case .channelSend?:
            satisfied = evidence.acted[task.id].map { $0 >= woken } ?? false
        case .join?:
            satisfied = timeline.index(of: TaskID(object.rawValue)).map { timeline.tasks[$0].ended.map { $0 <= woken } ?? true } ?? true
        case .waitGroup?, .condition?:
            satisfied = evidence.satisfiedWaits.contains(task.id)
        case .readLock?:
            // It took a read hold once woken (a mutex never read-held satisfies, as no hold of it can be told).
            satisfied = !evidence.readLocked.contains(object.rawValue) || (evidence.acted[task.id].map { $0 >= woken } ?? false)
        case .once?:
            satisfied = timeline.onces.first { $0.id.rawValue == object.rawValue }?.ended.map { $0 <= woken } ?? true
        case .semaphore?:
            satisfied = evidence.acted[task.id].map { $0 >= woken } ?? false
        case .select?, .sleep?, .timer?, .suspended?, .actor?, nil:
            satisfied = true
        }
        if satisfied { return nil }
        return Wait(task: task.id, reason: reason, object: object, since: last.start, cancelled: woken, holders: [])
    }

    /// The cycles of tasks that wait only on one another: every task in one can be woken only by tasks that are
    /// themselves stuck. Each cycle is given once, starting from its lowest task id, in wait-for order.
    public func cycles() -> [[Wait]] {
        // Stuck: waiting tasks all of whose possible wakers are stuck (greatest fixed point), with at least one waker.
        // Linear: drop every task with a waker outside the set, then the tasks that wait on a dropped one, and so on.
        var stuck = Set(waits.values.filter { !$0.holders.isEmpty && $0.reason != .sleep }.map(\.task))
        var waitersOf: [TaskID: [TaskID]] = [:]
        var dropped: [TaskID] = []
        for task in stuck {
            let holders = waits[task]!.holders
            if holders.allSatisfy(stuck.contains) {
                for holder in holders { waitersOf[holder, default: []].append(task) }
            } else {
                dropped.append(task)
            }
        }
        for task in dropped { stuck.remove(task) }
        while let task = dropped.popLast() {
            for waiter in waitersOf[task] ?? [] where stuck.remove(waiter) != nil { dropped.append(waiter) }
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
