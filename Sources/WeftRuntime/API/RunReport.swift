import WeftTrace

/// What a run did and cost.
public struct RunReport: Sendable {
    public var scheduler: SchedulerKind
    public var outcome: RunOutcome
    /// The run's wall time, defined once for every figure (see docs/analysis.md, "Wall time"): from the caller's
    /// `threadStart` (after the trace clock's calibration) to `runFinish` (after every task ended and the scheduler's
    /// threads were joined). Traced, it is read from the trace's own clock and equals `RunInfo.wallTime` of the
    /// trace; untraced, the same two points on CLOCK_MONOTONIC.
    public var wallNanoseconds: UInt64
    public var tasksCreated: Int
    /// OS threads the scheduler created: workers, task threads and the timer.
    public var threadsCreated: Int
    public var peakThreadsAlive: Int
    /// Mean time for `spawn()` to return, thread creation included under thread-per-task.
    public var meanSpawnNanoseconds: Double
    public var eventsRecorded: UInt64
    public var eventsDropped: UInt64
    public var traceBytes: UInt64
    public var tracePath: String?

    public init(scheduler: SchedulerKind, outcome: RunOutcome, wallNanoseconds: UInt64 = 0, tasksCreated: Int = 0,
                threadsCreated: Int = 0, peakThreadsAlive: Int = 0, meanSpawnNanoseconds: Double = 0,
                eventsRecorded: UInt64 = 0, eventsDropped: UInt64 = 0, traceBytes: UInt64 = 0, tracePath: String? = nil) {
        self.scheduler = scheduler
        self.outcome = outcome
        self.wallNanoseconds = wallNanoseconds
        self.tasksCreated = tasksCreated
        self.threadsCreated = threadsCreated
        self.peakThreadsAlive = peakThreadsAlive
        self.meanSpawnNanoseconds = meanSpawnNanoseconds
        self.eventsRecorded = eventsRecorded
        self.eventsDropped = eventsDropped
        self.traceBytes = traceBytes
        self.tracePath = tracePath
    }
}
