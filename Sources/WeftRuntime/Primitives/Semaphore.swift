import WeftTrace

/// A weighted semaphore, as Go's `golang.org/x/sync/semaphore` and tokio's `Semaphore`: a pool of `permits` that
/// tasks take some of (`acquire(weight)`) and give back (`release(weight)`).
///
/// First come, first served: a waiter wanting more permits than are free holds back the waiters behind it, so a
/// heavy acquirer is never starved by light ones. Permits are handed over: a release grants them to the waiters it
/// wakes. Traced as `semaphoreMake`, `semaphoreAcquire` and `semaphoreRelease` (each with the permits left free),
/// and `semaphore` blocks.
public final class Semaphore: @unchecked Sendable {
    public let name: String
    public let id: SemaphoreID
    /// How many permits there are in all.
    public let permits: Int
    let core: RunCore

    /// A task waiting for `weight` permits.
    fileprivate struct PermitWaiter: Waiter {
        let token: WaitToken
        let weight: Int
        var index: Int { 0 }
    }

    private let lock = PThreadLock()
    private var free: Int
    private var waiters = WaitQueue<PermitWaiter>()

    init(core: RunCore, permits: Int, name: String) {
        self.core = core
        self.name = name
        self.permits = max(0, permits)
        free = self.permits
        id = SemaphoreID(core.newObjectID())
        core.tracer?.record(SemaphoreMakeEvent(semaphore: id, permits: UInt64(self.permits), name: core.string(name)))
    }

    /// The permits free now.
    public var available: Int { lock.withLock { free } }

    /// Takes `weight` permits, waiting until they are free and every earlier waiter has been served.
    /// - Throws: `RuntimeError` (`.misuse`) at once when `weight` is negative or above `permits` (it could never be
    ///   served); `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when
    ///   the run shuts down.
    public func acquire(_ weight: Int = 1) async throws {
        try check(weight)
        do {
            let immediate = try await park(core, holding: lock) {
                if !waiters.hasWaiting() && free >= weight {
                    free -= weight
                    core.tracer?.record(SemaphoreAcquireEvent(semaphore: id, weight: UInt64(weight), available: UInt64(free)))
                    return .proceed(1)
                }
                return .wait(WaitSite(.semaphore, object: id.rawValue, name: name))
            } enqueue: { token in
                waiters.enqueue(PermitWaiter(token: token, weight: weight))
            }
            if immediate == 0 {  // granted by the release that woke this task
                lock.withLock {
                    core.tracer?.record(SemaphoreAcquireEvent(semaphore: id, weight: UInt64(weight), available: UInt64(free)))
                }
            }
        } catch {
            grantAndWake()  // waiters held back behind this one may fit now
            throw error
        }
    }

    /// Takes `weight` permits if they are free and no one waits; never waits.
    /// - Throws: `RuntimeError` (`.misuse`) when `weight` is negative or above `permits`.
    public func tryAcquire(_ weight: Int = 1) throws(RuntimeError) -> Bool {
        try check(weight)
        return lock.withLock {
            guard !waiters.hasWaiting() && free >= weight else { return false }
            free -= weight
            core.tracer?.record(SemaphoreAcquireEvent(semaphore: id, weight: UInt64(weight), available: UInt64(free)))
            return true
        }
    }

    /// Gives back `weight` permits and grants them to the waiters, in order, as far as they go.
    /// - Warning: releasing more permits than are held stops the program (as Go's semaphore panics).
    public func release(_ weight: Int = 1) {
        lock.lock()
        guard weight >= 0, free + weight <= permits else {
            let now = free
            lock.unlock()
            preconditionFailure("release of \(weight) permits of semaphore \(id) \"\(name)\" with \(now) of \(permits) "
                + "free: more permits released than acquired")
        }
        free += weight
        core.tracer?.record(SemaphoreReleaseEvent(semaphore: id, weight: UInt64(weight), available: UInt64(free)))
        lock.unlock()
        grantAndWake()
    }

    /// Runs `body` holding `weight` permits.
    public func withPermits<R: Sendable>(_ weight: Int = 1, _ body: () async throws -> R) async throws -> R {
        try await acquire(weight)
        defer { release(weight) }
        return try await body()
    }

    private func check(_ weight: Int) throws(RuntimeError) {
        guard weight >= 0 && weight <= permits else {
            throw RuntimeError(kind: .misuse, message: "cannot acquire \(weight) permits of semaphore \(id) "
                + "\"\(name)\", which has \(permits) in all: ask for 0...\(permits), or make the semaphore larger")
        }
    }

    /// Grants free permits to the waiters in order, as long as the first one fits, and wakes them.
    private func grantAndWake() {
        lock.lock()
        var woken: [WaitToken] = []
        while let next = waiters.claimFirst(if: { $0.weight <= free }) {
            free -= next.weight
            woken.append(next.token)
        }
        lock.unlock()
        for token in woken { core.wake(token) }
    }
}

extension Semaphore {
    /// Runs the wait queue's paths once on a queue no task waits in (see `WaitPathWarmUp`).
    static func warmUpWaitPath() {
        var queue = WaitQueue<PermitWaiter>()
        queue.enqueue(PermitWaiter(token: WaitToken(resumingNoOne: ()), weight: 1))
        _ = queue.hasWaiting()
        _ = queue.claimFirst(if: { $0.weight <= 1 })
    }
}
