import WeftTrace

extension TimelineState {
    mutating func taskCreate(_ v: TaskCreateEvent, _ e: Event) {
        let id = v.task
        let isNew = taskIndex.position(id.rawValue) == nil
        let t = taskPosition(id, at: e.time)
        if !isNew && tasks[t].parent != .none { anomaly(e, "\(id) created twice") }
        tasks[t].parent = v.parent
        tasks[t].name = strings(v.name)
        tasks[t].site = strings(v.site)
        if isNew == false && !tasks[t].hasIntervals && !tasks[t].isRunning { tasks[t].created = min(tasks[t].created, e.time) }
        // The parent from the event, not from `tasks[t]`: read in the argument list of the mutating `taskPosition`,
        // a field of the record costs a copy of the whole record.
        if v.parent != .none {
            let p = taskPosition(v.parent, at: e.time)
            tasks[p].children.append(id)
        }
        if streams { settleIntervals(t) } // a streaming export counts the new task's state from here
    }

    mutating func runBegin(_ v: RunBeginEvent, _ e: Event) {
        let id = v.task
        let th = threadPosition(e.thread, at: e.time)
        if let open = openSlice(th) {
            anomaly(e, "\(id) began on \(e.thread) while \(open.task) was still running there")
            endSlice(thread: th, reason: nil, at: e.time)
            let other = taskPosition(open.task, at: e.time)
            if tasks[other].isRunning { tasks[other].transition(to: .runnable(.yielded), at: e.time) }
            settleIntervals(other)
        }
        let t = taskPosition(id, at: e.time)
        let (migrated, complaint) = tasks[t].begin(on: e.thread, at: e.time)
        if let complaint {
            anomaly(e, complaint)
            if case .running(let other) = tasks[t].intervals.last?.state, other != e.thread,
               let o = threadIndex.position(other.rawValue), threads[o].open?.task == id {
                endSlice(thread: o, reason: nil, at: e.time)
            }
        }
        threads[th].open = (id, e.time, migrated)
        threads[th].lastEnded = .none
        openSlices += 1
        if openSlicesLatestStart.time == e.time {
            openSlicesLatestStart.count += 1
        } else {
            openSlicesLatestStart = (e.time, 1)
        }
        settleIntervals(t)
    }

    mutating func runEnd(_ v: RunEndEvent, _ e: Event) {
        let id = v.task, reason = v.reason
        let th = threadPosition(e.thread, at: e.time)
        if let open = openSlice(th), open.task == id {
            endSlice(thread: th, reason: reason, at: e.time)
        } else {
            anomaly(e, "\(id) ended a slice on \(e.thread) where it was not running")
        }
        let t = taskPosition(id, at: e.time)
        closeUnblockedWait(t)
        if reason == .finished {
            finishTask(t, at: e.time)
        } else if let complaint = tasks[t].end(reason, at: e.time) {
            anomaly(e, complaint)
        }
        settleIntervals(t)
    }

    mutating func block(_ v: BlockEvent, _ e: Event) {
        guard let t = runningTask(e) else { return }
        tasks[t].noteBlock(v.reason, v.object, at: e.time)
        lints?.blocked(t)
        lints?.announced(t, v.reason, on: v.object.rawValue, at: e.time)
        if v.reason == .channelReceive, let c = channelIndex.position(v.object.rawValue) { waitingReceivers[c] += 1 }
    }

    mutating func unblock(_ v: UnblockEvent, _ e: Event) {
        let id = v.task
        let t = taskPosition(id, at: e.time)
        if tasks[t].leftActor {
            // The task's code left an actor (its `actorSlice`) and the runtime ends its suspension: it is runnable.
            tasks[t].leftActor = false
            return
        }
        // A join on a child is woken by that child, although the runtime records the wake just after its last slice.
        var waker = e.task
        if let child = childAwaited(by: t, e) {
            tasks[t].noteJoined(child)
            waker = child
        }
        let (reason, object, complaint) = tasks[t].wake(by: waker, at: e.time)
        if let complaint { anomaly(e, complaint) }
        if reason == .mutex { lockLostBeforeWake(t, at: e.time) }
        if checksLints, let woken = lastWoken(t) { lints?.woken(t, at: woken) }
        if reason == .channelReceive, let c = channelIndex.position(object.rawValue), waitingReceivers[c] > 0 {
            waitingReceivers[c] -= 1
        }
        if reason == .select, let episode = tasks[t].selectWaits.last, episode.blocked == tasks[t].lastWait?.start {
            // The select waited to receive on each of these channels; it no longer does.
            for side in episode.channels where !side.send {
                if let c = channelIndex.position(side.channel), waitingReceivers[c] > 0 { waitingReceivers[c] -= 1 }
            }
        }
        if keepsDetail {
            keep(WakeEdge(time: e.time, waker: waker, wakerThread: e.thread, wakee: id, reason: reason, object: object),
                 wakee: t)
        }
        if let wait = tasks[t].openWait, wait.blocked { closeWait(t, at: e.time, waker: waker, completed: true) }
        settleIntervals(t)
    }

    /// The child task whose end woke task position `t` from a suspension outside Weft (`block(suspended)`), if the
    /// `unblock` `e` is such a wake: a parent awaiting its `async let` or task-group child is suspended on Swift work
    /// Weft cannot see, but the runtime resumes it just after the child's last slice, on the same thread, once it has
    /// read the child's end (`taskEnd`), so the wait was a join on that child. A wake from inside a running slice (a
    /// child yielding into a stream its parent reads) is not one. Mutating although it changes nothing, as
    /// `heldBack` is: each `unblock` calls it, and a non-mutating method is handed a copy of the whole builder state.
    mutating func childAwaited(by t: Int, _ e: Event) -> TaskID? {
        let suspended: Bool
        if case .blocked(_, .suspended?) = tasks[t].state {
            suspended = true
        } else {
            suspended = tasks[t].isRunning && tasks[t].pendingBlock?.reason == .suspended
        }
        guard suspended, e.task == .none, let th = threadIndex.position(e.thread.rawValue) else { return nil }
        let child = threads[th].lastEnded
        guard child != .none, child != tasks[t].id, let c = taskIndex.position(child.rawValue),
              tasks[c].parent == tasks[t].id else { return nil }
        return child
    }

    mutating func taskEnd(_ v: TaskEndEvent, _ e: Event) {
        if let th = threadIndex.position(e.thread.rawValue) { threads[th].lastEnded = v.task }
        let t = taskPosition(v.task, at: e.time)
        tasks[t].outcome = v.outcome
        tasks[t].message = strings(v.message)
        // When the task is still in its last slice, its `runEnd(finished)` ends it.
        if tasks[t].ended == nil && !tasks[t].isRunning { finishTask(t, at: e.time) }
    }

    mutating func finishTask(_ t: Int, at time: UInt64) {
        guard tasks[t].ended == nil else { return }
        tasks[t].transition(to: .finished, at: time)
        tasks[t].ended = tasks[t].stateStart
        if checksLints, lastWoken(t) == nil {
            let ended = tasks[t].stateStart
            lints?.woken(t, at: ended)
        }
        closeUnblockedWait(t)
        settleIntervals(t)
    }

    /// The slice open on thread position `th`, read in place: read through `threads[th]`, the field costs a copy of
    /// the whole thread record.
    @inline(__always)
    func openSlice(_ th: Int) -> (task: TaskID, start: UInt64, migrated: Bool)? {
        threads.withUnsafeBufferPointer { $0[th].open }
    }

    /// When task position `t`'s last wait was woken (nil: not yet, or no wait), read in place as `openSlice` is.
    @inline(__always)
    func lastWoken(_ t: Int) -> UInt64? {
        tasks.withUnsafeBufferPointer { $0[t].lastWait?.woken }
    }

    /// Ends the slice open on a thread.
    mutating func endSlice(thread th: Int, reason: RunEndReason?, at time: UInt64) {
        guard let open = openSlice(th) else { return }
        keep(RunSlice(start: open.start, end: max(time, open.start), task: open.task, endReason: reason,
                      migrated: open.migrated), thread: th)
        threads[th].open = nil
        openSlices -= 1
        if open.start == openSlicesLatestStart.time && openSlicesLatestStart.count > 0 {
            openSlicesLatestStart.count -= 1
        }
    }

    /// A finished run slice of thread position `th`: kept in the model, or only summarised.
    mutating func keep(_ slice: RunSlice, thread th: Int) {
        if keepsDetail {
            threads[th].slices.append(slice)
            if let resolution = coalescing?.resolution {
                threads[th].coalesceLastSlice(resolution: resolution)
                notePiecesKept(1)
            }
        } else {
            let id = threads[th].id
            if summary?.add(slice, on: id) == true { wokenWaitsDue = true }
            lints?.add(slice, on: id)
            sink?.slice(slice, on: id)
        }
    }

    /// Hands the intervals task position `t` finished since the last call to its channels' wait counts and, when
    /// summarising, to the summary, which keeps them instead of the task. Called after each event that may end one;
    /// one it misses waits for the next call (or `finish`), still in order.
    mutating func settleIntervals(_ t: Int, holdingBack: Bool = true) {
        // The task's fields are read into locals first: read inside the argument list of a consumer's mutating call,
        // a field of `tasks[t]` costs a copy of the whole task record.
        let id = tasks[t].id, state = tasks[t].state, since = tasks[t].stateStart
        defer { sink?.state(of: id, state, since: since) }
        let all = tasks[t].intervals.count
        defer { lints?.taskState(t, state, since: since) }
        guard tasks[t].settled < all else { return }
        let count = holdingBack ? heldBack(t) : all
        let running = tasks[t].isRunning
        for i in tasks[t].settled ..< count {
            let interval = tasks[t].intervals[i]
            countChannelWait(interval, task: t)
            if summary?.add(interval, of: id) == true { wokenWaitsDue = true }
            if checksLints {
                // Slices that began at the wait's very end did not share its time: not counted, the task's own
                // (begun then, when it ends the wait by running) among them.
                let startedAtEnd = openSlicesLatestStart.time == interval.end ? openSlicesLatestStart.count : 0
                let ownCounted = running && !(startedAtEnd > 0 && since == interval.end)
                lints?.add(interval, of: t, id: id, running: ownCounted, openSlices: openSlices - startedAtEnd)
            }
            sink?.interval(interval, of: id)
        }
        if keepsDetail {
            if let resolution = coalescing?.resolution {
                let before = tasks[t].settled
                // Only the settled part is joined: the held-back intervals are put back after it.
                let held = Array(tasks[t].intervals[count...])
                tasks[t].intervals.removeLast(all - count)
                tasks[t].coalesceIntervals(from: before, resolution: resolution)
                tasks[t].settled = tasks[t].intervals.count
                tasks[t].intervals += held
                notePiecesKept(tasks[t].settled - before)
            } else {
                tasks[t].settled = count
            }
        } else if count < all {
            tasks[t].intervals.removeFirst(count)
            tasks[t].settled = 0
        } else if tasks[t].ended != nil {
            // An ended task adds no more: its buffer goes (a million ended tasks would each keep one).
            tasks[t].intervals = []
            tasks[t].settled = 0
        } else {
            tasks[t].intervals.removeAll(keepingCapacity: true)
            tasks[t].settled = 0
        }
    }

    mutating func regionEvent(name nameID: StringID, begins: Bool, _ e: Event) {
        guard let t = runningTask(e) else { return }
        let name = strings(nameID)
        if begins {
            tasks[t].openRegions.append((name, e.time))
            return
        }
        guard let i = tasks[t].openRegions.lastIndex(where: { $0.name == name }) else {
            anomaly(e, "region \"\(name)\" ended but was not begun")
            return
        }
        let open = tasks[t].openRegions.remove(at: i)
        tasks[t].regions.append(Region(start: open.start, end: max(e.time, open.start), name: name, depth: i, closed: true))
    }
}
