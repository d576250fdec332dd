import WeftTrace

/// A Go-style channel: unbuffered (capacity 0, a rendezvous) or buffered; FIFO; closable.
///
/// Every completed send and receive is recorded with a per-channel sequence number from 1, so each receive pairs
/// with its send; a receive of seq 0 means the channel was closed and empty. A send is always recorded by the sending
/// task before any receive of its message: a blocked sender keeps its value and is woken to try again when a
/// receiver or room appears.
public final class Channel<T: Sendable>: @unchecked Sendable, AsyncSequence {
    public typealias Element = T

    /// 0 for an unbuffered channel.
    public let capacity: Int
    public let name: String
    public let id: ChannelID
    let core: RunCore

    private let lock = PThreadLock()
    // The buffer: a ring of `capacity` values and their sequence numbers (raw memory: no generic metadata lookups).
    private let values: UnsafeMutablePointer<T>
    private let seqs: UnsafeMutablePointer<UInt64>
    private var head = 0
    private var count = 0
    private var closed = false
    private var lastSeq: UInt64 = 0
    private var receivers = FIFO<ReceiveWaiter>()
    private var senders = FIFO<BlockedSender>()

    init(core: RunCore, capacity: Int, name: String) {
        self.core = core
        self.capacity = Swift.max(0, capacity)
        self.name = name
        id = ChannelID(core.newObjectID())
        values = .allocate(capacity: Swift.max(1, self.capacity))
        seqs = .allocate(capacity: Swift.max(1, self.capacity))
        core.tracer?.record(.channelMake, id.rawValue, UInt64(self.capacity), core.string(name))
    }

    deinit {
        while count > 0 { _ = popLocked() }
        values.deallocate()
        seqs.deallocate()
    }

    @inline(__always) private func pushLocked(_ value: T, _ seq: UInt64) {
        var index = head + count
        if index >= capacity { index -= capacity }
        (values + index).initialize(to: value)
        seqs[index] = seq
        count += 1
    }

    @inline(__always) private func popLocked() -> T {
        let value = (values + head).move()
        head += 1
        if head == capacity { head = 0 }
        count -= 1
        return value
    }

    // MARK: Send

    /// Sends `value`, waiting until a receiver takes it (unbuffered) or there is room (buffered).
    /// - Throws: `ChannelError.closed` on a closed channel; `RuntimeError` (`.cancelled`) when the run shuts down.
    public func send(_ value: T) async throws {
        lock.lock()
        let attempt = attemptSendLocked(value)
        lock.unlock()
        do {
            if case .full = attempt {
                try await sendSlowly(value)
            } else {
                try finishSend(attempt)
            }
        } catch {
            core.recordFailedSend(error)
            throw error
        }
    }

    private func sendSlowly(_ value: T) async throws {
        let task = ThreadLocals.currentTask
        while true {
            var attempt = SendOutcome.full
            _ = try await suspend { continuation in
                lock.lock()
                attempt = attemptSendLocked(value)
                guard case .full = attempt else {
                    lock.unlock()
                    continuation.resume(returning: 0)
                    return
                }
                let token = WaitToken(task: task, countsAsStuck: true, continuation: continuation)
                guard core.beginWait(token, reason: .channelSend, object: id.rawValue, name: name) else {
                    lock.unlock()
                    continuation.resume(throwing: core.cancelledError())
                    return
                }
                senders.append(BlockedSender(token: token, index: 0))
                lock.unlock()
                core.afterWait(token)
            }
            if case .full = attempt { continue }  // woken because a receiver or room is there: try again
            try finishSend(attempt)
            return
        }
    }

    /// Hands `value` to a waiting receiver or buffers it, if either is possible now. Call holding the lock.
    func attemptSendLocked(_ value: T) -> SendOutcome {
        if closed { return .closed }
        while let receiver = receivers.popFirst() {
            guard receiver.token.claim() else { continue }
            lastSeq += 1
            receiver.slot.assumingMemoryBound(to: T.self).initialize(to: value)
            receiver.hasValue = true
            receiver.seq = lastSeq
            return .done(lastSeq, receiver)
        }
        if count < capacity {
            lastSeq += 1
            pushLocked(value, lastSeq)
            return .done(lastSeq, nil)
        }
        return .full
    }

    /// Completes an attempt that did not have to wait (after the lock is released): records the send, then wakes
    /// the receiver it went to.
    func finishSend(_ attempt: SendOutcome) throws {
        switch attempt {
        case .closed: throw ChannelError.closed(name, id)
        case .done(let seq, let receiver):
            recordSend(seq)
            if let receiver { core.wake(receiver.token, returning: receiver.index) }
        case .full: break
        }
    }

    @inline(__always) func recordSend(_ seq: UInt64) { core.tracer?.record(.send, id.rawValue, seq) }

    // MARK: Receive

    /// Receives the next value, waiting for one; nil once the channel is closed and empty.
    /// - Throws: `RuntimeError` (`.cancelled`) when the run shuts down while waiting.
    public func receive() async throws -> T? {
        lock.lock()
        let attempt = attemptReceiveLocked()
        let value: T? = if case .value = attempt { popLocked() } else { nil }
        lock.unlock()
        if case .empty = attempt { return try await receiveSlowly() }
        finishReceive(attempt)
        return value
    }

    private func receiveSlowly() async throws -> T? {
        let slot = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { slot.deallocate() }
        let waiter = ReceiveWaiter(index: 0, slot: UnsafeMutableRawPointer(slot))
        let task = ThreadLocals.currentTask
        var attempt = ReceiveOutcome.empty
        _ = try await suspend { continuation in
            lock.lock()
            attempt = attemptReceiveLocked()
            if case .value = attempt {
                slot.initialize(to: popLocked())
                waiter.hasValue = true
            }
            guard case .empty = attempt else {
                lock.unlock()
                continuation.resume(returning: 0)
                return
            }
            wakeOneSenderLocked()
            let token = WaitToken(task: task, countsAsStuck: true, continuation: continuation)
            guard core.beginWait(token, reason: .channelReceive, object: id.rawValue, name: name) else {
                lock.unlock()
                continuation.resume(throwing: core.cancelledError())
                return
            }
            waiter.token = token
            receivers.append(waiter)
            lock.unlock()
            core.afterWait(token)
        }
        if case .empty = attempt {
            recordReceive(waiter.seq)  // woken with a value, or by close (seq 0)
        } else {
            finishReceive(attempt)
        }
        return waiter.hasValue ? slot.move() : nil
    }

    /// Whether a buffered value can be taken now (then the caller pops it with `takeLocked`). Call holding the lock.
    func attemptReceiveLocked() -> ReceiveOutcome {
        if count > 0 { return .value(seqs[head], claimSenderLocked()) }
        return closed ? .closed : .empty
    }

    /// Removes the value `attemptReceiveLocked` found. Call holding the lock.
    func takeLocked() -> T { popLocked() }

    /// Claims the first blocked sender still waiting.
    private func claimSenderLocked() -> BlockedSender? {
        senders.popFirst { $0.token.claim() }
    }

    /// Before a receiver waits: wakes one blocked sender so that it comes back and hands its value over. Called
    /// holding the lock, before the receiver counts itself as blocked (the woken sender cannot get the lock before
    /// the receiver is registered).
    func wakeOneSenderLocked() {
        if let sender = claimSenderLocked() { core.wake(sender.token, returning: sender.index) }
    }

    /// Completes an attempt that did not have to wait (after the lock is released): wakes the blocked sender that
    /// now has room, and records the receive.
    func finishReceive(_ attempt: ReceiveOutcome) {
        switch attempt {
        case .value(let seq, let sender):
            if let sender { core.wake(sender.token, returning: sender.index) }
            recordReceive(seq)
        case .closed, .empty:
            recordReceive(0)
        }
    }

    @inline(__always) func recordReceive(_ seq: UInt64) { core.tracer?.record(.receive, id.rawValue, seq) }

    // MARK: Close

    /// Closes the channel: waiting receivers get nil, waiting senders throw `ChannelError.closed`; values already
    /// buffered can still be received. Closing again does nothing.
    public func close() {
        lock.lock()
        if closed {
            lock.unlock()
            return
        }
        closed = true
        var woken: [ReceiveWaiter] = []
        var failed: [BlockedSender] = []
        while let receiver = receivers.popFirst() {
            if receiver.token.claim() { woken.append(receiver) }
        }
        while let sender = senders.popFirst() {
            if sender.token.claim() { failed.append(sender) }
        }
        lock.unlock()
        core.tracer?.record(.close, id.rawValue)
        for receiver in woken { core.wake(receiver.token, returning: receiver.index) }
        for sender in failed { core.wake(sender.token, throwing: ChannelError.closed(name, id)) }
    }

    // MARK: Select support (called holding the lock)

    func lockForSelect() { lock.lock() }
    func unlockForSelect() { lock.unlock() }
    func addReceiver(_ waiter: ReceiveWaiter) { receivers.append(waiter) }
    func addSender(_ sender: BlockedSender) { senders.append(sender) }

    /// Forgets the waiters of a select that has completed.
    func removeWaiters(of token: WaitToken) {
        lock.withLock {
            receivers.removeAll { $0.token === token }
            senders.removeAll { $0.token === token }
        }
    }

    // MARK: AsyncSequence

    public struct AsyncIterator: AsyncIteratorProtocol {
        let channel: Channel<T>
        public mutating func next() async throws -> T? { try await channel.receive() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(channel: self) }
}

extension RunCore {
    /// Records `sendFailed` when `error` says a send found its channel closed (on the sending task's thread).
    func recordFailedSend(_ error: any Error) {
        if let tracer, case ChannelError.closed(_, let channel)? = error as? ChannelError {
            tracer.record(.sendFailed, channel.rawValue)
        }
    }
}
