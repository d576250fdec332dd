@_spi(ExperimentalScheduling) import _Concurrency

/// `Task.sleep` asks the preferred task executor to run the sleeping task's job later: Weft records it as a sleep
/// and lets its own timer resume the task (see `RunCore.sleepSwiftJob`).
extension TaskRecord: SchedulingExecutor {
    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        core.sleepSwiftJob(UnownedJob(job), nanoseconds: Self.nanoseconds(delay), arrivedAt: self)
    }

    func enqueue<C: Clock>(_ job: consuming ExecutorJob, at instant: C.Instant, tolerance: C.Duration?, clock: C) {
        core.sleepSwiftJob(UnownedJob(job), nanoseconds: Self.nanoseconds(clock.now.duration(to: instant)),
                           arrivedAt: self)
    }

    /// A delay in nanoseconds (0 when it is negative or of a clock whose durations are not `Duration`).
    private static func nanoseconds<D>(_ delay: D) -> UInt64 {
        guard let duration = delay as? Duration, duration > .zero else { return 0 }
        return duration.wholeNanoseconds
    }
}
