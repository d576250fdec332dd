import WeftTrace

/// The task-local part of each scheduling event, done in one access to the task (the builder's hot path).
extension TaskBuild {
    /// `runBegin` on `thread`: returns whether the task migrated, and a complaint when the state did not allow it.
    mutating func begin(on thread: ThreadID, at time: UInt64) -> (migrated: Bool, anomaly: String?) {
        var anomaly: String?
        if ended != nil { anomaly = "\(id) ran after it ended" }
        if case .running(let other) = state {
            anomaly = "\(id) began on \(thread) while running on \(other)"
        } else if isWaiting {
            // The wake-up was not recorded; treat it as woken by no one now.
            transition(to: .runnable(.woken(by: .none)), at: time)
        }
        let migrated = lastThread.map { $0 != thread } ?? false
        transition(to: .running(thread), at: time)
        lastThread = thread
        return (migrated, anomaly)
    }

    /// `runEnd` with reason blocked or yielded: enters the state the slice's events announced.
    /// Returns a complaint when the task blocked without a `block` event.
    mutating func end(_ reason: RunEndReason, at time: UInt64) -> String? {
        var anomaly: String?
        if reason == .yielded {
            transition(to: .runnable(.yielded), at: time)
        } else if let waker = wokenEarly {
            transition(to: .runnable(.woken(by: waker)), at: time)
        } else if let block = pendingBlock {
            if block.reason == .sleep {
                transition(to: .sleeping(duration: pendingSleep ?? 0), at: time)
            } else {
                transition(to: .blocked(object: block.object, reason: block.reason), at: time)
            }
        } else {
            anomaly = "\(id) blocked without a block event"
            transition(to: .blocked(object: .none, reason: nil), at: time)
        }
        pendingBlock = nil
        pendingSleep = nil
        wokenEarly = nil
        return anomaly
    }

    /// `block`: remembers what the task is about to wait on. An earlier wake-up that came before the task parked
    /// belonged to the previous wait, which is over: the task went on to this one.
    mutating func noteBlock(_ reason: BlockReason, _ object: ObjectID, at time: UInt64) {
        wokenEarly = nil
        lastWait = AnnouncedWait(reason: reason, object: object, start: time)
        pendingBlock = (reason, object)
        lastBlock = (reason, object)
        if reason == .mutex, let request = lockRequest, request.mutex.object == object {
            lockRequest?.contended = true
        }
        if var wait = openWait, (wait.isCondition && reason == .condition) || (!wait.isCondition && reason == .waitGroup) {
            wait.blocked = true
            openWait = wait
        }
    }

    /// The suspension outside Weft this task is in (or is entering) turns out to be a join on its child `child`
    /// (`TimelineState.childAwaited`): it is recorded, and drawn, as one.
    mutating func noteJoined(_ child: TaskID) {
        let object = ObjectID(child.rawValue)
        if case .blocked = state { state = .blocked(object: object, reason: .join) }
        if pendingBlock?.reason == .suspended { pendingBlock = (.join, object) }
        if lastBlock?.reason == .suspended { lastBlock = (.join, object) }
        if lastWait?.reason == .suspended && lastWait?.woken == nil {
            lastWait?.reason = .join
            lastWait?.object = object
        }
    }

    /// `unblock` by `waker`: returns what the task had waited on, and a complaint when it was not waiting.
    mutating func wake(by waker: TaskID, at time: UInt64) -> (reason: BlockReason?, object: ObjectID, anomaly: String?) {
        if lastWait != nil && lastWait?.woken == nil {
            lastWait?.woken = time
            lastWait?.waker = waker
        }
        switch state {
        case .blocked(let object, let reason):
            transition(to: .runnable(.woken(by: waker)), at: time)
            return (reason, object, nil)
        case .sleeping:
            transition(to: .runnable(.woken(by: waker)), at: time)
            return (.sleep, .none, nil)
        case .running:
            guard let block = pendingBlock else { return (nil, .none, "\(id) woken while running and not blocking") }
            wokenEarly = waker
            return (block.reason, block.object, nil)
        case .runnable, .finished:
            return (nil, .none, "\(id) woken while not blocked")
        }
    }
}
