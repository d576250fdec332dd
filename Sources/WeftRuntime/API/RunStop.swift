/// Stops a run from outside it, as Ctrl-C should: `request` may be called from any thread (a signal watcher's, for
/// one) at any time, before, during or after the run.
///
/// The caller of `request` records nothing and runs none of the program: it only hands the stop to the thread that
/// called `Weft.run`, which cancels every task through the runtime (each wait in progress, and every later one,
/// throws `RuntimeError` `.cancelled`), waits for the tasks to end, and finishes the trace with the outcome
/// `stopped`. `Weft.run` then throws `RuntimeError` `.stopped` carrying the run's report. Code that never waits is
/// not interrupted.
public final class RunStop: @unchecked Sendable {
    private let lock = PThreadLock()
    private var reason: String?
    private var onRequest: (@Sendable (String) -> Void)?

    public init() {}

    /// Asks the run to stop; `why` (e.g. "stopped by SIGINT") becomes the run's message. Only the first request
    /// counts. Never blocks and never runs program code.
    public func request(_ why: String) {
        let action: (@Sendable (String) -> Void)? = lock.withLock {
            guard reason == nil else { return nil }
            reason = why
            return onRequest
        }
        action?(why)
    }

    /// Why the stop was asked for, or nil if it was not.
    public var requested: String? { lock.withLock { reason } }

    /// Routes requests to `action` from now on (at once if one came earlier); `Weft.run` connects its run here.
    func connect(_ action: @escaping @Sendable (String) -> Void) {
        let earlier: String? = lock.withLock {
            onRequest = action
            return reason
        }
        if let earlier { action(earlier) }
    }

    /// Stops routing requests (the run is over).
    func disconnect() {
        lock.withLock { onRequest = nil }
    }
}
