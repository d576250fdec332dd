import WeftTrace

/// What a task is doing during one of its state intervals.
public enum TaskState: Sendable, Equatable, Hashable {
    /// Running on this OS thread.
    case running(ThreadID)
    /// Ready to run, waiting for a thread; `cause` says how it became ready.
    case runnable(RunnableCause)
    /// Waiting for something: a channel, mutex, wait group, condition, select, or another task (`join`; the object is
    /// then the awaited task's raw id). `reason` is nil when the trace lacks the `block` event before the slice ended.
    /// The object comes first so that the one-byte reason packs after it: a `StateInterval` (one per state change,
    /// the model's largest per-event part) then takes 32 bytes instead of 40.
    case blocked(object: ObjectID, reason: BlockReason?)
    /// Sleeping for `duration` nanoseconds (a `sleep` event then a block with reason sleep).
    case sleeping(duration: UInt64)
    /// After the task ended. Never stored as an interval; `TaskTimeline.state(at:)` answers it.
    case finished

    /// Whether this state, entered straight from `previous`, is a lost lock: a task woken for a mutex that another
    /// task took before the woken one ran is blocked on the mutex again from that take to that task's release. A task
    /// enters any other mutex wait from running, when it asks for the lock.
    public func isLostLock(after previous: TaskState) -> Bool {
        guard case .runnable = previous, case .blocked(_, .mutex?) = self else { return false }
        return true
    }

    /// A short name for tables and legends: running, runnable, blocked, sleeping, finished.
    public var category: TaskStateCategory {
        switch self {
        case .running: .running
        case .runnable: .runnable
        case .blocked: .blocked
        case .sleeping: .sleeping
        case .finished: .finished
        }
    }
}

/// The state of a task without its details, for sums and legends.
public enum TaskStateCategory: Int, Sendable, CaseIterable, CustomStringConvertible {
    case running, runnable, blocked, sleeping, finished

    public var description: String {
        switch self {
        case .running: "running"
        case .runnable: "runnable"
        case .blocked: "blocked"
        case .sleeping: "sleeping"
        case .finished: "finished"
        }
    }
}

/// How a task became runnable.
public enum RunnableCause: Sendable, Equatable, Hashable {
    /// It was just created and has not run yet.
    case created
    /// It yielded its thread and was ready again at once.
    case yielded
    /// It was woken (`unblock`) by this task; `TaskID.none` when the waker was not a task (the timer thread).
    case woken(by: TaskID)
}

/// One interval of a task's life in one state. A task's intervals are contiguous: each starts where the previous
/// ended, from its creation to its end (or to the end of the trace).
public struct StateInterval: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var state: TaskState

    public init(start: UInt64, end: UInt64, state: TaskState) {
        self.start = start
        self.end = end
        self.state = state
    }
}
