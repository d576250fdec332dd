import WeftAnalysis
import WeftTrace

extension RenderTimeline {
    /// The lanes, marks and links the picture shows, taken from the analysis model.
    ///
    /// Threads are ordered: those that ran tasks first, then by role (workers, main, task threads, timer, others);
    /// tasks by id. Links: every message
    /// (send → receive), every spawn, every contended mutex hand-over (release → next acquire), and every other
    /// wake-up by a task (wait groups, conditions, joins).
    ///
    /// Times are counted from the run's first event, so that two runs drawn together start together. The picture
    /// ends when the last task does (threads may take longer to shut down); `wallTime` is the run's one wall time
    /// (`RunInfo.wallTime`), the figure stats and diff print.
    ///
    /// The model is consumed: each part is let go once it has been copied (messages once they are links and marks,
    /// each task's states once they are its spans), so that a caller who hands over its only copy never holds the
    /// model and the whole picture's copy of it at once. A caller who keeps its copy pays nothing more than before.
    public init(timeline given: consuming Timeline) {
        var timeline = given
        let run = timeline.run
        let origin = run.start
        func t(_ time: UInt64) -> UInt64 { time > origin ? time - origin : 0 }
        var facts = RunFacts(header: timeline)
        let figures = RunFigures(timeline)
        facts.spawning = figures.spawning
        facts.stalled = figures.stalled
        facts.measured = figures
        facts.wallParts = WallTimeParts(timeline)
        // Read from the threads' slices and the tasks' states, which are let go below.
        let frozenPoolThreads = FrozenPoolThreads(timeline)
        // Thread-per-task: a woken task's wait while a core was free is its thread's wake-up latency, the stretches
        // `weft stats` sums.
        let wokenThreadLatency = WokenThreadLatency.spans(in: timeline)
        // Multiplexed: a woken task queued behind its waker on the waker's pool thread, which no idle thread was
        // woken for.
        let queuedBehindWaker = QueuedBehindWaker.stretches(in: timeline)
        let stalls = MachineStalls(timeline).stretches.map { TimeSpan(t($0.lowerBound), t($0.upperBound)) }
        // Read from the tasks' states, which are let go below.
        let actorTracks = ActorTrack.tracks(timeline, origin: origin)
        let deadlock = DeadlockDrawing(timeline: timeline, origin: origin)
        // By role (pool threads or task threads, then the caller of Weft.run, which only waits, then the timer), then
        // by number: "pool thread 0" above "pool thread 1" whichever ran a task first, or at all.
        var sortedThreads = timeline.threads.sorted { a, b in
            let ra = Self.roleOrder(a.role), rb = Self.roleOrder(b.role)
            return ra != rb ? ra < rb : a.index != b.index ? a.index < b.index : a.id < b.id
        }
        let actorNames = Dictionary(timeline.actors.map { ($0.id, $0.typeName.isEmpty ? "an actor" : $0.typeName) },
                                    uniquingKeysWith: { first, _ in first })
        var labelCount: [String: Int] = [:]
        for thread in sortedThreads { labelCount[thread.label, default: 0] += 1 }
        var threads = sortedThreads.map { thread in
            // Two threads with one role (the caller recorded twice): tell them apart by their trace number.
            let label = thread.label
            var track = ThreadTrack(thread: thread.id, label: labelCount[label, default: 0] > 1 ? "\(label) \(thread.id)" : label,
                                    slices: thread.slices.elements.map {
                                        ThreadSlice(start: t($0.start), end: t($0.end), task: $0.task,
                                                    actor: $0.actor.map { actorNames[$0] ?? "an actor" })
                                    },
                                    lifetime: TimeSpan(t(thread.started), t(thread.stopped ?? run.end)), role: thread.role,
                                    owner: thread.role == .taskThread ? TaskID(thread.index) : nil)
            track.starved = thread.starved.map { TimeSpan(t($0.start), t($0.end)) }
            return track
        }
        sortedThreads = []
        for i in timeline.threads.indices { timeline.threads[i].slices = IntervalList(sorted: []) }
        // Each thread-per-task task's runs on threads not its own (its code on an actor that another thread ran).
        var elsewhere: [TaskID: [ThreadSlice]] = [:]
        let owned = Set(threads.compactMap(\.owner))
        for thread in threads {
            for slice in thread.slices where slice.task != thread.owner && owned.contains(slice.task) {
                elsewhere[slice.task, default: []].append(slice)
            }
        }
        for i in threads.indices {
            guard let owner = threads[i].owner, let task = timeline.task(owner), let life = threads[i].lifetime else { continue }
            let end = min(t(task.ended ?? run.end), life.end)
            // Not held while its task runs elsewhere: the task is not waiting then.
            let away = elsewhere[owner] ?? []
            threads[i].ownerElsewhere = away.map { TimeSpan($0.start, $0.end) }
            threads[i].held = Self.held(away.isEmpty ? threads[i].slices : (threads[i].slices + away).sorted { $0.start < $1.start },
                                        from: life.start, to: end, deadlock: deadlock?.detected)
        }

        let position = TaskPositions(timeline.tasks.map(\.id))
        // Every mark in one list with its task's place, in the order made, handed out to the tasks below
        // (`TaskMarks`): one growing list, not one per task reached at random.
        var marks = TaskMarks(taskCount: timeline.tasks.count, expected: 2 * timeline.flows.count + timeline.wakes.count)
        var holds = [[TimeSpan]](repeating: [], count: timeline.tasks.count)
        var links: [Link] = []
        links.reserveCapacity(timeline.flows.count + timeline.tasks.count)
        func mark(_ task: TaskID, _ time: UInt64, _ kind: Mark.Kind, count: UInt32 = 1) {
            if let p = position[task] { marks.add(Mark(time: t(time), kind: kind, count: count), to: p) }
        }

        for task in timeline.tasks where task.parent != .none {
            mark(task.parent, task.created, .spawn)
            links.append(Link(kind: .spawn, from: task.parent, at: t(task.created), to: task.id, at: t(task.created)))
        }
        for flow in timeline.flows {
            if let sent = flow.sent { mark(flow.sender, sent, .send, count: flow.count) }
            if let received = flow.received { mark(flow.receiver, received, .receive, count: flow.count) }
            if let sent = flow.sent, let received = flow.received, flow.sender != .none, flow.receiver != .none {
                links.append(Link(kind: .message, from: flow.sender, at: t(sent), to: flow.receiver, at: t(received),
                                  count: flow.count))
            }
        }
        let messageWakes = MessageWakes(timeline.flows.elements, positions: position, taskCount: timeline.tasks.count)
        timeline.flows = IntervalList(sorted: [])
        var locks: [LockTrack] = []
        for mutex in timeline.mutexes where mutex.isReadWrite {
            for read in mutex.readHolds {
                mark(read.task, read.start, .lock)
                if read.released { mark(read.task, read.end, .unlock) }
                if let p = position[read.task] { holds[p].append(TimeSpan(t(read.start), t(read.end))) }
            }
        }
        for mutex in timeline.mutexes where !mutex.holds.isEmpty || !mutex.pending.isEmpty || !mutex.readHolds.isEmpty {
            // A wait is a contended acquisition (the task blocked or found it held), as stats counts "contended": the
            // few nanoseconds between an uncontended request and its acquisition are not waiting for the lock.
            let waited = { (hold: LockHold) in hold.contended && hold.requested < hold.start }
            var waits = mutex.holds.filter(waited).map { TimeSpan(t($0.requested), t($0.start)) }
            waits += mutex.pending.map { TimeSpan(t($0.time), t(run.end)) }
            waits.sort { $0.start < $1.start }
            var track = LockTrack(mutex: mutex.id, label: mutex.label,
                                  holds: mutex.holds.map { ThreadSlice(start: t($0.start), end: t($0.end), task: $0.task) },
                                  waits: waits)
            track.isReadWrite = mutex.isReadWrite
            track.readHolds = mutex.readHolds.map { ThreadSlice(start: t($0.start), end: t($0.end), task: $0.task) }
            track.waits += mutex.readHolds.filter(waited).map { TimeSpan(t($0.requested), t($0.start)) }
            track.waits.sort { $0.start < $1.start }
            track.waiters = Set(mutex.holds.filter(waited).map(\.task) + mutex.pending.map(\.task)
                + mutex.readHolds.filter(waited).map(\.task))
            locks.append(track)
            var previous: LockHold?
            for hold in mutex.holds {
                mark(hold.task, hold.start, .lock)
                if hold.released { mark(hold.task, hold.end, .unlock) }
                if let p = position[hold.task] { holds[p].append(TimeSpan(t(hold.start), t(hold.end))) }
                if let prev = previous, prev.released, hold.contended {
                    links.append(Link(kind: .lock, from: prev.task, at: t(prev.end), to: hold.task, at: t(hold.start)))
                }
                previous = hold
            }
        }
        for cancellation in timeline.cancellations { mark(cancellation.task, cancellation.time, .cancel) }
        for timeout in timeline.timeouts { mark(timeout.task, timeout.time, .timeout) }
        for timer in timeline.timers {
            for tick in timer.ticks { mark(tick.task, tick.time, .tick) }
        }
        for semaphore in timeline.semaphores {
            for change in semaphore.changes { mark(change.task, change.time, change.weight > 0 ? .lock : .unlock) }
        }
        locks += SemaphoreLanes.tracks(timeline, end: run.end, time: t)
        for once in timeline.onces where once.began != nil { mark(once.runner, once.began!, .wait) }
        for group in timeline.waitGroups {
            for wait in group.waits { mark(wait.task, wait.start, .wait) }
        }
        for condition in timeline.conditions {
            for wait in condition.waits { mark(wait.task, wait.start, .wait) }
        }
        // The wake-ups a thread outside the pool (not the timer) recorded: each put its task's job in the pool's
        // shared queue (`PoolThreadWakes`).
        let poolOrTimer = Set(timeline.threads.filter { $0.role == .worker || $0.role == .timer }.map(\.id))
        var sharedQueueWakes: [TaskID: [UInt64]] = [:]
        if run.scheduler == "multiplexed" {
            for wake in timeline.wakes where !poolOrTimer.contains(wake.wakerThread) {
                sharedQueueWakes[wake.wakee, default: []].append(t(wake.time))
            }
        }
        for wake in timeline.wakes where wake.waker != .none {
            if !messageWakes.explains(wake) { mark(wake.waker, wake.time, .wake, count: wake.count) }
            switch wake.reason {
            case .waitGroup?, .condition?, .join?:
                links.append(Link(kind: .wake, from: wake.waker, at: t(wake.time), to: wake.wakee, at: t(wake.time),
                                  count: wake.count))
            default:
                break
            }
        }
        timeline.wakes = []
        var tasks: [TaskTrack] = []
        tasks.reserveCapacity(timeline.tasks.count)
        let grouped = marks.grouped()
        marks = TaskMarks(taskCount: 0, expected: 0)
        for i in timeline.tasks.indices {
            let task = timeline.tasks[i]
            var own = grouped.marks(of: i)
            // Where the task, ready to run, was blocked on its mutex again: another task took it first.
            var previous: StateInterval?
            for interval in task.intervals {
                if let previous, previous.end == interval.start, interval.state.isLostLock(after: previous.state) {
                    own.append(Mark(time: t(interval.start), kind: .lostLock))
                }
                previous = interval
            }
            // Blocked on a lock (mutex, read lock, semaphore), each interval as stats counts it under its reason.
            let lockWait = task.intervals.elements.reduce(UInt64(0)) { sum, interval in
                switch interval.state {
                case .blocked(_, .mutex?), .blocked(_, .readLock?), .blocked(_, .semaphore?): sum &+ interval.duration
                default: sum
                }
            }
            if lockWait > 0 { facts.lockWait.add(lockWait) }
            var failure: TaskFailure?
            if let message = task.failure(in: timeline.run), let ended = task.ended {
                failure = TaskFailure(time: t(ended), message: message)
            }
            tasks.append(TaskTrack(task: task.id, name: task.name,
                                   spans: task.intervals.elements.map {
                                       StateSpan(start: t($0.start), end: t($0.end), state: LaneState($0.state))
                                   },
                                   marks: own.sorted { $0.time < $1.time }, holds: holds[i].sorted { $0.start < $1.start }))
            tasks[tasks.count - 1].failure = failure
            holds[i] = []
            timeline.tasks[i].intervals = IntervalList(sorted: [])
        }
        // Ready to run, told apart by what the task waits for: its new thread to start running (thread-per-task: the
        // thread exists, since `taskCreate` is recorded after pthread_create returned, but the OS has not run it yet), an
        // idle pool thread to wake (multiplexed), or a CPU or a free thread (the rest).
        var threadStart: [TaskID: UInt64] = [:]
        for thread in threads { if let owner = thread.owner, let life = thread.lifetime { threadStart[owner] = life.start } }
        // The actor jobs each task's own thread ran (thread-per-task): the task, if ready then, waited for its thread.
        var ownThreadOf: [ThreadID: TaskID] = [:]
        for thread in threads { if let owner = thread.owner { ownThreadOf[thread.thread] = owner } }
        var lentThread: [TaskID: [TimeSpan]] = [:]
        for actor in timeline.actors {
            for job in actor.jobs {
                if let owner = ownThreadOf[job.thread] { lentThread[owner, default: []].append(TimeSpan(t(job.start), t(job.end))) }
            }
        }
        var frozenByThread: [ThreadID: [ThreadSlice]] = [:]
        for stretch in frozenPoolThreads.stretches {
            frozenByThread[stretch.thread, default: []].append(ThreadSlice(start: t(stretch.start), end: t(stretch.end),
                                                                             task: stretch.task))
        }
        for i in threads.indices where threads[i].role == .worker {
            threads[i].frozen = frozenByThread[threads[i].thread] ?? []
        }
        let pool = threads.filter { $0.role == .worker }
        let idle = pool.isEmpty || run.hasVirtualTime ? [] : SpanRelabel.poolIdle(pool, minimum: Self.minimumIdle)
        // Each task's waits in the queue of a pool thread the OS did not run: its own, whatever the other threads did.
        var frozen: [TaskID: [TimeSpan]] = [:]
        for thread in pool {
            for stretch in thread.frozen { frozen[stretch.task, default: []].append(TimeSpan(stretch.start, stretch.end)) }
        }
        var wakesByThread: [ThreadID: [TimeSpan]] = [:]
        for thread in timeline.threads where thread.role == .worker {
            wakesByThread[thread.id] = thread.wakes.elements.map { TimeSpan(t($0.start), t($0.end)) }
        }
        // Each woken stretch runs past `threadWake` only to a slice that took a task waiting in the shared queue.
        var sharedQueue: [TaskID: [TimeSpan]] = [:]
        for i in tasks.indices {
            guard let starts = sharedQueueWakes[tasks[i].task] else { continue }
            sharedQueue[tasks[i].task] = PoolThreadWakes.readyStretches(tasks[i].spans, beganAt: starts.sorted())
        }
        sharedQueueWakes = [:]
        for i in threads.indices where threads[i].role == .worker {
            threads[i].woken = PoolThreadWakes.woken(wakesByThread[threads[i].thread] ?? [], slices: threads[i].slices,
                                                     sharedQueue: sharedQueue)
        }
        // A task ready while a signalled pool thread waited for the OS to run it: the OS's share of the wake-up.
        let signalled = SpanRelabel.merged(threads.filter { $0.role == .worker }.flatMap(\.woken))
        for i in tasks.indices {
            if let start = threadStart[tasks[i].task] {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: [TimeSpan(0, start)], as: .awaitingThread) {
                    $0 == .runnable
                }
            }
            if let lent = lentThread[tasks[i].task] {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: SpanRelabel.merged(lent), as: .ownThreadOnActor) {
                    $0 == .runnable
                }
            }
            if let woken = wokenThreadLatency[tasks[i].task] {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: woken.map { TimeSpan(t($0.lowerBound), t($0.upperBound)) },
                                                     as: .wakeLatency) { $0 == .runnable }
                facts.wakeLatency.add(tasks[i].spans.reduce(0) { $0 + ($1.state == .wakeLatency ? $1.end - $1.start : 0) })
            }
            if !idle.isEmpty {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: idle, as: .wakeLatency) { $0 == .runnable }
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: signalled, as: .osWakeDelay) { $0 == .wakeLatency }
                if let own = frozen[tasks[i].task] {
                    tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: SpanRelabel.merged(own), as: .runnable) {
                        $0 == .wakeLatency || $0 == .osWakeDelay
                    }
                }
                if let queued = queuedBehindWaker[tasks[i].task] {
                    // Only where the pool signalled no thread: a signal in the wait may have been for this task.
                    let unsignalled = queued.map { TimeSpan(t($0.lowerBound), t($0.upperBound)) }
                        .filter { span in !signalled.contains { $0.start < span.end && $0.end > span.start } }
                    tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: unsignalled, as: .queuedBehindWaker) {
                        $0 == .wakeLatency
                    }
                    facts.queuedBehindWaker += tasks[i].spans.reduce(0) {
                        $0 + ($1.state == .queuedBehindWaker ? $1.end - $1.start : 0)
                    }
                }
                var latency: UInt64 = 0
                for span in tasks[i].spans where span.state == .wakeLatency || span.state == .osWakeDelay {
                    latency += span.end - span.start
                    if span.state == .osWakeDelay { facts.osWakeDelay += span.end - span.start }
                }
                facts.wakeLatency.add(latency)
            }
            if let own = frozen[tasks[i].task] {
                facts.frozenPoolThread += Self.overlap(tasks[i].spans.filter { $0.state == .runnable }, SpanRelabel.merged(own))
            }
            facts.runnable.add(tasks[i].spans.reduce(0) { $0 + ($1.state.isReady ? $1.end - $1.start : 0) })
            facts.awaitingThread += tasks[i].spans.reduce(0) { $0 + ($1.state == .awaitingThread ? $1.end - $1.start : 0) }
            let entering = tasks[i].spans.reduce(0) { $0 + ($1.state == .actor ? $1.end - $1.start : 0) }
            if entering > 0 { facts.actorWait.add(entering) }
        }
        // Running while more threads ran tasks than there are cores: the OS may have kept the task's thread waiting
        // for a CPU, which the trace cannot tell from running.
        var crowded: [TimeSpan] = []
        if let cores = run.cores, !run.hasVirtualTime {
            crowded = CoreUse.oversubscribedSpans(busy: threads.map { $0.slices.map { $0.start ..< $0.end } }, cores: cores)
                .map { TimeSpan($0.lowerBound, $0.upperBound) }
            for i in tasks.indices {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: crowded, as: .runningOrWaitingForCPU) { $0 == .running }
            }
        }
        // Running while its thread's CPU clock stood still (`CPUStarvation`): the OS gave the thread no CPU.
        let starved = Self.starvedByTask(threads)
        if !starved.isEmpty {
            for i in tasks.indices {
                guard let own = starved[tasks[i].task] else { continue }
                let stretches = SpanRelabel.merged(own)
                facts.cpuStarved += Self.overlap(tasks[i].spans.filter(\.state.isRunning), stretches)
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: stretches, as: .runningOrWaitingForCPU) {
                    $0 == .running
                }
            }
        }
        if let deadlock {
            // After the deadlock is detected, what tasks do is the runtime cancelling them, and no lock is held any
            // more in any sense that matters: draw it so.
            let after = [TimeSpan(deadlock.detected, UInt64.max)]
            for i in tasks.indices {
                tasks[i].spans = SpanRelabel.relabel(tasks[i].spans, inside: after, as: .cancelled) { _ in true }
                tasks[i].holds = Self.clip(tasks[i].holds, at: deadlock.detected)
            }
            for i in locks.indices {
                locks[i].holds = locks[i].holds.compactMap { hold in
                    hold.start >= deadlock.detected ? nil
                        : ThreadSlice(start: hold.start, end: min(hold.end, deadlock.detected), task: hold.task)
                }
                locks[i].waits = Self.clip(locks[i].waits, at: deadlock.detected)
            }
        }
        // Memory as the runtime sampled it; the scheduler's threads alive from the trace's own thread starts and
        // stops, so that the track agrees with the thread lanes and the header's count (samples every millisecond
        // missed whole threads of a short run).
        var counters: [CounterTrack] = []
        if let memory = run.counter(.residentBytes) {
            counters.append(CounterTrack(kind: .residentBytes, points: memory.points.map { (t($0.time), $0.value) }))
        }
        if run.counter(.threadsAlive) != nil, let alive = CounterTrack.threadsAlive(threads) {
            counters.append(alive)
        }
        self.init(facts: facts, threads: threads, tasks: tasks, links: links, locks: locks,
                  actors: actorTracks, deadlock: deadlock, counters: counters)
        self.stalls = stalls
        oversubscribed = crowded
    }

    /// A pool thread idle for less than this (ns) is handing over from one task to the next, not idle.
    static let minimumIdle: UInt64 = 20_000

    /// Each thread's stretches without CPU (`ThreadTrack.starved`) as the tasks whose slices they fall in.
    static func starvedByTask(_ threads: [ThreadTrack]) -> [TaskID: [TimeSpan]] {
        var out: [TaskID: [TimeSpan]] = [:]
        for thread in threads where !thread.starved.isEmpty {
            for stretch in thread.starved {
                // The slices it overlaps (one: both samples lay in one slice), found by binary search on their ends.
                var i = thread.slices.partitionPoint { $0.end > stretch.start }
                while i < thread.slices.count && thread.slices[i].start < stretch.end {
                    let slice = thread.slices[i]
                    if slice.actor == nil {
                        out[slice.task, default: []].append(TimeSpan(max(slice.start, stretch.start), min(slice.end, stretch.end)))
                    }
                    i += 1
                }
            }
        }
        return out
    }

    /// How long `spans` overlap the sorted, disjoint `stretches`, in ns.
    static func overlap(_ spans: [StateSpan], _ stretches: [TimeSpan]) -> UInt64 {
        var total: UInt64 = 0
        for span in spans {
            for stretch in stretches where stretch.start < span.end && stretch.end > span.start {
                total += min(span.end, stretch.end) - max(span.start, stretch.start)
            }
        }
        return total
    }

    /// The gaps between `slices` within `from`…`to`. After a `deadlock` was detected the thread is held by its task
    /// to `to` without a gap: the task is stuck in the deadlock (or being cancelled by the runtime) whether or not the
    /// cancellation runs on the thread, so that every thread of a deadlocked task reads the same to its end.
    static func held(_ slices: [ThreadSlice], from: UInt64, to: UInt64, deadlock: UInt64? = nil) -> [TimeSpan] {
        if let deadlock, deadlock < to {
            let before = held(slices.filter { $0.start < deadlock }, from: from, to: max(deadlock, from))
            guard let last = before.last, last.end == max(deadlock, from) else {
                return before + [TimeSpan(max(deadlock, from), to)]
            }
            return before.dropLast() + [TimeSpan(last.start, to)]
        }
        var out: [TimeSpan] = []
        var cursor = from
        for slice in slices {
            if slice.start > cursor && cursor < to { out.append(TimeSpan(cursor, min(slice.start, to))) }
            cursor = max(cursor, slice.end)
        }
        if to > cursor { out.append(TimeSpan(cursor, to)) }
        return out
    }

    /// `spans` cut at `time`: what started later dropped, what straddles it ended there.
    static func clip(_ spans: [TimeSpan], at time: UInt64) -> [TimeSpan] {
        spans.compactMap { $0.start >= time ? nil : TimeSpan($0.start, min($0.end, time)) }
    }

    /// Where each task is in the timeline's list: a plain array when ids are dense (they are, from 1), else a
    /// dictionary. Millions of lookups go through it.
    struct TaskPositions {
        private var dense: [Int32] = []
        private var sparse: [TaskID: Int] = [:]

        init(_ ids: [TaskID]) {
            let top = ids.map(\.rawValue).max() ?? 0
            if top < UInt64(4 * ids.count + 1_024) {
                dense = [Int32](repeating: -1, count: Int(top) + 1)
                for (i, id) in ids.enumerated() { dense[Int(id.rawValue)] = Int32(i) }
            } else {
                for (i, id) in ids.enumerated() { sparse[id] = i }
            }
        }

        subscript(_ id: TaskID) -> Int? {
            if !dense.isEmpty {
                guard id.rawValue < UInt64(dense.count) else { return nil }
                let p = dense[Int(id.rawValue)]
                return p < 0 ? nil : Int(p)
            }
            return sparse[id]
        }
    }

    private static func roleOrder(_ role: ThreadRole) -> Int {
        switch role {
        case .worker: 0
        case .taskThread: 1
        case .main: 2
        case .timer: 3
        case .other: 4
        }
    }
}

extension LaneState {
    /// The lane state that draws a model state.
    init(_ state: TaskState) {
        switch state {
        case .running: self = .running
        case .runnable: self = .runnable
        case .sleeping: self = .sleeping
        case .finished: self = .sleeping
        case let .blocked(_, reason):
            switch reason {
            case .channelSend?, .channelReceive?, .select?: self = .channel
            case .mutex?, .readLock?, .semaphore?: self = .mutex  // lock-like: waiting for others to let go
            case .waitGroup?, .once?: self = .waitGroup  // waiting for others' work to finish
            case .timer?: self = .sleeping  // a timed wait, as a sleep
            case .join?: self = .join
            case .suspended?: self = .suspended  // awaiting Swift work (a child, a continuation) outside Weft
            case .actor?: self = .actor
            case .condition?: self = .condition
            case .sleep?: self = .sleeping
            case nil: self = .unknown
            }
        }
    }
}
