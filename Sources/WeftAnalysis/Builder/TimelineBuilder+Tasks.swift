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
        if isNew == false && tasks[t].intervals.isEmpty && !tasks[t].isRunning { tasks[t].created = min(tasks[t].created, e.time) }
        if tasks[t].parent != .none {
            let p = taskPosition(tasks[t].parent, at: e.time)
            tasks[p].children.append(id)
        }
    }

    mutating func runBegin(_ v: RunBeginEvent, _ e: Event) {
        let id = v.task
        let th = threadPosition(e.thread, at: e.time)
        if let open = threads[th].open {
            anomaly(e, "\(id) began on \(e.thread) while \(open.task) was still running there")
            endSlice(thread: th, reason: nil, at: e.time)
            let other = taskPosition(open.task, at: e.time)
            if tasks[other].isRunning { tasks[other].transition(to: .runnable(.yielded), at: e.time) }
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
    }

    mutating func runEnd(_ v: RunEndEvent, _ e: Event) {
        let id = v.task, reason = v.reason
        let th = threadPosition(e.thread, at: e.time)
        if let open = threads[th].open, open.task == id {
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
    }

    mutating func block(_ v: BlockEvent, _ e: Event) {
        guard let t = runningTask(e) else { return }
        tasks[t].noteBlock(v.reason, v.object, at: e.time)
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
        let (reason, object, complaint) = tasks[t].wake(by: e.task, at: e.time)
        if let complaint { anomaly(e, complaint) }
        if reason == .channelReceive, let c = channelIndex.position(object.rawValue), waitingReceivers[c] > 0 {
            waitingReceivers[c] -= 1
        }
        if reason == .select, let episode = tasks[t].selectWaits.last, episode.blocked == tasks[t].lastWait?.start {
            // The select waited to receive on each of these channels; it no longer does.
            for side in episode.channels where !side.send {
                if let c = channelIndex.position(side.channel), waitingReceivers[c] > 0 { waitingReceivers[c] -= 1 }
            }
        }
        wakes.append(WakeEdge(time: e.time, waker: e.task, wakerThread: e.thread, wakee: id, reason: reason, object: object))
        if let wait = tasks[t].openWait, wait.blocked { closeWait(t, at: e.time, waker: e.task, completed: true) }
    }

    mutating func taskEnd(_ v: TaskEndEvent, _ e: Event) {
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
        closeUnblockedWait(t)
    }

    /// Ends the slice open on a thread.
    mutating func endSlice(thread th: Int, reason: RunEndReason?, at time: UInt64) {
        guard let open = threads[th].open else { return }
        threads[th].slices.append(RunSlice(start: open.start, end: max(time, open.start), task: open.task,
                                           endReason: reason, migrated: open.migrated))
        threads[th].open = nil
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
