import WeftTrace

/// A Go-style channel: unbuffered (capacity 0, a rendezvous) or buffered; FIFO; closable.
///
/// Every completed send and receive is recorded with a per-channel sequence number from 1, so each receive pairs
/// with its send; a receive of seq 0 means the channel was closed and empty. A send is recorded when the sending task's
/// `send` returns, so for a sender that had to wait the receive may be recorded first.
public final class Channel<T: Sendable>: @unchecked Sendable, AsyncSequence {
    public typealias Element = T

    /// 0 for an unbuffered channel.
    public let capacity: Int
    public let name: String
    public let id: ChannelID
    let core: RunCore

    private let lock = PThreadLock()
    private var buffer: FIFO<(T, UInt64)>
    private var closed = false
    private var lastSeq: UInt64 = 0
    private var receivers = FIFO<ReceiveWaiter<T>>()
    private var senders = FIFO<SendWaiter<T>>()

    init(core: RunCore, capacity: Int, name: String) {
        self.core = core
        self.capacity = Swift.max(0, capacity)
        self.name = name
        id = ChannelID(core.newObjectID())
        buffer = FIFO(capacity: self.capacity)
        core.tracer?.record(.channelMake, id.rawValue, UInt64(self.capacity), core.string(name))
    }

    // MARK: Send

    /// Sends `value`, waiting until a receiver takes it (unbuffered) or there is room (buffered).
    /// - Throws: `ChannelError.closed` on a closed channel; `RuntimeError` (`.cancelled`) when the run shuts down.
    public func send(_ value: T) async throws {
        lock.lock()
        let attempt = attemptSendLocked(value)
        lock.unlock()
        if case .full = attempt {
            try await sendSlowly(value)
        } else {
            try finishSend(attempt)
        }
    }

    private func sendSlowly(_ value: T) async throws {
        let waiter = SendWaiter<T>(index: 0, value: value)
        let task = ThreadLocals.currentTask
        let immediate = try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Int, any Error>) in
            lock.lock()
            let attempt = attemptSendLocked(value)
            if case .full = attempt {
                let token = WaitToken(task: task, countsAsStuck: true, continuation: continuation)
                guard core.beginWait(token, reason: .channelSend, object: id.rawValue, name: name) else {
                    lock.unlock()
                    continuation.resume(throwing: core.cancelledError())
                    return
                }
                waiter.token = token
                senders.append(waiter)
                lock.unlock()
                core.afterWait(token)
            } else {
                lock.unlock()
                do {
                    try finishSend(attempt)
                    continuation.resume(returning: 1)
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
        if immediate == 0 { recordSend(waiter.seq) }
    }

    enum SendAttempt {
        case closed
        case done(UInt64, ReceiveWaiter<T>?)
        case full
    }

    /// Hands `value` to a waiting receiver or buffers it, if either is possible now. Call holding the lock.
    func attemptSendLocked(_ value: T) -> SendAttempt {
        if closed { return .closed }
        while let receiver = receivers.popFirst() {
            guard receiver.token.claim() else { continue }
            lastSeq += 1
            receiver.value = value
            receiver.seq = lastSeq
            return .done(lastSeq, receiver)
        }
        if buffer.count < capacity {
            lastSeq += 1
            buffer.append((value, lastSeq))
            return .done(lastSeq, nil)
        }
        return .full
    }

    /// Completes an attempt that did not have to wait (after the lock is released).
    func finishSend(_ attempt: SendAttempt) throws {
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
        lock.unlock()
        if case .empty = attempt { return try await receiveSlowly() }
        return finishReceive(attempt)
    }

    private func receiveSlowly() async throws -> T? {
        let waiter = ReceiveWaiter<T>(index: 0)
        let task = ThreadLocals.currentTask
        _ = try await withUnsafeThrowingContinuation { (continuation: UnsafeContinuation<Int, any Error>) in
            lock.lock()
            let attempt = attemptReceiveLocked()
            if case .empty = attempt {
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
            } else {
                lock.unlock()
                waiter.value = finishReceive(attempt, record: false)
                waiter.seq = attempt.seq
                continuation.resume(returning: 0)
            }
        }
        recordReceive(waiter.seq)
        return waiter.value
    }

    enum ReceiveAttempt {
        case value(T, UInt64, SendWaiter<T>?)
        case closed
        case empty

        var seq: UInt64 {
            if case .value(_, let seq, _) = self { return seq }
            return 0
        }
    }

    /// Takes the next value from the buffer or a waiting sender, if there is one. Call holding the lock.
    func attemptReceiveLocked() -> ReceiveAttempt {
        if let (value, seq) = buffer.popFirst() {
            while let sender = senders.popFirst() {
                guard sender.token.claim() else { continue }
                lastSeq += 1
                sender.seq = lastSeq
                buffer.append((sender.value, lastSeq))
                return .value(value, seq, sender)
            }
            return .value(value, seq, nil)
        }
        while let sender = senders.popFirst() {
            guard sender.token.claim() else { continue }
            lastSeq += 1
            sender.seq = lastSeq
            return .value(sender.value, lastSeq, sender)
        }
        return closed ? .closed : .empty
    }

    /// Completes an attempt that did not have to wait (after the lock is released): wakes the sender it took from.
    func finishReceive(_ attempt: ReceiveAttempt, record: Bool = true) -> T? {
        if record { recordReceive(attempt.seq) }
        switch attempt {
        case .value(let value, _, let sender):
            if let sender { core.wake(sender.token, returning: sender.index) }
            return value
        case .closed, .empty:
            return nil
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
        var woken: [ReceiveWaiter<T>] = []
        var failed: [SendWaiter<T>] = []
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
    func addReceiver(_ waiter: ReceiveWaiter<T>) { receivers.append(waiter) }
    func addSender(_ waiter: SendWaiter<T>) { senders.append(waiter) }

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
