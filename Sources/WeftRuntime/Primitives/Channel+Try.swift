import WeftTrace

/// What `Channel.receive(timeout:)` got.
public enum TimedReceive<T: Sendable>: Sendable {
    /// A message.
    case value(T)
    /// The channel is closed and empty.
    case closed
    /// No message came within the timeout.
    case timedOut

    /// The message, if one came.
    public var value: T? { if case .value(let v) = self { v } else { nil } }
}

extension Channel {
    /// The number of messages in the buffer now (always 0 for an unbuffered channel), as Go's `len(ch)`.
    public var count: Int { lock.withLock { buffered } }

    /// Whether the channel has been closed (buffered messages may still be waiting to be received).
    public var isClosed: Bool { lock.withLock { closed } }

    /// Sends `value` if a receiver waits or the buffer has room; never waits. A miss is recorded as `trySendMiss`.
    /// - Returns: true when the value was sent.
    /// - Throws: `ChannelError.closed` on a closed channel.
    public func trySend(_ value: T) throws(ChannelError) -> Bool {
        lock.lock()
        let attempt = attemptSendLocked(value)
        if case .full = attempt { core.tracer?.record(TrySendMissEvent(channel: id)) }
        lock.unlock()
        switch attempt {
        case .full:
            return false
        case .closed:
            core.tracer?.record(SendFailedEvent(channel: id))
            throw ChannelError.closed(name, id)
        case .done(let receiver):
            if let receiver { core.wake(receiver) }
            return true
        }
    }

    /// Receives a buffered message if there is one; never waits. Nil when there is none: the channel is empty (a miss,
    /// recorded as `tryReceiveMiss`) or closed and empty (recorded as a receive of seq 0; `isClosed` tells which).
    /// On an unbuffered channel a blocked sender keeps its message until a receiver waits for it, so `tryReceive`
    /// finds messages only in a buffer, like a select with `.otherwise`.
    public func tryReceive() -> T? {
        lock.lock()
        let attempt = attemptReceiveLocked()
        let value: T? = if case .value = attempt { popLocked() } else { nil }
        if case .empty = attempt { core.tracer?.record(TryReceiveMissEvent(channel: id)) }
        lock.unlock()
        finishReceive(attempt)
        return value
    }

    /// Receives the next message, waiting at most `timeout` for it (Go's select with `time.After`). A timeout is
    /// recorded as `receiveTimeout`; the wait has a deadline, so it never counts towards a deadlock.
    /// - Throws: `CancellationError` when the task is cancelled while waiting; `RuntimeError` (`.cancelled`) when the
    ///   run shuts down.
    public func receive(timeout: Duration) async throws -> TimedReceive<T> {
        let nanoseconds = timeout.wholeNanoseconds
        let slot = UnsafeMutablePointer<T>.allocate(capacity: 1)
        defer { slot.deallocate() }
        var waiter: ReceiveWaiter?
        var attempt = ReceiveOutcome.empty
        let deadline = core.timer.now() &+ nanoseconds
        let index = try await park(core, holding: lock) {
            attempt = attemptReceiveLocked()
            switch attempt {
            case .value:
                slot.initialize(to: popLocked())
                return .proceed(1)
            case .closed:
                return .proceed(0)
            case .empty:
                wakeOneSenderLocked()
                return .wait(WaitSite(.channelReceive, object: id.rawValue, name: name, deadline: deadline, timeoutIndex: 1))
            }
        } enqueue: { token in
            let queued = ReceiveWaiter(token: token, index: 0, slot: UnsafeMutableRawPointer(slot))
            waiter = queued
            receivers.enqueue(queued)
        }
        guard let waiter else {
            finishReceive(attempt)
            if case .value = attempt { return .value(slot.move()) }
            return .closed
        }
        if index == 1 {  // the timer claimed the wait: no sender touched the slot
            lock.withLock {
                receivers.remove(waiter.token)
                core.tracer?.record(ReceiveTimeoutEvent(channel: id, timeout: nanoseconds))
            }
            return .timedOut
        }
        recordReceive(waiter.seq)
        return waiter.hasValue ? .value(slot.move()) : .closed
    }
}
