import WeftTrace

/// Fires once, `delay` after it was made on the run's clock, unless stopped first: Go's `time.Timer` (named so that it
/// does not clash with Foundation's `Timer`).
///
/// `wait()` returns true once the timer has fired, false if it was stopped first. The wait has a deadline, so it
/// never counts towards a deadlock; under the deterministic scheduler it fires on virtual time. Traced as
/// `timerMake`, `timerFire` (by the first task that sees it fire) or `timerStop`, and `timer` blocks.
public final class OneShotTimer: @unchecked Sendable {
    public let name: String
    public let id: TimerID
    /// The time from making the timer until it fires.
    public let delay: Duration
    let core: RunCore

    private enum State { case pending, fired, stopped }

    private let deadline: UInt64
    private let lock = PThreadLock()
    private var state = State.pending
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, delay: Duration, name: String) {
        self.core = core
        self.name = name
        self.delay = delay
        let nanoseconds = delay.wholeNanoseconds
        deadline = core.timer.now() &+ nanoseconds
        id = TimerID(core.newObjectID())
        core.tracer?.record(TimerMakeEvent(timer: id, delay: nanoseconds, name: core.string(name)))
    }

    private static let stoppedIndex = 0, firedIndex = 1, deadlineIndex = 2

    /// Marks the timer fired if its deadline has passed. Call holding the lock.
    private func fireIfDueLocked() {
        if state == .pending && core.timer.now() >= deadline {
            state = .fired
            core.tracer?.record(TimerFireEvent(timer: id))
        }
    }

    /// Waits until the timer fires (true) or is stopped (false); returns at once if either has happened.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when the
    ///   run shuts down.
    public func wait() async throws -> Bool {
        while true {
            let outcome = try await park(core, holding: lock) {
                fireIfDueLocked()
                switch state {
                case .fired: return .proceed(Self.firedIndex)
                case .stopped: return .proceed(Self.stoppedIndex)
                case .pending:
                    return .wait(WaitSite(.timer, object: id.rawValue, name: name, deadline: deadline,
                                          timeoutIndex: Self.deadlineIndex))
                }
            } enqueue: { token in
                _ = waiters.hasWaiting()
                waiters.enqueue(token)
            }
            switch outcome {
            case Self.deadlineIndex: continue  // due now: see it fire
            case Self.firedIndex: return true
            default: return false
            }
        }
    }

    /// Stops the timer if it has not fired yet; its waiters get false.
    /// - Returns: true when this call stopped it (false: it had fired, or was stopped already), as Go's `Stop`.
    @discardableResult
    public func stop() -> Bool {
        lock.lock()
        fireIfDueLocked()
        guard state == .pending else {
            lock.unlock()
            return false
        }
        state = .stopped
        core.tracer?.record(TimerStopEvent(timer: id))
        let woken = waiters.claimAll()
        lock.unlock()
        for token in woken { core.wake(token) }
        return true
    }

    /// Whether the timer has fired (its deadline has passed and it was not stopped first).
    public var hasFired: Bool {
        lock.withLock {
            fireIfDueLocked()
            return state == .fired
        }
    }
}
