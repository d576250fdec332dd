import WeftTrace

/// The one model of what happened in a traced run, built once from an `EventStream` by `TimelineBuilder`.
///
/// Plain values: arrays sorted by id (tasks, threads, objects) and interval lists sorted by time, so a renderer can
/// ask for a time window by binary search (`IntervalList.overlapping`). It knows nothing of drawing.
public struct Timeline: Sendable {
    /// The run: metadata, scheduler, times, outcome, samples, event counts.
    public var run: RunInfo
    /// Every task, sorted by id.
    public var tasks: [TaskTimeline]
    /// Every OS thread, sorted by id.
    public var threads: [ThreadTimeline]
    /// Every channel, sorted by id.
    public var channels: [ChannelTimeline]
    /// Every mutex, sorted by id.
    public var mutexes: [MutexTimeline]
    /// Every wait group, sorted by id.
    public var waitGroups: [WaitGroupTimeline]
    /// Every condition variable, sorted by id.
    public var conditions: [ConditionTimeline]
    /// Every weighted semaphore, sorted by id.
    public var semaphores: [SemaphoreTimeline] = []
    /// Every once, sorted by id.
    public var onces: [OnceTimeline] = []
    /// Every ticker and one-shot timer, sorted by id.
    public var timers: [TimerTimeline] = []
    /// Every task cancellation, in order.
    public var cancellations: [Cancellation] = []
    /// Every timeout that fired (a select's `.after` case taken, a `receive(timeout:)` given up), in order.
    public var timeouts: [FiredTimeout] = []
    /// Every actor whose jobs the run traced, sorted by id.
    public var actors: [ActorTimeline] = []
    /// Every message, send paired with receive, sorted by start (send time).
    public var flows: IntervalList<MessageFlow>
    /// Every wake-up, sorted by time.
    public var wakes: [WakeEdge]
    /// Every logged message, in order.
    public var logs: [LogEntry]
    /// The time cell (ns) in which a model built for a picture joined its lanes' shorter pieces and a pair's repeated
    /// messages and wake-ups (`PictureDetail`); 0 when every piece is kept, as in every model not built for a picture
    /// and in one that stayed under its budget. Past it, what is read from single pieces (a wait's length, a piece's
    /// place within its cell, the critical path through them) is close, not exact; totals per task, state, thread
    /// and pair are exact.
    public var joinedCell: UInt64 = 0

    private var taskIndex: [TaskID: Int]
    private var threadIndex: [ThreadID: Int]
    private var objectIndex: [ObjectID: (kind: ObjectKind, index: Int)]

    public init(run: RunInfo, tasks: [TaskTimeline], threads: [ThreadTimeline], channels: [ChannelTimeline] = [],
                mutexes: [MutexTimeline] = [], waitGroups: [WaitGroupTimeline] = [], conditions: [ConditionTimeline] = [],
                flows: IntervalList<MessageFlow> = IntervalList(sorted: []), wakes: [WakeEdge] = [], logs: [LogEntry] = []) {
        self.run = run
        // The builder hands them over in id order already: sorting a million task timelines again costs seconds.
        self.tasks = Timeline.sortedByID(tasks) { $0.id < $1.id }
        self.threads = Timeline.sortedByID(threads) { $0.id < $1.id }
        self.channels = channels.sorted { $0.id < $1.id }
        self.mutexes = mutexes.sorted { $0.id < $1.id }
        self.waitGroups = waitGroups.sorted { $0.id < $1.id }
        self.conditions = conditions.sorted { $0.id < $1.id }
        self.flows = flows
        self.wakes = wakes
        self.logs = logs
        // Only ids that are not at their dense position (id - 1) need the dictionary: usually none.
        var taskIndex: [TaskID: Int] = [:]
        for i in self.tasks.indices where Int(truncatingIfNeeded: self.tasks[i].id.rawValue) &- 1 != i {
            taskIndex[self.tasks[i].id] = i
        }
        self.taskIndex = taskIndex
        var threadIndex: [ThreadID: Int] = [:]
        for i in self.threads.indices where Int(truncatingIfNeeded: self.threads[i].id.rawValue) &- 1 != i {
            threadIndex[self.threads[i].id] = i
        }
        self.threadIndex = threadIndex
        var objects: [ObjectID: (kind: ObjectKind, index: Int)] = [:]
        for (i, c) in self.channels.enumerated() { objects[c.id.object] = (.channel, i) }
        for (i, m) in self.mutexes.enumerated() { objects[m.id.object] = (.mutex, i) }
        for (i, g) in self.waitGroups.enumerated() { objects[g.id.object] = (.waitGroup, i) }
        for (i, c) in self.conditions.enumerated() { objects[c.id.object] = (.condition, i) }
        objectIndex = objects
    }

    /// The actor with this id, if the trace has it.
    public func actor(_ id: ActorID) -> ActorTimeline? { actors.first { $0.id == id } }

    /// Sets the mutexes (the builder completes their read holds after making the timeline).
    mutating func setMutexes(_ mutexes: [MutexTimeline]) {
        self.mutexes = mutexes.sorted { $0.id < $1.id }
        for (i, m) in self.mutexes.enumerated() { objectIndex[m.id.object] = (.mutex, i) }
    }

    /// Adds the objects of the later primitives (semaphores, onces, tickers and timers), the cancellations and the
    /// timeouts that fired.
    mutating func addPrimitives(semaphores: [SemaphoreTimeline], onces: [OnceTimeline], timers: [TimerTimeline],
                                cancellations: [Cancellation], timeouts: [FiredTimeout] = []) {
        self.semaphores = semaphores.sorted { $0.id < $1.id }
        self.onces = onces.sorted { $0.id < $1.id }
        self.timers = timers.sorted { $0.id < $1.id }
        self.cancellations = cancellations
        self.timeouts = timeouts
        for (i, s) in self.semaphores.enumerated() { objectIndex[s.id.object] = (.semaphore, i) }
        for (i, o) in self.onces.enumerated() { objectIndex[o.id.object] = (.once, i) }
        for (i, t) in self.timers.enumerated() { objectIndex[t.id.object] = (.timer, i) }
    }

    /// `values` sorted by `less`, returned as they are when they already are (checked in one pass, no copies).
    static func sortedByID<T>(_ values: [T], by less: (T, T) -> Bool) -> [T] {
        var i = 1
        while i < values.count {
            if less(values[i], values[i - 1]) { return values.sorted(by: less) }
            i += 1
        }
        return values
    }

    /// The position of a task in `tasks` (ids are usually dense from 1, so this is usually one array read).
    public func index(of id: TaskID) -> Int? {
        let guess = Int(truncatingIfNeeded: id.rawValue) &- 1
        if guess >= 0 && guess < tasks.count && tasks[guess].id == id { return guess }
        return taskIndex[id]
    }
    /// The position of a thread in `threads`.
    public func index(of id: ThreadID) -> Int? {
        let guess = Int(truncatingIfNeeded: id.rawValue) &- 1
        if guess >= 0 && guess < threads.count && threads[guess].id == id { return guess }
        return threadIndex[id]
    }
    /// A task by id.
    public func task(_ id: TaskID) -> TaskTimeline? { index(of: id).map { tasks[$0] } }
    /// A thread by id.
    public func thread(_ id: ThreadID) -> ThreadTimeline? { index(of: id).map { threads[$0] } }
    /// A channel by id.
    public func channel(_ id: ChannelID) -> ChannelTimeline? {
        guard let o = objectIndex[id.object], o.kind == .channel else { return nil }
        return channels[o.index]
    }
    /// A mutex by id.
    public func mutex(_ id: MutexID) -> MutexTimeline? {
        guard let o = objectIndex[id.object], o.kind == .mutex else { return nil }
        return mutexes[o.index]
    }
    /// A wait group by id.
    public func waitGroup(_ id: WaitGroupID) -> WaitGroupTimeline? {
        guard let o = objectIndex[id.object], o.kind == .waitGroup else { return nil }
        return waitGroups[o.index]
    }
    /// A condition by id.
    public func condition(_ id: ConditionID) -> ConditionTimeline? {
        guard let o = objectIndex[id.object], o.kind == .condition else { return nil }
        return conditions[o.index]
    }
    /// What kind of object a raw object id names, if the trace made it.
    public func kind(of object: ObjectID) -> ObjectKind? { objectIndex[object]?.kind }

    /// A name for people for the object a task waits on: `ch3 "jobs"`-style labels, a task label for `join`, an actor's
    /// (`ac1 Cache`) for `actor`; an object the trace never made by its id, spelled by the wait's kind (`tm7`).
    public func label(of object: ObjectID, reason: BlockReason? = nil) -> String {
        if reason == .join { return label(of: TaskID(object.rawValue)) }
        if reason == .actor { return actor(ActorID(object.rawValue))?.label ?? ActorID(object.rawValue).description }
        guard let o = objectIndex[object] else { return object == .none ? "" : reason?.spell(object) ?? object.description }
        switch o.kind {
        case .channel: return channels[o.index].label
        case .mutex: return mutexes[o.index].label
        case .waitGroup: return waitGroups[o.index].label
        case .condition: return conditions[o.index].label
        case .semaphore: return semaphores[o.index].label
        case .once: return onces[o.index].label
        case .timer: return timers[o.index].label
        }
    }

    /// The label of a task by id (its name, or its id).
    public func label(of task: TaskID) -> String { index(of: task).map { tasks[$0].label } ?? task.description }

    /// The name of a task by id ("" when it has none or is unknown), without copying its timeline.
    public func name(of task: TaskID) -> String { index(of: task).map { tasks[$0].name } ?? "" }
}

/// The kinds of synchronisation object.
public enum ObjectKind: Sendable, Equatable, CaseIterable, CustomStringConvertible {
    case channel, mutex, waitGroup, condition, semaphore, once, timer
    public var description: String {
        switch self {
        case .semaphore: "semaphore"
        case .once: "once"
        case .timer: "timer"
        case .channel: "channel"
        case .mutex: "mutex"
        case .waitGroup: "waitgroup"
        case .condition: "condition"
        }
    }
}
