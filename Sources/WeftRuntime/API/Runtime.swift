import WeftTrace

/// The handle a program gets from `Weft.run`: it spawns tasks, makes channels and locks, sleeps, and annotates
/// the trace. The same program runs unchanged under either scheduler.
public final class Runtime: Sendable {
    let core: RunCore

    init(core: RunCore) { self.core = core }

    /// The scheduler running this program.
    public var scheduler: SchedulerKind { core.kind }

    /// Starts a task running `body` (under thread-per-task, on a new OS thread).
    /// - Parameters:
    ///   - name: the task's name in the trace and in deadlock reports.
    ///   - file, line: the spawn site, recorded with `taskCreate`.
    /// - Returns: a handle whose `value` waits for the result. If the task could not be started (no thread), the run
    ///   fails with `.threadLimit` and `value` throws that error.
    @discardableResult
    public func spawn<T: Sendable>(_ name: String, file: StaticString = #fileID, line: UInt = #line,
                                   _ body: @escaping @Sendable () async throws -> T) -> TaskHandle<T> {
        core.spawn(name, site: "\(file):\(line)", isMain: false, body)
    }

    /// Makes a channel; `capacity` 0 is unbuffered (each send waits for its receiver).
    public func channel<T: Sendable>(of type: T.Type = T.self, capacity: Int = 0, name: String = "") -> Channel<T> {
        Channel(core: core, capacity: capacity, name: name)
    }

    /// Makes a mutex.
    public func mutex(_ name: String = "") -> TaskMutex { TaskMutex(core: core, name: name) }

    /// Makes a wait group.
    public func waitGroup(_ name: String = "") -> WaitGroup { WaitGroup(core: core, name: name) }

    /// Makes a condition variable bound to `mutex`.
    public func condition(_ mutex: TaskMutex, name: String = "") -> Condition { Condition(core: core, mutex: mutex, name: name) }

    /// Makes a readers-writer lock (any number of readers, or one writer; waiting writers go first).
    public func rwMutex(_ name: String = "") -> RWMutex { RWMutex(core: core, name: name) }

    /// Makes a once: its `run` body runs exactly once, however many tasks call it.
    public func once(_ name: String = "") -> Once { Once(core: core, name: name) }

    /// Makes a weighted semaphore with `permits` permits (negative counts as 0).
    public func semaphore(permits: Int, name: String = "") -> Semaphore { Semaphore(core: core, permits: permits, name: name) }

    /// Makes a ticker that ticks every `period`, starting now, on the run's clock.
    /// - Throws: `RuntimeError` (`.misuse`) when `period` is not positive.
    public func ticker(every period: Duration, name: String = "") throws(RuntimeError) -> Ticker {
        guard period.wholeNanoseconds > 0 else {
            throw RuntimeError(kind: .misuse, message: "ticker \"\(name)\" needs a positive period, not \(period): "
                + "pass a duration above zero to rt.ticker(every:)")
        }
        return Ticker(core: core, period: period, name: name)
    }

    /// Makes a timer that fires once, `delay` from now on the run's clock (Go's `time.NewTimer`).
    public func timer(after delay: Duration, name: String = "") -> OneShotTimer { OneShotTimer(core: core, delay: delay, name: name) }

    /// The run's clock, the one its sleeps and timeouts use: monotonic time, or under the deterministic scheduler its
    /// virtual time. A program that times itself with it stays deterministic there (`later - earlier` is a duration).
    public var now: Duration { .nanoseconds(Int64(clamping: core.timer.now())) }

    /// Suspends the calling task (not its thread) for `duration`.
    /// - Throws: `RuntimeError` (`.cancelled`) when the run shuts down while sleeping.
    public func sleep(for duration: Duration) async throws {
        let nanoseconds = duration.wholeNanoseconds
        core.tracer?.record(SleepEvent(duration: nanoseconds))
        let deadline = core.timer.now() &+ nanoseconds
        _ = try await park(core, holding: NoParkLock()) {
            .wait(WaitSite(.sleep, deadline: deadline))
        } enqueue: { _ in }
    }

    /// Lets other tasks run; the calling task is runnable again at once.
    public func yield() async {
        ThreadLocals.endReason = .yielded
        await Task.yield()
    }

    /// Records a message in the trace.
    public func log(_ message: String, category: String = "log") {
        guard let tracer = core.tracer else { return }
        tracer.record(LogEvent(category: tracer.intern(category), message: tracer.intern(message)))
    }

    /// Runs `body` as a named region of the calling task's code in the trace.
    public func region<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
        guard let tracer = core.tracer else { return try await body() }
        let id = tracer.intern(name)
        tracer.record(RegionBeginEvent(name: id))
        defer { tracer.record(RegionEndEvent(name: id)) }
        return try await body()
    }
}
