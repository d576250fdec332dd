/// What a task is doing during a span of its lane, as the picture distinguishes it.
public enum LaneState: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// On a thread, executing.
    case running
    /// Ready to run, waiting for a free thread or a CPU (under thread-per-task: its own thread exists and waits for
    /// the OS to schedule it; multiplexed: every pool thread is busy).
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
    /// Ready to run, but its own thread (thread-per-task) has not been created yet.
    case awaitingThread
    /// Ready to run while a pool thread of the multiplexed scheduler sat idle: the time that thread took to wake up.
    /// Under thread-per-task, a woken task ready while fewer threads ran than there are cores (`WokenThreadLatency`):
    /// the time the OS took to run its woken thread.
    case wakeLatency
    /// After the runtime detected a deadlock: the task is being cancelled (woken with an error, unwinding).
    case cancelled
    /// Suspended on Swift work Weft does not see (an actor, a continuation, Swift child tasks): it shares join's
    /// colour, since it too awaits other work, and is told apart by its hatching.
    case suspended
    /// Waiting to enter a busy actor (the task's next code ran on it): lock-like, it shares mutex's colour and is told
    /// apart by its hatching.
    case actor
    /// Ready to run while a pool thread idled, after the pool had signalled that thread to take work: the time the OS
    /// took to run the woken thread (the trace's `threadWake`), not the scheduler's. Drawn as wake-up latency is (both
    /// are a parked thread waking); the header's sentence gives the OS's share.
    case osWakeDelay
    /// Running on its thread while more threads ran tasks than the machine has cores: the OS can have left its thread
    /// waiting for a CPU for part of it, so the trace's "running" is "running or waiting for a CPU" here. Hatched in
    /// running's colour.
    case runningOrWaitingForCPU
    /// Ready to run (thread-per-task) while its own thread ran an actor's jobs for other tasks: an actor runs on
    /// whichever thread found it idle, and the task's next job waits in that thread's queue until the actor lets the
    /// thread go. Runnable's orange, cross-hatched.
    case ownThreadOnActor
    /// Ready to run (multiplexed) while a pool thread idled, yet queued behind the task that woke it on that task's
    /// own pool thread (the "next to run" slot, as Go's runnext): no thread was signalled for it, and it ran there as
    /// soon as its waker's slice ended (`QueuedBehindWaker`). Runnable's orange, hatched falling to the right.
    case queuedBehindWaker

    /// Whether the task is on its thread (running, or there while waiting for a CPU).
    public var isRunning: Bool { self == .running || self == .runningOrWaitingForCPU }
    /// Whether the task is blocked or asleep (drawn as a thinner bar than running or runnable).
    public var isWaiting: Bool { !isReady && !isRunning }
    /// Whether the state is drawn hatched rather than flat (it shares a colour with another state, or is not the
    /// program's own doing).
    public var isHatched: Bool {
        self == .awaitingThread || self == .cancelled || self == .suspended || self == .actor || self == .runningOrWaitingForCPU
            || self == .ownThreadOnActor || self == .queuedBehindWaker
    }
    /// How the state is patterned when `isHatched`: running or waiting for a CPU as a broken bar (mostly running), the
    /// rest with diagonal hatching.
    public var pattern: HatchPattern {
        switch self {
        case .runningOrWaitingForCPU: .broken
        case .ownThreadOnActor: .crossed
        case .queuedBehindWaker: .falling
        default: .diagonal
        }
    }
    /// Whether the task is ready to run and waits only for a thread or a CPU (the runnable family).
    public var isReady: Bool {
        self == .runnable || self == .awaitingThread || self == .wakeLatency || self == .osWakeDelay || self == .ownThreadOnActor
            || self == .queuedBehindWaker
    }

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
        case .awaitingThread: "waiting for its new thread to start"
        case .wakeLatency: "waiting for an idle pool thread or a woken thread to run"
        case .cancelled: "cancelled after the deadlock"
        case .suspended: "suspended on Swift work"
        case .actor: "waiting for an actor"
        case .osWakeDelay: "waiting for the OS to run a woken pool thread"
        case .runningOrWaitingForCPU: "running or waiting for a CPU"
        case .ownThreadOnActor: "waiting for its own thread, busy running an actor's jobs for others"
        case .queuedBehindWaker: "queued behind the task that woke it, on that task's pool thread"
        }
    }
}
