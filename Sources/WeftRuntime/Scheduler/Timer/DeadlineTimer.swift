/// The clock of a run's sleeps and select timeouts, and what resumes them at their deadlines: the second half of the
/// scheduler seam (a deterministic scheduler would bring a virtual clock here).
protocol DeadlineTimer: AnyObject, Sendable {
    /// The current time on this timer's clock, in nanoseconds (deadlines are on the same clock).
    func now() -> UInt64

    /// Resumes `token` with `index` at `deadline` unless someone else claims it first.
    func schedule(at deadline: UInt64, _ token: WaitToken, index: Int)

    /// Starts the timer's thread, if it has one; it calls `core.startGate.arrive()` once ready.
    func start(core: RunCore) throws(ThreadStartFailure)

    /// Tells the timer to stop, waking it; `join` waits for it.
    func requestStop()

    /// Waits for the timer's thread to end (after `requestStop`).
    func join()

    /// Makes sure the timer reads, about every millisecond while any are watched, the unstructured tasks that may
    /// complete where Weft runs no job (`ActorEndWatch.pollCompleted`), and ends those that have.
    func pollForEndsOutside()
}
