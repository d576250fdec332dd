import WeftTrace

/// What `weft check`'s lints need, gathered one event at a time while the builder reads a trace
/// (`TimelineBuilder.check`), so that no state interval, run slice, hold or message is kept.
///
/// Its memory grows with the tasks, threads and objects (a few records each) and with the `detailLimit` earliest
/// findings of the lints that can have one per event (starvation, never-yields), never with the events: those
/// lints' counts stay exact. The wait-for graph needs only the end: who holds what, who used which channel, each
/// task's last state, and whether a task did what its last wait waited for (`WaitEvidence`). Lock-across-block keeps
/// one finding per task and mutex, as the lint reports them.
struct LintAccumulator: Sendable {
    let thresholds: LintThresholds
    /// How many findings of starvation and never-yields are kept worded (the earliest).
    let detailLimit: Int

    private(set) var longSlices: EarliestFindings<(thread: ThreadID, slice: RunSlice)>
    private(set) var starved: EarliestFindings<StarvationLint.Finding>
    private var overlaps = SliceOverlapCounter()
    /// Per thread running an actor job: where its current stretch began. A stretch becomes a run slice only when it
    /// ends (`actorSlice`), so a runnable wait that ended while one was open waits in `pending` for it.
    private var actorStretches: [ThreadID: UInt64] = [:]
    /// Runnable waits longer than the threshold that ended while an actor stretch that began before their end was
    /// open: the slices counted so far, and the wait's end.
    private var pending: [(finding: StarvationLint.Finding, end: UInt64)] = []
    /// Per task and mutex, the lock-across-block finding so far.
    private(set) var lockAcross: [HoldKey: LockAcrossBlockLint.Finding] = [:]
    /// Per task, the mutexes it holds now and since when.
    private var holding: [TaskID: [(mutex: MutexID, start: UInt64)]] = [:]
    /// Per task position: its last finished interval's state and start.
    private var lastStates: [(state: TaskState, start: UInt64)?] = []
    /// Per task position: the last time it did what its last wait waited for.
    private var acted: [UInt64?] = []
    /// Channel users and mutex holders for the wait-for graph, with the last one added to each (to skip the set for
    /// the same task again).
    private(set) var evidence = WaitEvidence()
    private var lastSender: [UInt64: TaskID] = [:]
    private var lastReceiver: [UInt64: TaskID] = [:]
    /// Whether each task's last wait on a wait group or condition got what it waited for.
    private(set) var waitOutcomes = WaitOutcomes()

    /// A task and a mutex it held.
    struct HoldKey: Hashable, Sendable {
        var task: TaskID
        var mutex: MutexID
    }

    init(thresholds: LintThresholds, detailLimit: Int) {
        self.thresholds = thresholds
        self.detailLimit = detailLimit
        longSlices = EarliestFindings(limit: detailLimit) {
            $0.slice.start != $1.slice.start ? $0.slice.start < $1.slice.start : $0.thread < $1.thread
        }
        starved = EarliestFindings(limit: detailLimit) { $0.start != $1.start ? $0.start < $1.start : $0.task < $1.task }
    }

    // MARK: Tasks

    /// Task position `t` is in `state` since `since` (called after each change; repeats do nothing).
    @inline(__always)
    mutating func taskState(_ t: Int, _ state: TaskState, since: UInt64) {
        if case .runnable = state { overlaps.began(task: t, at: since) }
    }

    /// A finished interval of task position `t` (id `task`), in order; `openSlices` is how many run slices that began
    /// before the interval's end are open now on every thread (`running`: the task's own is among them).
    mutating func add(_ interval: StateInterval, of t: Int, id task: TaskID, running: Bool, openSlices: Int) {
        if t >= lastStates.count { lastStates.append(contentsOf: repeatElement(nil, count: t + 1 - lastStates.count)) }
        lastStates[t] = (interval.state, interval.start)
        switch interval.state {
        case .runnable:
            guard interval.duration > thresholds.starvation else { return }
            let others = overlaps.overlapping(task: t, start: interval.start, open: openSlices - (running ? 1 : 0))
            let finding = StarvationLint.Finding(task: task, start: interval.start, duration: interval.duration, othersRan: others)
            if actorStretches.values.contains(where: { $0 < interval.end }) {
                pending.append((finding, interval.end))
            } else if others > 0 {
                starved.add(finding)
            }
        case .blocked(let object, let reason) where reason != .mutex:
            heldAcross(interval, task: task, reason: reason, object: object)
        case .sleeping:
            heldAcross(interval, task: task, reason: .sleep, object: .none)
        default:
            return
        }
    }

    /// Counts `interval` (a wait that is not for a mutex) against each mutex the task holds.
    private mutating func heldAcross(_ interval: StateInterval, task: TaskID, reason: BlockReason?, object: ObjectID) {
        guard let held = holding[task] else { return }
        for hold in held where interval.end > hold.start {
            let d = interval.end - max(interval.start, hold.start)
            let key = HoldKey(task: task, mutex: hold.mutex)
            if var f = lockAcross[key] {
                f.count += 1
                f.total = f.total.addingSaturated(d)
                lockAcross[key] = f
            } else {
                lockAcross[key] = LockAcrossBlockLint.Finding(task: task, mutex: hold.mutex, reason: reason, object: object,
                                                             time: interval.start, duration: d, count: 1, total: d)
            }
        }
    }

    /// Task position `t` announced a new wait: what it did for the previous one no longer counts.
    @inline(__always)
    mutating func blocked(_ t: Int) {
        if t < acted.count { acted[t] = nil }
    }

    /// Task position `t` did, at `time`, what its last wait waited for.
    mutating func acted(_ t: Int, at time: UInt64) {
        if t >= acted.count { acted.append(contentsOf: repeatElement(nil, count: t + 1 - acted.count)) }
        acted[t] = max(acted[t] ?? 0, time)
    }

    // MARK: Threads

    /// A finished run slice of `thread`.
    @inline(__always)
    mutating func add(_ slice: RunSlice, on thread: ThreadID) {
        overlaps.sliceFinished(start: slice.start, end: slice.end)
        if slice.duration > thresholds.longSlice { longSlices.add((thread, slice)) }
        if slice.actor != nil {
            for i in pending.indices where slice.start < pending[i].end
                && (slice.end > pending[i].finding.start || (slice.start == slice.end && slice.start >= pending[i].finding.start)) {
                pending[i].finding.othersRan += 1
            }
        }
    }

    /// The actor job on `thread` began a stretch at `start` (nil: the job ended). Waits no open stretch can still
    /// add a slice to are settled.
    mutating func actorStretch(on thread: ThreadID, from start: UInt64?) {
        actorStretches[thread] = start
        guard !pending.isEmpty else { return }
        let earliest = actorStretches.values.min() ?? .max
        settlePending { $0.end <= earliest }
    }

    /// Settles the pending waits that `done` says are complete (all of them at the end of the trace).
    mutating func settlePending(where done: ((finding: StarvationLint.Finding, end: UInt64)) -> Bool = { _ in true }) {
        var kept: [(finding: StarvationLint.Finding, end: UInt64)] = []
        for wait in pending {
            if !done(wait) { kept.append(wait) } else if wait.finding.othersRan > 0 { starved.add(wait.finding) }
        }
        pending = kept
    }

    // MARK: Objects

    /// `task` acquired `mutex` at `time`.
    mutating func acquired(_ mutex: MutexID, by task: TaskID, at time: UInt64) {
        holding[task, default: []].append((mutex, time))
        evidence.holders[mutex.rawValue, default: []].insert(task)
    }

    /// `task`'s hold of `mutex` ended.
    mutating func released(_ mutex: MutexID, by task: TaskID) {
        guard var held = holding[task], let i = held.lastIndex(where: { $0.mutex == mutex }) else { return }
        held.remove(at: i)
        holding[task] = held.isEmpty ? nil : held
    }

    /// `task` sent a message on `channel` (raw id).
    @inline(__always)
    mutating func sent(on channel: UInt64, by task: TaskID) {
        guard task != .none, lastSender[channel] != task else { return }
        lastSender[channel] = task
        evidence.senders[channel, default: []].insert(task)
    }

    /// `task` received a message from `channel` (raw id).
    @inline(__always)
    mutating func received(from channel: UInt64, by task: TaskID) {
        guard task != .none, lastReceiver[channel] != task else { return }
        lastReceiver[channel] = task
        evidence.receivers[channel, default: []].insert(task)
    }

    /// A task took a read hold of read-write mutex `mutex` (raw id).
    mutating func readAcquired(_ mutex: UInt64) {
        evidence.readLocked.insert(mutex)
    }

    /// `task` acquired (positive `weight`) or released permits of `semaphore` (raw id).
    mutating func permitsChanged(_ semaphore: UInt64, by task: TaskID, weight: Int64) {
        // Changed in place: the per-task dictionary is not copied.
        let now = evidence.permitsHeld[semaphore, default: [:]][task, default: 0] + weight
        evidence.permitsHeld[semaphore, default: [:]][task] = now == 0 ? nil : now
    }

    /// `task` changed wait group `group`'s counter (raw id) to `count` at `time`.
    mutating func counterChanged(_ group: UInt64, by task: TaskID, to count: UInt64, at time: UInt64) {
        evidence.counterChangers[group, default: []].insert(task)
        waitOutcomes.counterChanged(group, to: count, at: time)
    }

    /// `task` signalled (or broadcast) condition `condition` (raw id) at `time`, waking task position `woken`.
    mutating func signalled(_ condition: UInt64, by task: TaskID, waking woken: Int?, broadcast: Bool, at time: UInt64) {
        evidence.signallers[condition, default: []].insert(task)
        waitOutcomes.signalled(condition, waking: woken, broadcast: broadcast, at: time)
    }

    /// Task position `t` announced a wait for `reason` on `object` at `time`.
    mutating func announced(_ t: Int, _ reason: BlockReason, on object: UInt64, at time: UInt64) {
        waitOutcomes.blocked(t, reason, on: object, at: time)
    }

    /// Task position `t` was woken from its last wait at `time`, or ended then without a wake-up.
    mutating func woken(_ t: Int, at time: UInt64) {
        waitOutcomes.woken(t, at: time)
    }

    // MARK: The end

    /// The evidence for the wait-for graph, given each task's id and whether it is alive at the end (by position),
    /// the holder of each mutex still held and the tasks of each read hold still open (by raw id).
    func waitEvidence(tasks: [(id: TaskID, alive: Bool)], heldAtEnd: [UInt64: TaskID],
                      readersAtEnd: [UInt64: Set<TaskID>]) -> WaitEvidence {
        var evidence = self.evidence
        evidence.heldAtEnd = heldAtEnd
        evidence.readersAtEnd = readersAtEnd
        for (t, task) in tasks.enumerated() {
            if waitOutcomes.satisfied(t) { evidence.satisfiedWaits.insert(task.id) }
            if task.alive, t < lastStates.count, let last = lastStates[t] { evidence.lastStates[task.id] = last }
            if t < acted.count, let time = acted[t] { evidence.acted[task.id] = time }
        }
        return evidence
    }

    /// How many records it holds now: per task, thread and object, and the findings kept.
    var retainedRecords: Int {
        longSlices.held + starved.held + overlaps.held + actorStretches.count + pending.count + lockAcross.count + holding.values.reduce(0) { $0 + $1.count }
            + lastStates.count + acted.count + evidence.held + lastSender.count + lastReceiver.count + waitOutcomes.held
    }
}
