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
    /// The mean cost of creating a task: the CPU time the creating thread spends in `spawn()` (creating the task's OS
    /// thread included under thread-per-task), per task. CPU time, not wall time: time the creator spent waiting for
    /// a CPU while other threads (its new task threads, CPU-bound siblings) held every core is not creation cost.
    /// Every spawn of a run's first 255 tasks is measured, then one in 16 (the CPU clock is a system call).
    public var meanSpawnNanoseconds: Double
    /// The run's peak resident memory (bytes): the kernel's high-water mark since the run began (VmHWM, reset at
    /// its start), or the highest resident memory the run's sampler read (traced runs) when that is higher — the
    /// kernel raises its mark lazily, so it can end a little below a sample. Recorded as `peak_rss_bytes`.
    public var peakResidentBytes: UInt64
    public var eventsRecorded: UInt64
    public var eventsDropped: UInt64
    public var traceBytes: UInt64
    public var tracePath: String?

    public init(scheduler: SchedulerKind, outcome: RunOutcome, wallNanoseconds: UInt64 = 0, tasksCreated: Int = 0,
                threadsCreated: Int = 0, peakThreadsAlive: Int = 0, meanSpawnNanoseconds: Double = 0,
                peakResidentBytes: UInt64 = 0, eventsRecorded: UInt64 = 0, eventsDropped: UInt64 = 0,
                traceBytes: UInt64 = 0, tracePath: String? = nil) {
        self.scheduler = scheduler
        self.outcome = outcome
        self.wallNanoseconds = wallNanoseconds
        self.tasksCreated = tasksCreated
        self.threadsCreated = threadsCreated
        self.peakThreadsAlive = peakThreadsAlive
        self.meanSpawnNanoseconds = meanSpawnNanoseconds
        self.peakResidentBytes = peakResidentBytes
        self.eventsRecorded = eventsRecorded
        self.eventsDropped = eventsDropped
        self.traceBytes = traceBytes
        self.tracePath = tracePath
    }
}
