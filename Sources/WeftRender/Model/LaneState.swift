/// What a task is doing during a span of its lane, as the picture distinguishes it.
public enum LaneState: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// On a thread, executing.
    case running
    /// Ready to run, waiting for a thread.
    case runnable
    /// Blocked sending to or receiving from a channel, or in a select.
    case channel
    /// Blocked acquiring a mutex.
    case mutex
    /// Blocked on a wait group.
    case waitGroup
    /// Blocked joining (awaiting) another task.
    case join
    /// Blocked on a condition variable.
    case condition
    /// Sleeping for a set time.
    case sleeping
    /// Blocked for a reason the trace does not say.
    case unknown

    /// Whether the task is blocked or asleep (drawn as a thinner bar than running or runnable).
    public var isWaiting: Bool { self != .running && self != .runnable }

    public var description: String {
        switch self {
        case .running: "running"
        case .runnable: "runnable"
        case .channel: "blocked on channel"
        case .mutex: "blocked on mutex"
        case .waitGroup: "blocked on wait group"
        case .join: "joining a task"
        case .condition: "blocked on condition"
        case .sleeping: "sleeping"
        case .unknown: "blocked (reason unknown)"
        }
    }
}
