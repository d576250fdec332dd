import WeftTrace

/// The deterministic scheduler's half of the clock seam: a virtual clock that only moves when the scheduler moves it
/// (one slice at a time, or straight to the next deadline when no task can run), and the deadlines waiting on it.
/// It has no thread: the scheduler's thread reads and fires it.
final class VirtualTimer: DeadlineTimer, @unchecked Sendable {
    /// The virtual clock, shared with the trace recorder when the run is traced.
    let clock: VirtualTraceClock
    // Only on the scheduler's thread:
    private var timers = VirtualTimers()

    init(clock: VirtualTraceClock) { self.clock = clock }

    /// The virtual time in nanoseconds.
    func now() -> UInt64 { clock.nanoseconds }

    /// Adds a virtual deadline; called inside a slice, on the scheduler's thread.
    func schedule(at deadline: UInt64, _ token: WaitToken, index: Int) {
        timers.add(at: deadline, token, index: index)
    }

    /// The scheduler's thread is also the timer's: nothing to start.
    func start(core: RunCore) throws(ThreadStartFailure) {}
    func requestStop() {}
    func join() {}
    /// No thread to poll from: the deterministic scheduler's single thread reads completions after actor jobs only.
    func pollForEndsOutside() {}

    /// Removes every wait due at the earliest pending deadline (skipping those already resumed), with that deadline.
    func popEarliest() -> (deadline: UInt64, due: [VirtualTimers.Entry])? { timers.popEarliest() }

    /// Forgets every deadline (at the end of the run).
    func removeAll() { timers.removeAll() }
}
