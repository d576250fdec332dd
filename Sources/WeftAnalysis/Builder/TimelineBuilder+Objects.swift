import WeftTrace

extension TimelineState {
    // MARK: Channels

    mutating func channelPosition(_ raw: UInt64, at time: UInt64) -> Int {
        if let p = channelIndex.position(raw) { return p }
        channels.append(ChannelTimeline(id: ChannelID(raw), created: time))
        occupancy.append(0)
        channelMade.append(false)
        waitingReceivers.append(0)
        unpaired.append(SeqWindow())
        channelIndex.set(raw, channels.count - 1)
        return channels.count - 1
    }

    mutating func channelEvent(_ typed: TypedEvent, _ e: Event) {
        switch typed {
        case .select(let v):
            // The channel of the case taken (0 for the default case or a timeout).
            _ = consumeBlock(e, on: v.channel.rawValue, reason: .select)
            // No channel and not the default case (-1): the select's `.after` case fired.
            if v.channel.rawValue == 0 && v.chosen >= 0 { keep(FiredTimeout(time: e.time, task: e.task)) }
        case .channelMake(let v):
            let c = channelPosition(v.channel.rawValue, at: e.time)
            channels[c].capacity = v.capacity
            channelMade[c] = true
            channels[c].name = strings(v.name)
            channels[c].created = e.time
            channels[c].creator = e.task
        case .send(let v):
            let c = channelPosition(v.channel.rawValue, at: e.time)
            channels[c].sends += 1
            // A receiver already waiting takes the message at once; otherwise it goes into the buffer.
            let handedOver = waitingReceivers[c] > 0
            let blocked = consumeBlock(e, on: v.channel.rawValue, reason: .channelSend)
            if checksLints {
                lints?.sent(on: v.channel.rawValue, by: e.task)
                if e.task != .none, let t = taskIndex.position(e.task.rawValue) {
                    noteAction(t, .channelSend, on: v.channel.rawValue, at: e.time)
                }
            }
            if let f = unpaired[c].take(v.seq) {
                // Its receive is in already (a list out of causal order; the reader never yields one): the message
                // never waited in the buffer.
                flows[f].sender = e.task
                flows[f].senderThread = e.thread
                flows[f].sent = e.time
                flows[f].senderBlocked = blocked
                flows[f].handedOver = handedOver
                paired(f)
            } else {
                if !handedOver { buffer(c, e) }
                unpaired[c].put(v.seq, newFlow(MessageFlow(channel: v.channel, seq: v.seq, sender: e.task,
                                                           senderThread: e.thread, sent: e.time, senderBlocked: blocked,
                                                           handedOver: handedOver)))
            }
        case .receive(let v):
            let c = channelPosition(v.channel.rawValue, at: e.time)
            let blocked = consumeBlock(e, on: v.channel.rawValue, reason: .channelReceive)
            guard v.seq != 0 else {
                channels[c].closedReceives += 1
                return
            }
            channels[c].receives += 1
            if checksLints {
                lints?.received(from: v.channel.rawValue, by: e.task)
                if e.task != .none, let t = taskIndex.position(e.task.rawValue) {
                    noteAction(t, .channelReceive, on: v.channel.rawValue, at: e.time)
                }
            }
            if let f = unpaired[c].take(v.seq) {
                if !flows[f].handedOver { occupancy[c] = max(occupancy[c] - 1, 0) }
                flows[f].receiver = e.task
                flows[f].receiverThread = e.thread
                flows[f].received = e.time
                flows[f].receiverBlocked = blocked
                paired(f)
            } else {
                // Received before its send was seen: the send will not count it as buffered either.
                unpaired[c].put(v.seq, newFlow(MessageFlow(channel: v.channel, seq: v.seq, receiver: e.task,
                                                           receiverThread: e.thread, received: e.time,
                                                           receiverBlocked: blocked)))
            }
        case .close(let v):
            channels[channelPosition(v.channel.rawValue, at: e.time)].closed = e.time
        case .sendFailed(let v):
            channels[channelPosition(v.channel.rawValue, at: e.time)].failedSends += 1
            _ = consumeBlock(e, on: v.channel.rawValue, reason: .channelSend)
        default:
            break
        }
    }

    /// Stores a message still waiting for its partner and returns its position in `flows`.
    private mutating func newFlow(_ flow: MessageFlow) -> Int {
        if let free = freeFlows.popLast() {
            if coalescing != nil { coalescing!.freeFlow[free] = false }
            flows[free] = flow
            return free
        }
        flows.append(flow)
        return flows.count - 1
    }

    /// The message at position `f` has both its send and its receive: when summarising, it is handed on and its
    /// place freed; otherwise it stays in the model.
    private mutating func paired(_ f: Int) {
        guard !keepsDetail else {
            thinPairedFlow(f)
            return
        }
        summary?.add(flows[f])
        messageOrder?.add(flows[f])
        freeFlows.append(f)
    }

    /// A message of channel position `c` goes into its buffer (`e` is its send): counts it toward the peak, and
    /// flags a buffer fuller than the channel's capacity, once per new height.
    private mutating func buffer(_ c: Int, _ e: Event) {
        occupancy[c] += 1
        guard occupancy[c] > channels[c].peakOccupancy else { return }
        channels[c].peakOccupancy = occupancy[c]
        // More messages buffered than the buffer holds: the trace recorded a receive after a send it made room for.
        if channelMade[c] && UInt64(occupancy[c]) > channels[c].capacity {
            anomaly(e, "\(channels[c].id) holds \(occupancy[c]) messages, above its capacity \(channels[c].capacity): "
                + "a receive was recorded after a send it made room for")
        }
    }

    /// `selectWait`: the channel joins the select the running task has just blocked in.
    mutating func selectWait(_ v: SelectWaitEvent, _ e: Event) {
        guard let t = runningTask(e) else { return }
        _ = channelPosition(v.channel.rawValue, at: e.time)
        guard let block = tasks[t].lastWait, block.reason == .select else {
            anomaly(e, "\(e.task) waits on \(v.channel) in a select without a block(select) first")
            return
        }
        let side = (channel: v.channel.rawValue, send: v.isSend)
        if let last = tasks[t].selectWaits.indices.last, tasks[t].selectWaits[last].blocked == block.start {
            // Two cases on one channel and side are one wait on it.
            if tasks[t].selectWaits[last].channels.contains(where: { $0 == side }) { return }
            tasks[t].selectWaits[last].channels.append(side)
        } else {
            tasks[t].selectWaits.append(SelectWaitBuild(blocked: block.start, channels: [side]))
        }
        // A select waiting to receive takes a message sent meanwhile at once, as a blocked receiver does: the
        // message is handed over, not buffered (until the select is woken).
        if !side.send, let c = channelIndex.position(side.channel) { waitingReceivers[c] += 1 }
    }

    /// Adds a blocked interval of task position `t` to the waits of the channel (or the select's channels) it
    /// waited on. The task's intervals come in order.
    mutating func countChannelWait(_ interval: StateInterval, task t: Int) {
        guard case .blocked(let object, let reason) = interval.state else { return }
        switch reason {
        case .channelReceive?, .channelSend?:
            guard let c = channelIndex.position(object.rawValue) else { return }
            if reason == .channelReceive { channels[c].receiverWaits.add(interval.duration, inSelect: false) }
            else { channels[c].senderWaits.add(interval.duration, inSelect: false) }
        case .select?:
            // The select this interval belongs to: the last one blocked at or before it began. The selects before
            // it are over: forget them, so that a task's selects take no memory per select.
            var episode = 0
            while episode + 1 < tasks[t].selectWaits.count && tasks[t].selectWaits[episode + 1].blocked <= interval.start {
                episode += 1
            }
            if episode > 0 { tasks[t].selectWaits.removeFirst(episode) }
            guard let selected = tasks[t].selectWaits.first, selected.blocked <= interval.start else { return }
            for side in selected.channels {
                guard let c = channelIndex.position(side.channel) else { continue }
                if side.send { channels[c].senderWaits.add(interval.duration, inSelect: true) }
                else { channels[c].receiverWaits.add(interval.duration, inSelect: true) }
            }
        default:
            return
        }
    }

    /// Whether the recording task's last block was on this channel (or a select), forgetting it.
    private mutating func consumeBlock(_ e: Event, on channel: UInt64, reason: BlockReason) -> Bool {
        guard e.task != .none, let t = taskIndex.position(e.task.rawValue), let last = tasks[t].lastBlock else { return false }
        tasks[t].lastBlock = nil
        return (last.reason == reason && last.object.rawValue == channel) || last.reason == .select
    }

    // MARK: Mutexes

    mutating func mutexPosition(_ raw: UInt64, at time: UInt64) -> Int {
        mutexIndex.position(raw, in: &mutexes) { MutexBuild(timeline: MutexTimeline(id: MutexID(raw), created: time)) }
    }

    mutating func mutexEvent(_ typed: TypedEvent, _ e: Event) {
        let mutex: MutexID
        switch typed {
        case .mutexMake(let v):
            let m = mutexPosition(v.mutex.rawValue, at: e.time)
            mutexes[m].timeline.name = strings(v.name)
            mutexes[m].timeline.created = e.time
            mutexes[m].timeline.creator = e.task
            return
        case .lockRequest(let v): mutex = v.mutex
        case .lockAcquire(let v): mutex = v.mutex
        case .lockRelease(let v): mutex = v.mutex
        default: return
        }
        let m = mutexPosition(mutex.rawValue, at: e.time)
        guard let t = runningTask(e) else { return }
        switch e.kind {
        case .lockRequest:
            let held = mutexes[m].openHold.map { $0.task != e.task } ?? false
            noteLockRequest(t, mutex: m)
            tasks[t].lockRequest = (mutex, e.time, held)
        case .lockAcquire:
            if let open = mutexes[m].openHold {
                anomaly(e, "\(e.task) acquired \(mutex) held by \(open.task)")
                releaseHold(m, at: e.time)
            }
            var requested = e.time, contended = false
            if let request = tasks[t].lockRequest, request.mutex == mutex {
                requested = request.time
                contended = request.contended
                tasks[t].lockRequest = nil
            }
            mutexes[m].openHold = LockHold(start: e.time, end: e.time, task: e.task, requested: requested,
                                           contended: contended, released: false)
            lockTaken(m, by: t, at: e.time)
            if checksLints {
                lints?.acquired(mutex, by: e.task, at: e.time)
                noteAction(t, .mutex, on: mutex.rawValue, at: e.time)
            }
        default: // lockRelease
            guard let open = mutexes[m].openHold else { return } // already released by a condition wait
            if open.task != e.task {
                anomaly(e, "\(e.task) released \(mutex) held by \(open.task)")
            }
            releaseHold(m, at: e.time)
        }
    }

    mutating func releaseHold(_ m: Int, at time: UInt64) {
        guard var hold = mutexes[m].openHold else { return }
        hold.end = max(time, hold.start)
        hold.released = true
        let mutex = mutexes[m].timeline.id
        lints?.released(mutex, by: hold.task)
        keep(hold, mutex: m)
        mutexes[m].openHold = nil
        lockLetGo(m, at: time)
    }

    /// A finished hold of mutex position `m` (released, or still held at the end): kept in the model, or only
    /// summarised.
    mutating func keep(_ hold: LockHold, mutex m: Int) {
        if keepsDetail {
            mutexes[m].holds.append(hold)
        } else {
            let mutex = mutexes[m].timeline.id
            summary?.add(hold, of: mutex)
        }
    }

    // MARK: Wait groups

    mutating func waitGroupPosition(_ raw: UInt64, at time: UInt64) -> Int {
        waitGroupIndex.position(raw, in: &waitGroups) { WaitGroupBuild(timeline: WaitGroupTimeline(id: WaitGroupID(raw), created: time)) }
    }

    mutating func waitGroupEvent(_ typed: TypedEvent, _ e: Event) {
        switch typed {
        case .waitGroupMake(let v):
            let g = waitGroupPosition(v.group.rawValue, at: e.time)
            waitGroups[g].timeline.name = strings(v.name)
            waitGroups[g].timeline.created = e.time
            waitGroups[g].timeline.creator = e.task
        case .waitGroupAdd(let v):
            let g = waitGroupPosition(v.group.rawValue, at: e.time)
            keep(CounterChange(time: e.time, task: e.task, delta: v.delta, count: v.count), group: g)
        case .waitGroupDone(let v):
            let g = waitGroupPosition(v.group.rawValue, at: e.time)
            keep(CounterChange(time: e.time, task: e.task, delta: -1, count: v.count), group: g)
        case .waitGroupWait(let v):
            let g = waitGroupPosition(v.group.rawValue, at: e.time)
            guard let t = runningTask(e) else { return }
            closeUnblockedWait(t)
            tasks[t].openWait = OpenWait(isCondition: false, objectPosition: g, episode: waitGroups[g].waits.count, start: e.time)
            if !summarizes {
                waitGroups[g].waits.append(WaitEpisode(start: e.time, end: e.time, task: e.task, blocked: false, completed: false))
            }
        default:
            return
        }
    }

    /// A change of wait group position `g`'s counter: kept in the model, or only handed to the lints.
    private mutating func keep(_ change: CounterChange, group g: Int) {
        if !summarizes {
            waitGroups[g].timeline.changes.append(change)
        } else {
            lints?.counterChanged(waitGroups[g].timeline.id.rawValue, by: change.task, to: change.count, at: change.time)
        }
    }

    // MARK: Conditions

    mutating func conditionPosition(_ raw: UInt64, at time: UInt64) -> Int {
        conditionIndex.position(raw, in: &conditions) { ConditionBuild(timeline: ConditionTimeline(id: ConditionID(raw), created: time)) }
    }

    mutating func conditionEvent(_ typed: TypedEvent, _ e: Event) {
        switch typed {
        case .conditionMake(let v):
            let c = conditionPosition(v.condition.rawValue, at: e.time)
            conditions[c].timeline.mutex = v.mutex
            conditions[c].timeline.name = strings(v.name)
            conditions[c].timeline.created = e.time
            conditions[c].timeline.creator = e.task
        case .conditionWait(let v):
            let c = conditionPosition(v.condition.rawValue, at: e.time)
            guard let t = runningTask(e) else { return }
            closeUnblockedWait(t)
            // Waiting releases the condition's mutex.
            let mutex = conditions[c].timeline.mutex
            if let m = mutexIndex.position(mutex.rawValue), let open = mutexes[m].openHold, open.task == e.task {
                releaseHold(m, at: e.time)
            }
            tasks[t].openWait = OpenWait(isCondition: true, objectPosition: c, episode: conditions[c].waits.count, start: e.time)
            if !summarizes {
                conditions[c].waits.append(WaitEpisode(start: e.time, end: e.time, task: e.task, blocked: false, completed: false))
            }
        case .conditionSignal(let v):
            let c = conditionPosition(v.condition.rawValue, at: e.time)
            keep(ConditionSignal(time: e.time, task: e.task, broadcast: false, woken: v.woken,
                                 wokenCount: v.woken == .none ? 0 : 1), condition: c)
        case .conditionBroadcast(let v):
            let c = conditionPosition(v.condition.rawValue, at: e.time)
            keep(ConditionSignal(time: e.time, task: e.task, broadcast: true, woken: .none, wokenCount: v.woken), condition: c)
        default:
            return
        }
    }

    /// A signal or broadcast of condition position `c`: kept in the model, or only handed to the lints.
    private mutating func keep(_ signal: ConditionSignal, condition c: Int) {
        if !summarizes {
            conditions[c].timeline.signals.append(signal)
        } else if checksLints {
            let woken = signal.woken == .none ? nil : taskIndex.position(signal.woken.rawValue)
            lints?.signalled(conditions[c].timeline.id.rawValue, by: signal.task, waking: woken, broadcast: signal.broadcast,
                             at: signal.time)
        }
    }

    // MARK: Wait episodes

    /// Closes the task's open wait if it never blocked (the counter was already zero): it lasted no time.
    mutating func closeUnblockedWait(_ t: Int) {
        guard let wait = tasks[t].openWait, !wait.blocked else { return }
        closeWait(t, at: wait.start, waker: .none, completed: true)
    }

    mutating func closeWait(_ t: Int, at time: UInt64, waker: TaskID, completed: Bool) {
        guard let wait = tasks[t].openWait else { return }
        defer { tasks[t].openWait = nil }
        guard !summarizes else { return } // a summary keeps no episodes
        func close(_ episode: inout WaitEpisode) {
            episode.end = max(time, episode.start)
            episode.blocked = wait.blocked
            episode.waker = waker
            episode.completed = completed
        }
        if wait.isCondition { close(&conditions[wait.objectPosition].waits[wait.episode]) }
        else { close(&waitGroups[wait.objectPosition].waits[wait.episode]) }
    }
}
