import WeftTrace

/// Ticks every `period` on the run's clock, as Go's `time.Ticker` and tokio's `interval`: tick *n* is due `n × period`
/// after the ticker was made. `next()` waits for the next tick not yet taken; ticks that passed while no task was
/// waiting are skipped (counted as `missed` in the `tick` event), as Go drops ticks for a slow receiver.
///
/// The wait has a deadline, so a task waiting for a tick never counts towards a deadlock. Under the deterministic
/// scheduler the ticks fall on virtual time. Traced as `tickerMake`, `tick` and `tickerStop`, and `timer` blocks.
public final class Ticker: @unchecked Sendable {
    public let name: String
    public let id: TimerID
    /// The time between ticks.
    public let period: Duration
    let core: RunCore

    private let periodNanoseconds: UInt64
    private let start: UInt64
    private let lock = PThreadLock()
    private var lastTick: UInt64 = 0
    private var stopped = false
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, period: Duration, name: String) {
        self.core = core
        self.name = name
        self.period = period
        periodNanoseconds = period.wholeNanoseconds
        start = core.timer.now()
        id = TimerID(core.newObjectID())
        core.tracer?.record(TickerMakeEvent(timer: id, period: periodNanoseconds, name: core.string(name)))
    }

    private static let stoppedIndex = 0, tickIndex = 1, deadlineIndex = 2

    /// Waits for the next tick and returns its number (from 1); nil once the ticker is stopped.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when the
    ///   run shuts down.
    public func next() async throws -> Int? {
        while true {
            var tick: UInt64 = 0
            let outcome = try await park(core, holding: lock) {
                if stopped { return .proceed(Self.stoppedIndex) }
                let due = (core.timer.now() &- start) / periodNanoseconds
                if due > lastTick {
                    core.tracer?.record(TickEvent(timer: id, tick: due, missed: due - lastTick - 1))
                    lastTick = due
                    tick = due
                    return .proceed(Self.tickIndex)
                }
                return .wait(WaitSite(.timer, object: id.rawValue, name: name,
                                      deadline: start &+ (lastTick + 1) &* periodNanoseconds, timeoutIndex: Self.deadlineIndex))
            } enqueue: { token in
                _ = waiters.hasWaiting()  // forget the waits the timer already ended
                waiters.enqueue(token)
            }
            switch outcome {
            case Self.tickIndex: return Int(tick)
            case Self.deadlineIndex: continue  // due now: take it
            default: return nil
            }
        }
    }

    /// Stops the ticker: no more ticks; tasks waiting in `next()` get nil. Stopping again does nothing.
    public func stop() {
        lock.lock()
        if stopped {
            lock.unlock()
            return
        }
        stopped = true
        core.tracer?.record(TickerStopEvent(timer: id))
        let woken = waiters.claimAll()
        lock.unlock()
        for token in woken { core.wake(token) }
    }

    /// Whether the ticker has been stopped.
    public var isStopped: Bool { lock.withLock { stopped } }
}
