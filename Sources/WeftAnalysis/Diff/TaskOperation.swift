import WeftTrace

/// One thing a task did to another task or a synchronisation object, as the behavioural diff compares them.
///
/// Only the operation and its target are kept, never its time: two runs of a deterministic program give every task
/// the same sequence whatever the scheduler.
public struct TaskOperation: Sendable, Equatable, Hashable {
    /// What was done.
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        case spawn, join, send, receive, receiveClosed, close, select, lock, unlock
        case waitGroupAdd, waitGroupDone, waitGroupWait, conditionWait, signal, broadcast, sleep, sendClosed
        case readLock, readUnlock, onceRun, acquire, release, tick, timerFired, stop, cancel, trySendMiss,
             tryReceiveMiss, receiveTimeout

        public var description: String {
            switch self {
            case .spawn: "spawn"
            case .join: "join"
            case .send: "send"
            case .receive: "receive"
            case .receiveClosed: "receive-closed"
            case .close: "close"
            case .select: "select"
            case .lock: "lock"
            case .unlock: "unlock"
            case .waitGroupAdd: "wg-add"
            case .waitGroupDone: "wg-done"
            case .waitGroupWait: "wg-wait"
            case .conditionWait: "cond-wait"
            case .signal: "signal"
            case .broadcast: "broadcast"
            case .sleep: "sleep"
            case .sendClosed: "send-closed"
            case .readLock: "read-lock"
            case .readUnlock: "read-unlock"
            case .onceRun: "once-run"
            case .acquire: "acquire"
            case .release: "release"
            case .tick: "tick"
            case .timerFired: "timer-fired"
            case .stop: "stop"
            case .cancel: "cancel"
            case .trySendMiss: "try-send-miss"
            case .tryReceiveMiss: "try-receive-miss"
            case .receiveTimeout: "receive-timeout"
            }
        }

        /// Whether the target is a task (spawn, join) rather than an object; `sleep` has no target.
        public var targetsTask: Bool { self == .spawn || self == .join || self == .cancel }
    }

    public var kind: Kind
    /// The target's raw id: a task for spawn and join, an object otherwise (a select's chosen channel), 0 for sleep.
    public var target: UInt64

    public init(_ kind: Kind, _ target: UInt64 = 0) {
        self.kind = kind
        self.target = target
    }
}

/// Every task's operations in order, recorded from the events alongside the timeline model. Each task's sequence is
/// a `PeriodicSequence`: the same few operations repeated cost one pattern and a count, not an entry each.
public struct TaskOperations: Sendable {
    /// The tasks that did operations, in the order first seen, and their sequences (same positions).
    private var tasks: [TaskID] = []
    private var sequences: [PeriodicSequence<TaskOperation>] = []
    private var index = DenseIndex()

    public init() {}

    /// Operations given task by task.
    public init(byTask: [TaskID: [TaskOperation]]) {
        for (task, operations) in byTask.sorted(by: { $0.key < $1.key }) {
            for operation in operations { append(operation, of: task) }
        }
    }

    /// The operations of one task (empty when it did none).
    public subscript(task: TaskID) -> PeriodicSequence<TaskOperation> {
        index.position(task.rawValue).map { sequences[$0] } ?? PeriodicSequence()
    }

    /// Each task's operations, by id.
    public var byTask: [TaskID: PeriodicSequence<TaskOperation>] {
        Dictionary(uniqueKeysWithValues: zip(tasks, sequences))
    }

    /// How many operations are stored over every task: the patterns and irregular stretches, not their repeats.
    public var storedCount: Int { sequences.reduce(0) { $0 + $1.storedCount } }

    /// The operation an event stands for, and the task that did it; nil for events that are not operations.
    public static func operation(of e: Event) -> (task: TaskID, operation: TaskOperation)? {
        guard let typed = e.typed else { return nil }
        let operation: TaskOperation
        switch typed {
        case .taskCreate(let v):
            return v.parent == .none ? nil : (v.parent, TaskOperation(.spawn, v.task.rawValue))
        case .block(let v):
            guard v.reason == .join else { return nil }
            operation = TaskOperation(.join, v.object.rawValue)
        case .send(let v): operation = TaskOperation(.send, v.channel.rawValue)
        case .sendFailed(let v): operation = TaskOperation(.sendClosed, v.channel.rawValue)
        case .receive(let v): operation = TaskOperation(v.seq == 0 ? .receiveClosed : .receive, v.channel.rawValue)
        case .close(let v): operation = TaskOperation(.close, v.channel.rawValue)
        case .select(let v): operation = TaskOperation(.select, v.channel.rawValue)
        case .lockAcquire(let v): operation = TaskOperation(.lock, v.mutex.rawValue)
        case .lockRelease(let v): operation = TaskOperation(.unlock, v.mutex.rawValue)
        case .waitGroupAdd(let v): operation = TaskOperation(.waitGroupAdd, v.group.rawValue)
        case .waitGroupDone(let v): operation = TaskOperation(.waitGroupDone, v.group.rawValue)
        case .waitGroupWait(let v): operation = TaskOperation(.waitGroupWait, v.group.rawValue)
        case .conditionWait(let v): operation = TaskOperation(.conditionWait, v.condition.rawValue)
        case .conditionSignal(let v): operation = TaskOperation(.signal, v.condition.rawValue)
        case .conditionBroadcast(let v): operation = TaskOperation(.broadcast, v.condition.rawValue)
        case .sleep: operation = TaskOperation(.sleep)
        case .readAcquire(let v): operation = TaskOperation(.readLock, v.mutex.rawValue)
        case .readRelease(let v): operation = TaskOperation(.readUnlock, v.mutex.rawValue)
        case .onceBegin(let v): operation = TaskOperation(.onceRun, v.once.rawValue)
        case .semaphoreAcquire(let v): operation = TaskOperation(.acquire, v.semaphore.rawValue)
        case .semaphoreRelease(let v): operation = TaskOperation(.release, v.semaphore.rawValue)
        case .tick(let v): operation = TaskOperation(.tick, v.timer.rawValue)
        case .timerFire(let v): operation = TaskOperation(.timerFired, v.timer.rawValue)
        case .tickerStop(let v): operation = TaskOperation(.stop, v.timer.rawValue)
        case .timerStop(let v): operation = TaskOperation(.stop, v.timer.rawValue)
        case .taskCancel(let v): operation = TaskOperation(.cancel, v.task.rawValue)
        case .trySendMiss(let v): operation = TaskOperation(.trySendMiss, v.channel.rawValue)
        case .tryReceiveMiss(let v): operation = TaskOperation(.tryReceiveMiss, v.channel.rawValue)
        case .receiveTimeout(let v): operation = TaskOperation(.receiveTimeout, v.channel.rawValue)
        default: return nil
        }
        return (e.task, operation)
    }

    /// Adds the operation `e` stands for, if any. Events recorded outside any task are skipped.
    public mutating func add(_ e: Event) {
        guard let (task, operation) = Self.operation(of: e), task != .none else { return }
        append(operation, of: task)
    }

    /// Adds `operation` at the end of `task`'s sequence.
    @inline(__always)
    mutating func append(_ operation: TaskOperation, of task: TaskID) {
        let t = index.position(task.rawValue, in: &tasks) { task }
        if t == sequences.count { sequences.append(PeriodicSequence()) }
        sequences[t].append(operation)
    }
}
