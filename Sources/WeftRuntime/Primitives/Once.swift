import WeftTrace

/// Runs a body exactly once however many tasks ask, as Go's `sync.Once` and Rust's `std::sync::Once`: the first
/// caller of `run` runs it; callers arriving while it runs wait until it has ended; later callers return at once.
///
/// As in Go, a body that throws still counts as done: its error goes to the task that ran it only. Traced as
/// `onceMake`, `onceBegin`/`onceEnd` around the body (on the task that ran it), and `once` blocks for the waiters.
public final class Once: @unchecked Sendable, WaitTarget {
    public let name: String
    public let id: OnceID
    let core: RunCore

    private enum State { case fresh, running(TaskID), done }

    private let lock = PThreadLock()
    private var state = State.fresh
    private var waiters = WaitQueue<WaitToken>()

    init(core: RunCore, name: String) {
        self.core = core
        self.name = name
        id = OnceID(core.newObjectID())
        core.tracer?.record(OnceMakeEvent(once: id, name: core.string(name)))
    }

    var waitOwner: TaskID? {
        lock.withLock { if case .running(let task) = state { task } else { nil } }
    }

    /// Whether the body has run (and ended).
    public var isDone: Bool { lock.withLock { if case .done = state { true } else { false } } }

    /// Runs `body` if no task has run it yet; otherwise waits until the task running it is done.
    /// - Returns: true when this call ran the body.
    /// - Throws: what `body` threw (to the task that ran it only); `CancellationError` when the task is cancelled
    ///   while waiting; `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    @discardableResult
    public func run(_ body: () async throws -> Void) async throws -> Bool {
        let me = ThreadLocals.currentTask?.id ?? .none
        let verdict = try await park(core, holding: lock) {
            switch state {
            case .done:
                return .proceed(0)
            case .fresh:
                state = .running(me)
                core.tracer?.record(OnceBeginEvent(once: id))
                return .proceed(1)
            case .running(let runner):
                if runner == me && me != .none {
                    lock.unlock()
                    preconditionFailure("once \(id) \"\(name)\" is run again from inside its own body by task \(me)")
                }
                return .wait(WaitSite(.once, object: id.rawValue, name: name, target: self))
            }
        } enqueue: { token in
            waiters.enqueue(token)
        }
        guard verdict == 1 else { return false }  // done already, or woken once it was
        defer {
            lock.lock()
            state = .done
            core.tracer?.record(OnceEndEvent(once: id))
            let woken = waiters.claimAll()
            lock.unlock()
            for token in woken { core.wake(token) }
        }
        try await body()
        return true
    }
}
