import WeftTrace

/// A Go-style channel: unbuffered (capacity 0, a rendezvous) or buffered; FIFO; closable.
///
/// Every completed send and receive is recorded with a per-channel sequence number from 1, so each receive pairs
/// with its send; a receive of seq 0 means the channel was closed and empty. Sends and receives are recorded under
/// the channel's lock, as they change the buffer, and before anyone they concern is woken: the trace's order is the
/// order they happened, so the buffer never appears to hold more than its capacity. A send is always recorded by
/// the sending task before any receive of its message: a blocked sender keeps its value and is woken to try again
/// when a receiver or room appears.
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
    private var receivers = WaitQueue<ReceiveWaiter>()
    private var senders = WaitQueue<BlockedSender>()

    init(core: RunCore, capacity: Int, name: String) {
        self.core = core
        self.capacity = Swift.max(0, capacity)
        self.name = name
        id = ChannelID(core.newObjectID())
        values = .allocate(capacity: Swift.max(1, self.capacity))
        seqs = .allocate(capacity: Swift.max(1, self.capacity))
        core.tracer?.record(ChannelMakeEvent(channel: id, capacity: UInt64(self.capacity), name: core.string(name)))
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
        while true {
            var attempt = SendOutcome.full
            _ = try await park(core, holding: lock) {
                attempt = attemptSendLocked(value)
                guard case .full = attempt else { return .proceed(0) }
                return .wait(WaitSite(.channelSend, object: id.rawValue, name: name))
            } enqueue: { token in
                senders.enqueue(BlockedSender(token: token, index: 0))
            }
            if case .full = attempt { continue }  // woken because a receiver or room is there: try again
            try finishSend(attempt)
            return
        }
    }

    /// Hands `value` to a waiting receiver or buffers it, if either is possible now, and records the send (after
    /// `select`, the select's choice). Call holding the lock.
    func attemptSendLocked(_ value: T, select: SelectChoice? = nil) -> SendOutcome {
        if closed { return .closed }
        if let receiver = receivers.claimFirst() {
            lastSeq += 1
            receiver.slot.assumingMemoryBound(to: T.self).initialize(to: value)
            receiver.hasValue = true
            receiver.seq = lastSeq
            recordSend(lastSeq, select)
            return .done(receiver)
        }
        if count < capacity {
            lastSeq += 1
            pushLocked(value, lastSeq)
            recordSend(lastSeq, select)
            return .done(nil)
        }
        return .full
    }

    /// Completes an attempt after the lock is released: wakes the receiver the message went to.
    func finishSend(_ attempt: SendOutcome) throws {
        switch attempt {
        case .closed: throw ChannelError.closed(name, id)
        case .done(let receiver?): core.wake(receiver)
        case .done(nil), .full: break
        }
    }

    @inline(__always) private func recordSend(_ seq: UInt64, _ select: SelectChoice?) {
        core.messageOrders?.sent(on: id, name: name)
        guard let tracer = core.tracer else { return }
        if let select { select.record(on: tracer, channel: id) }
        tracer.record(SendEvent(channel: id, seq: seq))
    }

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
        var waiter: ReceiveWaiter?
        var attempt = ReceiveOutcome.empty
        _ = try await park(core, holding: lock) {
            attempt = attemptReceiveLocked()
            switch attempt {
            case .value:
                slot.initialize(to: popLocked())
                return .proceed(1)
            case .closed:
                return .proceed(0)
            case .empty:
                wakeOneSenderLocked()
                return .wait(WaitSite(.channelReceive, object: id.rawValue, name: name))
            }
        } enqueue: { token in
            let queued = ReceiveWaiter(token: token, index: 0, slot: UnsafeMutableRawPointer(slot))
            waiter = queued
            receivers.enqueue(queued)
        }
        guard let waiter else {
            finishReceive(attempt)
            if case .value = attempt { return slot.move() }
            return nil
        }
        recordReceive(waiter.seq)  // woken with a value (its send is recorded), or by close (seq 0)
        return waiter.hasValue ? slot.move() : nil
    }

    /// Takes stock for a receive: records it if a buffered value is there (then the caller takes it with
    /// `takeLocked`, claiming the sender that now has room) or the channel is closed and empty (seq 0). Call holding
    /// the lock; `select` is the select's choice to record first.
    func attemptReceiveLocked(select: SelectChoice? = nil) -> ReceiveOutcome {
        if count > 0 {
            recordReceive(seqs[head], select)
            return .value(senders.claimFirst())
        }
        guard closed else { return .empty }
        recordReceive(0, select)
        return .closed
    }

    /// Removes the value `attemptReceiveLocked` found. Call holding the lock.
    func takeLocked() -> T { popLocked() }

    /// Before a receiver waits: wakes one blocked sender so that it comes back and hands its value over. Called
    /// holding the lock, before the receiver counts itself as blocked (the woken sender cannot get the lock before
    /// the receiver is registered).
    func wakeOneSenderLocked() {
        if let sender = senders.claimFirst() { core.wake(sender) }
    }

    /// Completes an attempt after the lock is released: wakes the blocked sender that now has room.
    func finishReceive(_ attempt: ReceiveOutcome) {
        if case .value(let sender?) = attempt { core.wake(sender) }
    }

    /// Records a receive the task was woken for (the sender recorded its send before waking it).
    @inline(__always) func recordReceive(_ seq: UInt64, _ select: SelectChoice? = nil) {
        guard let tracer = core.tracer else { return }
        if let select { select.record(on: tracer, channel: id) }
        tracer.record(ReceiveEvent(channel: id, seq: seq))
    }

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
        core.tracer?.record(CloseEvent(channel: id))
        let woken = receivers.claimAll()
        let failed = senders.claimAll()
        lock.unlock()
        for receiver in woken { core.wake(receiver) }
        for sender in failed { core.wake(sender.token, throwing: ChannelError.closed(name, id)) }
    }

    // MARK: Select support (called holding the lock)

    func lockForSelect() { lock.lock() }
    func unlockForSelect() { lock.unlock() }
    func addReceiver(_ waiter: ReceiveWaiter) { receivers.enqueue(waiter) }
    func addSender(_ sender: BlockedSender) { senders.enqueue(sender) }

    /// Forgets the waiters of a select that has completed.
    func removeWaiters(of token: WaitToken) {
        lock.withLock {
            receivers.remove(token)
            senders.remove(token)
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
            tracer.record(SendFailedEvent(channel: channel))
        }
    }
}
