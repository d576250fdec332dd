import WeftTrace

/// The builder's state for the later primitives: read-write mutexes' readers, semaphores, onces, tickers and timers,
/// cancellations, and the channels' non-blocking and timed operations.
struct PrimitiveBuild {
    var semaphores: [SemaphoreTimeline] = []
    var semaphoreIndex: [UInt64: Int] = [:]
    var onces: [OnceTimeline] = []
    var onceIndex: [UInt64: Int] = [:]
    var timers: [TimerTimeline] = []
    var timerIndex: [UInt64: Int] = [:]
    var cancellations: [Cancellation] = []
    /// Timeouts that fired, in order.
    var timeouts: [FiredTimeout] = []
    /// Per task: its read request not yet granted (mutex raw id, time).
    var readRequests: [TaskID: (mutex: UInt64, time: UInt64)] = [:]
    /// Per read-write mutex position: the open read hold of each reading task (index into `readHolds`; 0 when the
    /// builder only summarises).
    var openReads: [Int: [TaskID: Int]] = [:]
    /// When summarising, per read-write mutex position: the tasks whose read hold was left open by another read
    /// acquisition of theirs (the model keeps such a hold unreleased, lasting no time).
    var overlaidReads: [Int: Set<TaskID>] = [:]
    /// When summarising, the tasks cancelled so far (a summary keeps one cancellation per task).
    var cancelled: Set<TaskID> = []
}

extension TimelineState {
    /// Reads one event of the later primitives into the model.
    mutating func primitiveEvent(_ typed: TypedEvent, _ e: Event) {
        switch typed {
        case .rwMutexMake(let v):
            let m = mutexPosition(v.mutex.rawValue, at: e.time)
            mutexes[m].timeline.name = strings(v.name)
            mutexes[m].timeline.created = e.time
            mutexes[m].timeline.creator = e.task
            mutexes[m].timeline.isReadWrite = true
        case .readRequest(let v):
            guard runningTask(e) != nil else { return }
            primitives.readRequests[e.task] = (v.mutex.rawValue, e.time)
        case .readAcquire(let v):
            guard let t = runningTask(e) else { return }
            let m = mutexPosition(v.mutex.rawValue, at: e.time)
            var requested = e.time
            if let request = primitives.readRequests[e.task], request.mutex == v.mutex.rawValue {
                requested = request.time
                primitives.readRequests[e.task] = nil
            }
            let blocked = tasks[t].lastBlock.map { $0.reason == .readLock && $0.object.rawValue == v.mutex.rawValue } ?? false
            if summarizes {
                if primitives.openReads[m]?[e.task] != nil {
                    // The hold it overlays stays unreleased in the model, lasting no time.
                    primitives.overlaidReads[m, default: []].insert(e.task)
                    summary?.readReleased(v.mutex.rawValue, at: e.time)
                }
                primitives.openReads[m, default: [:]][e.task] = 0
                summary?.readAcquired(v.mutex.rawValue, at: e.time)
                if checksLints {
                    lints?.readAcquired(v.mutex.rawValue)
                    noteAction(t, .readLock, on: v.mutex.rawValue, at: e.time)
                }
                return
            }
            primitives.openReads[m, default: [:]][e.task] = mutexes[m].timeline.readHolds.count
            mutexes[m].timeline.readHolds.append(LockHold(start: e.time, end: e.time, task: e.task, requested: requested,
                                                          contended: blocked, released: false))
        case .readRelease(let v):
            guard runningTask(e) != nil else { return }
            let m = mutexPosition(v.mutex.rawValue, at: e.time)
            guard let open = primitives.openReads[m]?[e.task] else {
                anomaly(e, "\(e.task) released a read hold of \(v.mutex) it does not have")
                return
            }
            primitives.openReads[m]?[e.task] = nil
            guard !summarizes else {
                summary?.readReleased(v.mutex.rawValue, at: e.time)
                return
            }
            mutexes[m].timeline.readHolds[open].end = max(e.time, mutexes[m].timeline.readHolds[open].start)
            mutexes[m].timeline.readHolds[open].released = true
        case .onceMake(let v):
            let o = oncePosition(v.once.rawValue, at: e.time)
            primitives.onces[o].name = strings(v.name)
            primitives.onces[o].created = e.time
            primitives.onces[o].creator = e.task
        case .onceBegin(let v):
            let o = oncePosition(v.once.rawValue, at: e.time)
            primitives.onces[o].runner = e.task
            primitives.onces[o].began = e.time
        case .onceEnd(let v):
            let o = oncePosition(v.once.rawValue, at: e.time)
            primitives.onces[o].ended = e.time
        case .semaphoreMake(let v):
            let s = semaphorePosition(v.semaphore.rawValue, at: e.time)
            primitives.semaphores[s].name = strings(v.name)
            primitives.semaphores[s].permits = v.permits
            primitives.semaphores[s].created = e.time
            primitives.semaphores[s].creator = e.task
        case .semaphoreAcquire(let v):
            let s = semaphorePosition(v.semaphore.rawValue, at: e.time)
            keep(PermitChange(time: e.time, task: e.task, weight: Int64(clamping: v.weight), available: v.available),
                 semaphore: s)
        case .semaphoreRelease(let v):
            let s = semaphorePosition(v.semaphore.rawValue, at: e.time)
            keep(PermitChange(time: e.time, task: e.task, weight: -Int64(clamping: v.weight), available: v.available),
                 semaphore: s)
        case .tickerMake(let v):
            makeTimer(v.timer, name: v.name, isTicker: true, interval: v.period, e)
        case .timerMake(let v):
            makeTimer(v.timer, name: v.name, isTicker: false, interval: v.delay, e)
        case .tick(let v):
            keep(TimerTick(time: e.time, task: e.task, tick: v.tick, missed: v.missed), timer: timerPosition(v.timer.rawValue, at: e.time))
        case .timerFire(let v):
            keep(TimerTick(time: e.time, task: e.task, tick: 1, missed: 0), timer: timerPosition(v.timer.rawValue, at: e.time))
        case .tickerStop(let v):
            primitives.timers[timerPosition(v.timer.rawValue, at: e.time)].stopped = e.time
        case .timerStop(let v):
            primitives.timers[timerPosition(v.timer.rawValue, at: e.time)].stopped = e.time
        case .taskCancel(let v):
            // A summary needs only which tasks were cancelled.
            if !summarizes || primitives.cancelled.insert(v.task).inserted {
                primitives.cancellations.append(Cancellation(time: e.time, canceller: e.task, task: v.task))
            }
        case .trySendMiss(let v):
            channels[channelPosition(v.channel.rawValue, at: e.time)].trySendMisses += 1
        case .tryReceiveMiss(let v):
            channels[channelPosition(v.channel.rawValue, at: e.time)].tryReceiveMisses += 1
        case .receiveTimeout(let v):
            channels[channelPosition(v.channel.rawValue, at: e.time)].receiveTimeouts += 1
            keep(FiredTimeout(time: e.time, task: e.task, channel: v.channel))
        default:
            break
        }
    }

    /// A change of semaphore position `s`'s permits: kept in the model, or only counted.
    private mutating func keep(_ change: PermitChange, semaphore s: Int) {
        guard summarizes else {
            primitives.semaphores[s].changes.append(change)
            return
        }
        let raw = primitives.semaphores[s].id.rawValue
        summary?.add(change, of: raw)
        if checksLints {
            lints?.permitsChanged(raw, by: change.task, weight: change.weight)
            if change.weight > 0, change.task != .none, let t = taskIndex.position(change.task.rawValue) {
                noteAction(t, .semaphore, on: raw, at: change.time)
            }
        }
    }

    /// A tick of timer position `p`: kept in the model, or only counted.
    private mutating func keep(_ tick: TimerTick, timer p: Int) {
        if !summarizes {
            primitives.timers[p].ticks.append(tick)
        } else {
            let timer = primitives.timers[p].id.rawValue
            summary?.add(tick, of: timer)
        }
    }

    /// Keeps a fired timeout for the model (a summary, which keeps no instants, drops it).
    mutating func keep(_ timeout: FiredTimeout) {
        if !summarizes { primitives.timeouts.append(timeout) }
    }

    private mutating func makeTimer(_ id: TimerID, name: StringID, isTicker: Bool, interval: UInt64, _ e: Event) {
        let p = timerPosition(id.rawValue, at: e.time)
        primitives.timers[p].name = strings(name)
        primitives.timers[p].isTicker = isTicker
        primitives.timers[p].interval = interval
        primitives.timers[p].created = e.time
        primitives.timers[p].creator = e.task
    }

    private mutating func semaphorePosition(_ raw: UInt64, at time: UInt64) -> Int {
        if let p = primitives.semaphoreIndex[raw] { return p }
        primitives.semaphores.append(SemaphoreTimeline(id: SemaphoreID(raw), created: time))
        primitives.semaphoreIndex[raw] = primitives.semaphores.count - 1
        return primitives.semaphores.count - 1
    }

    private mutating func oncePosition(_ raw: UInt64, at time: UInt64) -> Int {
        if let p = primitives.onceIndex[raw] { return p }
        primitives.onces.append(OnceTimeline(id: OnceID(raw), created: time))
        primitives.onceIndex[raw] = primitives.onces.count - 1
        return primitives.onces.count - 1
    }

    private mutating func timerPosition(_ raw: UInt64, at time: UInt64) -> Int {
        if let p = primitives.timerIndex[raw] { return p }
        primitives.timers.append(TimerTimeline(id: TimerID(raw), created: time))
        primitives.timerIndex[raw] = primitives.timers.count - 1
        return primitives.timers.count - 1
    }

    /// The tasks of each read hold still open, by read-write mutex raw id.
    func readersAtEnd() -> [UInt64: Set<TaskID>] {
        var readers: [UInt64: Set<TaskID>] = [:]
        for (m, open) in primitives.openReads where !open.isEmpty {
            readers[mutexes[m].timeline.id.rawValue, default: []].formUnion(open.keys)
        }
        for (m, tasks) in primitives.overlaidReads { readers[mutexes[m].timeline.id.rawValue, default: []].formUnion(tasks) }
        return readers
    }

    /// Closes the read holds still open at `end` (kept unreleased) and adds the primitives to `timeline`.
    mutating func finishPrimitives(into timeline: inout Timeline, mutexes mutexTimelines: inout [MutexTimeline], at end: UInt64) {
        for (m, open) in primitives.openReads {
            for (_, hold) in open {
                if summarizes {
                    summary?.readReleased(mutexTimelines[m].id.rawValue, at: end)
                } else {
                    mutexTimelines[m].readHolds[hold].end = max(end, mutexTimelines[m].readHolds[hold].start)
                }
            }
        }
        timeline.addPrimitives(semaphores: primitives.semaphores, onces: primitives.onces, timers: primitives.timers,
                               cancellations: primitives.cancellations, timeouts: primitives.timeouts)
    }
}
