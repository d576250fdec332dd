import WeftTrace

/// Whether each task's last wait on a wait group or a condition got what it waited for, worked out as the trace is
/// read, without keeping the counter changes and signals: the counter was at zero at the wait's last change up to
/// its wake-up, or a signal for it (or a broadcast) came between the wait's start and its wake-up. The wake-up is
/// the `unblock`, else the task's end, else the end of the trace, as `WaitEvidence` reads them in a whole model.
///
/// Memory grows with the tasks and objects: a watch per task, and per object the tasks whose watch a later change
/// or signal may still settle.
struct WaitOutcomes: Sendable {
    /// A task's last wait on a wait group or a condition.
    struct Watch: Sendable {
        var isCondition: Bool
        var object: UInt64
        var start: UInt64
        /// When it was woken (or the task ended), once known.
        var woken: UInt64?
        /// A condition: whether a signal for it came in time. A wait group: its count after the last change up to
        /// the wake-up (nil: none).
        var signalled = false
        var count: UInt64?
    }

    /// Per task position: the watch of its last wait, when that was on a wait group or a condition.
    private var watches: [Watch?] = []
    /// Per wait group (raw id): the count after its last change.
    private var counts: [UInt64: UInt64] = [:]
    /// Per wait group (raw id): tasks woken no earlier than its last change (a change at their wake-up's instant
    /// still counts). Per condition: tasks whose last wait is on it and not yet past.
    private var groupWatchers: [UInt64: Set<Int>] = [:]
    private var conditionWatchers: [UInt64: Set<Int>] = [:]

    /// Task position `t` announced a wait (`block`) for `reason` on `object` at `time`.
    mutating func blocked(_ t: Int, _ reason: BlockReason, on object: UInt64, at time: UInt64) {
        if t >= watches.count { watches.append(contentsOf: repeatElement(nil, count: t + 1 - watches.count)) }
        switch reason {
        case .waitGroup:
            watches[t] = Watch(isCondition: false, object: object, start: time)
        case .condition:
            watches[t] = Watch(isCondition: true, object: object, start: time)
            conditionWatchers[object, default: []].insert(t)
        default:
            watches[t] = nil
        }
    }

    /// Task position `t` was woken from its last wait at `time`, or ended without a wake-up then.
    mutating func woken(_ t: Int, at time: UInt64) {
        guard t < watches.count, var watch = watches[t], watch.woken == nil else { return }
        watch.woken = time
        if !watch.isCondition {
            watch.count = counts[watch.object]
            groupWatchers[watch.object, default: []].insert(t)
        }
        watches[t] = watch
    }

    /// Wait group `group`'s counter changed to `count` at `time`.
    mutating func counterChanged(_ group: UInt64, to count: UInt64, at time: UInt64) {
        counts[group] = count
        guard let watchers = groupWatchers[group] else { return }
        var still: Set<Int> = []
        for t in watchers {
            guard var watch = watches[t], !watch.isCondition, watch.object == group, let woken = watch.woken else { continue }
            guard time <= woken else { continue }
            watch.count = count
            watches[t] = watch
            still.insert(t)
        }
        groupWatchers[group] = still.isEmpty ? nil : still
    }

    /// Condition `condition` was signalled at `time`, waking task position `woken` (nil: none, or a broadcast).
    mutating func signalled(_ condition: UInt64, waking woken: Int?, broadcast: Bool, at time: UInt64) {
        if let t = woken, !broadcast {
            signal(t, condition, at: time)
            return
        }
        guard broadcast, let watchers = conditionWatchers[condition] else { return }
        var still: Set<Int> = []
        for t in watchers where signal(t, condition, at: time) { still.insert(t) }
        conditionWatchers[condition] = still.isEmpty ? nil : still
    }

    /// Marks task position `t`'s wait on `condition` signalled when the signal at `time` came within it; returns
    /// whether a later signal may still concern the wait.
    @discardableResult
    private mutating func signal(_ t: Int, _ condition: UInt64, at time: UInt64) -> Bool {
        guard t < watches.count, var watch = watches[t], watch.isCondition, watch.object == condition else { return false }
        if let woken = watch.woken, time > woken { return false }
        if time >= watch.start {
            watch.signalled = true
            watches[t] = watch
        }
        return true
    }

    /// Whether task position `t`'s last wait, on a wait group or a condition, got what it waited for; a wait never
    /// woken counts to the end of the trace.
    func satisfied(_ t: Int) -> Bool {
        guard t < watches.count, let watch = watches[t] else { return false }
        if watch.isCondition { return watch.signalled }
        return (watch.woken == nil ? counts[watch.object] : watch.count) == 0
    }

    /// How many records it holds.
    var held: Int {
        watches.count + counts.count + groupWatchers.values.reduce(0) { $0 + $1.count }
            + conditionWatchers.values.reduce(0) { $0 + $1.count }
    }
}
