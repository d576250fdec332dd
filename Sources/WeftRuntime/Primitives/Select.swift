import WeftTrace

/// One case of `Runtime.select`: a receive, a send, a timeout, or the default.
public struct SelectCase<R: Sendable>: Sendable {
    enum Kind: Sendable {
        case channel(@Sendable () -> SelectArm<R>)
        case after(Duration, @Sendable () async throws -> R)
        case otherwise(@Sendable () async throws -> R)
    }

    let kind: Kind

    /// Receives from `channel`; the handler gets nil when the channel is closed and empty.
    public static func receive<T>(_ channel: Channel<T>, _ handler: @escaping @Sendable (T?) async throws -> R) -> SelectCase<R> {
        SelectCase(kind: .channel { ReceiveArm(channel, handler) })
    }

    /// Sends `value` to `channel`.
    public static func send<T>(_ value: T, to channel: Channel<T>, _ handler: @escaping @Sendable () async throws -> R) -> SelectCase<R> {
        SelectCase(kind: .channel { SendArm(value, channel, handler) })
    }

    /// Chosen when no other case is ready within `timeout` (Go's `time.After`).
    public static func after(_ timeout: Duration, _ handler: @escaping @Sendable () async throws -> R) -> SelectCase<R> {
        SelectCase(kind: .after(timeout, handler))
    }

    /// Chosen at once when no other case is ready (Go's `default`).
    public static func otherwise(_ handler: @escaping @Sendable () async throws -> R) -> SelectCase<R> {
        SelectCase(kind: .otherwise(handler))
    }
}

/// One channel case of a select, made fresh for each select call.
class SelectArm<R: Sendable>: @unchecked Sendable {
    /// The channel's id: selects lock their channels in id order.
    var channelID: UInt64 { fatalError("abstract") }
    /// True for a send case: when woken, it tries again rather than completing.
    var isSend: Bool { false }
    func lock() {}
    func unlock() {}
    /// Holding the lock: performs the operation if it can complete now, recording `choice` and the operation.
    func attemptLocked(_ choice: SelectChoice) -> Bool { false }
    /// Holding the lock, before the select waits: wakes a blocked sender to come back (receive cases).
    func prepareToWaitLocked() {}
    /// Holding the lock: waits on the channel as case `index` of the select `token`.
    func register(_ token: WaitToken, index: Int) {}
    /// Takes the lock and forgets the select's waiters.
    func deregister(_ token: WaitToken) {}
    /// Finishes the chosen case (after the locks are released) and runs its handler. `woken` is the choice when the
    /// case completed while the select was parked (a receive handed its value), to be recorded now.
    func complete(woken: SelectChoice?) async throws -> R { fatalError("abstract") }
}

final class ReceiveArm<T: Sendable, R: Sendable>: SelectArm<R>, @unchecked Sendable {
    let channel: Channel<T>
    let handler: @Sendable (T?) async throws -> R
    private var attempt = ReceiveOutcome.empty
    private var value: T?
    private var waiter: ReceiveWaiter?
    private var slot: UnsafeMutablePointer<T>?

    init(_ channel: Channel<T>, _ handler: @escaping @Sendable (T?) async throws -> R) {
        self.channel = channel
        self.handler = handler
    }

    deinit {
        if let waiter, waiter.hasValue, let slot { slot.deinitialize(count: 1) }
        slot?.deallocate()
    }

    override var channelID: UInt64 { channel.id.rawValue }
    override func lock() { channel.lockForSelect() }
    override func unlock() { channel.unlockForSelect() }

    override func attemptLocked(_ choice: SelectChoice) -> Bool {
        attempt = channel.attemptReceiveLocked(select: choice)
        switch attempt {
        case .empty: return false
        case .value: value = channel.takeLocked()
        case .closed: break
        }
        return true
    }

    override func prepareToWaitLocked() { channel.wakeOneSenderLocked() }

    override func register(_ token: WaitToken, index: Int) {
        let slot = self.slot ?? .allocate(capacity: 1)
        self.slot = slot
        let waiter = ReceiveWaiter(token: token, index: index, slot: UnsafeMutableRawPointer(slot))
        self.waiter = waiter
        channel.addReceiver(waiter)
    }

    override func deregister(_ token: WaitToken) { channel.removeWaiters(of: token) }

    override func complete(woken: SelectChoice?) async throws -> R {
        if let woken, let waiter {
            channel.recordReceive(waiter.seq, woken)
            if waiter.hasValue, let slot {
                waiter.hasValue = false
                value = slot.move()
            }
        } else {
            channel.finishReceive(attempt)
        }
        return try await handler(value)
    }
}

final class SendArm<T: Sendable, R: Sendable>: SelectArm<R>, @unchecked Sendable {
    let value: T
    let channel: Channel<T>
    let handler: @Sendable () async throws -> R
    private var attempt = SendOutcome.full

    init(_ value: T, _ channel: Channel<T>, _ handler: @escaping @Sendable () async throws -> R) {
        self.value = value
        self.channel = channel
        self.handler = handler
    }

    override var channelID: UInt64 { channel.id.rawValue }
    override var isSend: Bool { true }
    override func lock() { channel.lockForSelect() }
    override func unlock() { channel.unlockForSelect() }

    override func attemptLocked(_ choice: SelectChoice) -> Bool {
        attempt = channel.attemptSendLocked(value, select: choice)
        if case .full = attempt { return false }
        return true
    }

    override func register(_ token: WaitToken, index: Int) {
        channel.addSender(BlockedSender(token: token, index: index))
    }

    override func deregister(_ token: WaitToken) { channel.removeWaiters(of: token) }

    override func complete(woken: SelectChoice?) async throws -> R {
        do {
            try channel.finishSend(attempt)
        } catch {
            channel.core.recordFailedSend(error)
            throw error
        }
        return try await handler()
    }
}

extension Runtime {
    /// Waits until one of `cases` can proceed, performs it, and returns its handler's result (Go's `select`).
    ///
    /// Ready cases are tried from a random starting point; with no ready case, `.otherwise` runs at once if given,
    /// else the task blocks until a channel case becomes ready or the `.after` timeout passes.
    /// - Throws: `ChannelError.closed` for a send case on a closed channel; `RuntimeError` (`.cancelled`) when the run
    ///   shuts down; whatever the chosen handler throws.
    public func select<R: Sendable>(_ cases: SelectCase<R>...) async throws -> R {
        try await select(cases)
    }

    /// `select` with the cases in an array.
    public func select<R: Sendable>(_ cases: [SelectCase<R>]) async throws -> R {
        var arms: [SelectArm<R>] = []
        var armCase: [Int] = []
        var timeout: (deadline: UInt64, handler: @Sendable () async throws -> R, index: Int)?
        var fallback: (@Sendable () async throws -> R)?
        let now = core.timer.now()
        for (index, selectCase) in cases.enumerated() {
            switch selectCase.kind {
            case .channel(let make):
                arms.append(make())
                armCase.append(index)
            case .after(let duration, let handler):
                let deadline = now &+ duration.wholeNanoseconds
                if timeout == nil || deadline < timeout!.deadline { timeout = (deadline, handler, index) }
            case .otherwise(let handler):
                fallback = handler
            }
        }
        // Lock each distinct channel once, in id order.
        var lockOrder: [SelectArm<R>] = []
        for arm in arms.sorted(by: { $0.channelID < $1.channelID }) where lockOrder.last?.channelID != arm.channelID {
            lockOrder.append(arm)
        }
        let locks = SelectLocks(lockOrder)
        let count = UInt64(cases.count)
        func choice(_ arm: Int) -> SelectChoice { SelectChoice(cases: count, chosen: armCase[arm]) }
        /// Tries the cases from a random start; the first that can complete does so (and is recorded).
        func attemptAll() -> Int? {
            guard !arms.isEmpty else { return nil }
            let start = Int.random(in: 0..<arms.count)
            for offset in 0..<arms.count {
                let index = (start + offset) % arms.count
                if arms[index].attemptLocked(choice(index)) { return index }
            }
            return nil
        }
        let tracer = core.tracer

        locks.lock()
        if let ready = attemptAll() {
            locks.unlock()
            return try await arms[ready].complete(woken: nil)
        }
        if let fallback {
            locks.unlock()
            tracer?.record(SelectEvent(cases: count, chosen: -1, channel: ChannelID(0)))
            return try await fallback()
        }
        locks.unlock()

        while true {
            var ready: Int?
            var token: WaitToken?
            let chosen: Int
            do {
                chosen = try await park(core, holding: locks) {
                    ready = attemptAll()
                    if ready != nil { return .proceed(0) }
                    for arm in arms { arm.prepareToWaitLocked() }
                    return .wait(WaitSite(.select, deadline: timeout?.deadline, timeoutIndex: arms.count))
                } enqueue: { wait in
                    token = wait
                    // After the select's block, before any waker can see it: the channels it waits on.
                    for (index, arm) in arms.enumerated() {
                        arm.register(wait, index: index)
                        tracer?.record(SelectWaitEvent(channel: ChannelID(arm.channelID), send: arm.isSend ? 1 : 0))
                    }
                }
            } catch {
                if let token { for arm in lockOrder { arm.deregister(token) } }
                core.recordFailedSend(error)  // a send case's channel was closed while the select waited
                throw error
            }
            if let ready { return try await arms[ready].complete(woken: nil) }
            if let token { for arm in lockOrder { arm.deregister(token) } }
            if chosen == arms.count, let timeout {
                tracer?.record(SelectEvent(cases: count, chosen: Int64(timeout.index), channel: ChannelID(0)))
                return try await timeout.handler()
            }
            if arms[chosen].isSend { continue }  // a receiver or room appeared: try every case again
            return try await arms[chosen].complete(woken: choice(chosen))
        }
    }
}

/// The locks of a select's channels, taken in channel id order and released in reverse.
struct SelectLocks<R: Sendable>: ParkLock {
    let arms: [SelectArm<R>]

    init(_ lockOrder: [SelectArm<R>]) { arms = lockOrder }

    func lock() { for arm in arms { arm.lock() } }
    func unlock() { for arm in arms.reversed() { arm.unlock() } }
}
