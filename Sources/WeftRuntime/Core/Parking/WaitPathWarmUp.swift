/// Runs the primitives' wait and wake paths once per process, on queues no task waits in, before the first run's
/// first task exists.
///
/// The Swift runtime builds a generic type's metadata the first time code asks for it, and checks each of its
/// requirements (`ReceiveWaiter: Waiter`, `[WaitToken]: Collection`) by scanning every protocol conformance record
/// of the process once: measured here at 0.1–0.7 ms for the first task to end (the `weft` debug binary; 0.2–0.7 ms
/// in the committed release traces). Left to the run, the first send that woke a receiver, the first task to end
/// (waking its joiners, and with main the teardown) each paid it inside a task's run slice, so the trace drew that
/// task running for hundreds of microseconds after its last event, and a multiplexed pool thread busy while a task
/// it had woken waited in its queue. Paid here, the cost is the runtime's start-up, before main runs.
enum WaitPathWarmUp {
    /// Evaluated once per process (`Weft.run` reads it before spawning main).
    static let done: Void = {
        warmTokens()
        warmChannelWaiters()
        warmClaimedWaits()
        Semaphore.warmUpWaitPath()
        // A task's end: its boxed result (`TaskRecord.complete`) and the teardown's look at the waiting tasks. An
        // optimized build copies these through generic value witnesses that ask for the types' metadata; naming each
        // type (`_typeName` reads its metadata, and cannot be optimized away) has the runtime build it now.
        for type in typesOnWaitPaths { _ = _typeName(type) }
        let registry = TaskRegistry()
        for (_, token) in registry.waitingTasks() where token.claim() {}
        for task in registry.suspendedTasks() { _ = task.id }
    }()

    /// The generic types of the wait and end paths whose metadata an optimized build still asks for.
    private static let typesOnWaitPaths: [Any.Type] = [
        Result<any Sendable, any Error>?.self, Result<any Sendable, any Error>.self, RuntimeError?.self,
        WaitQueue<WaitToken>.self, WaitQueue<ReceiveWaiter>.self, WaitQueue<BlockedSender>.self,
        [WaitToken].self, [ReceiveWaiter].self, [BlockedSender].self, [ClaimedWait].self,
        [(TaskRecord, WaitToken)].self, (any WaitTarget)?.self, TaskPriority?.self,
    ]

    /// A fresh token to queue: each can be claimed once.
    private static func token() -> WaitToken { WaitToken(resumingNoOne: ()) }

    private static func warmTokens() {
        var queue = WaitQueue<WaitToken>()
        queue.enqueue(token())
        _ = queue.claimFirst()
        queue.enqueue(token())
        _ = queue.hasWaiting()
        _ = queue.claimFirst(if: { _ in true })
        queue.enqueue(token())
        for claimed in queue.claimAll() { _ = claimed.index }
        queue.remove(token())
    }

    private static func warmChannelWaiters() {
        let slot = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 1)
        defer { slot.deallocate() }
        var receivers = WaitQueue<ReceiveWaiter>()
        receivers.enqueue(ReceiveWaiter(token: token(), index: 0, slot: slot))
        _ = receivers.claimFirst()
        receivers.enqueue(ReceiveWaiter(token: token(), index: 0, slot: slot))
        for claimed in receivers.claimAll() { _ = claimed.index }
        receivers.remove(token())
        var senders = WaitQueue<BlockedSender>()
        senders.enqueue(BlockedSender(token: token(), index: 0))
        _ = senders.claimFirst()
        senders.enqueue(BlockedSender(token: token(), index: 0))
        _ = senders.hasWaiting()
        for claimed in senders.claimAll() { _ = claimed.index }
        senders.remove(token())
    }

    private static func warmClaimedWaits() {
        var claims: [ClaimedWait] = []
        claims.append(ClaimedWait(token: token(), index: 0))
        for claim in claims { _ = claim.token.claim() }
    }
}
