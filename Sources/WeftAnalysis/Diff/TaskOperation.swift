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

/// Every task's operations in order, recorded from the events alongside the timeline model.
public struct TaskOperations: Sendable {
    /// The operations of each task, by id.
    public private(set) var byTask: [TaskID: [TaskOperation]] = [:]

    public init(byTask: [TaskID: [TaskOperation]] = [:]) { self.byTask = byTask }

    /// The operations of one task (empty when it did none).
    public subscript(task: TaskID) -> [TaskOperation] { byTask[task] ?? [] }

    /// The operation an event stands for, and the task that did it; nil for events that are not operations.
    public static func operation(of e: Event) -> (task: TaskID, operation: TaskOperation)? {
        let a = e.args
        switch e.kind {
        case .taskCreate:
            let parent = TaskID(a.a1)
            return parent == .none ? nil : (parent, TaskOperation(.spawn, a.a0))
        case .block:
            return a.a0 == BlockReason.join.rawValue ? (e.task, TaskOperation(.join, a.a1)) : nil
        case .send: return (e.task, TaskOperation(.send, a.a0))
        case .sendFailed: return (e.task, TaskOperation(.sendClosed, a.a0))
        case .receive: return (e.task, TaskOperation(a.a1 == 0 ? .receiveClosed : .receive, a.a0))
        case .close: return (e.task, TaskOperation(.close, a.a0))
        case .select: return (e.task, TaskOperation(.select, a.a2))
        case .lockAcquire: return (e.task, TaskOperation(.lock, a.a0))
        case .lockRelease: return (e.task, TaskOperation(.unlock, a.a0))
        case .waitGroupAdd: return (e.task, TaskOperation(.waitGroupAdd, a.a0))
        case .waitGroupDone: return (e.task, TaskOperation(.waitGroupDone, a.a0))
        case .waitGroupWait: return (e.task, TaskOperation(.waitGroupWait, a.a0))
        case .conditionWait: return (e.task, TaskOperation(.conditionWait, a.a0))
        case .conditionSignal: return (e.task, TaskOperation(.signal, a.a0))
        case .conditionBroadcast: return (e.task, TaskOperation(.broadcast, a.a0))
        case .sleep: return (e.task, TaskOperation(.sleep))
        case .readAcquire: return (e.task, TaskOperation(.readLock, a.a0))
        case .readRelease: return (e.task, TaskOperation(.readUnlock, a.a0))
        case .onceBegin: return (e.task, TaskOperation(.onceRun, a.a0))
        case .semaphoreAcquire: return (e.task, TaskOperation(.acquire, a.a0))
        case .semaphoreRelease: return (e.task, TaskOperation(.release, a.a0))
        case .tick: return (e.task, TaskOperation(.tick, a.a0))
        case .timerFire: return (e.task, TaskOperation(.timerFired, a.a0))
        case .tickerStop, .timerStop: return (e.task, TaskOperation(.stop, a.a0))
        case .taskCancel: return (e.task, TaskOperation(.cancel, a.a0))
        case .trySendMiss: return (e.task, TaskOperation(.trySendMiss, a.a0))
        case .tryReceiveMiss: return (e.task, TaskOperation(.tryReceiveMiss, a.a0))
        case .receiveTimeout: return (e.task, TaskOperation(.receiveTimeout, a.a0))
        default: return nil
        }
    }

    /// Adds the operation `e` stands for, if any. Events recorded outside any task are skipped.
    public mutating func add(_ e: Event) {
        guard let (task, operation) = Self.operation(of: e), task != .none else { return }
        byTask[task, default: []].append(operation)
    }
}
