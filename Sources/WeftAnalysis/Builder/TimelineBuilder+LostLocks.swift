import WeftTrace

/// Lost locks: a mutex is not handed over on unlock. The unlock wakes a waiter, which must take the lock again when
/// its thread runs; a task that takes it first, while the woken task is still ready to run, holds it until it lets go,
/// and the woken task could not have had the lock then, whatever its thread did. From that take to that release the
/// woken task is blocked on the mutex again, not runnable (`TaskState.blocked(object:reason:)` with reason `.mutex`
/// entered straight from `.runnable`: the one place the model enters a mutex wait without the task running first).
///
/// The state needed is a few task positions per mutex (the tasks that asked for it and have not got it) and one record
/// per task in such a stretch: no list grows with the events.
extension TimelineState {
    /// Task position `t` asked for mutex position `m` at `time`.
    mutating func noteLockRequest(_ t: Int, mutex m: Int) {
        if let earlier = tasks[t].lockRequest, let old = mutexIndex.position(earlier.mutex.rawValue), old != m {
            mutexes[old].waiters.removeAll { $0 == t }
        }
        if !mutexes[m].waiters.contains(t) { mutexes[m].waiters.append(t) }
    }

    /// Task position `t` took mutex position `m` at `time`: it waits no more, and each other task that asked for the
    /// mutex before then and is ready to run (woken for it) lost it.
    mutating func lockTaken(_ m: Int, by t: Int, at time: UInt64) {
        let mutex = mutexes[m].timeline.id
        mutexes[m].waiters.removeAll { $0 == t || tasks[$0].lockRequest?.mutex != mutex || tasks[$0].ended != nil }
        guard !mutexes[m].timeline.isReadWrite else { return }
        for w in mutexes[m].waiters {
            guard let request = tasks[w].lockRequest, request.time < time else { continue }
            loseLock(w, mutex: m, at: time)
        }
    }

    /// Mutex position `m` was let go at `time`: the tasks that had lost it to the holder are ready to run again, as
    /// they were when they lost it.
    mutating func lockLetGo(_ m: Int, at time: UInt64) {
        for w in mutexes[m].waiters {
            guard let lost = tasks[w].lostLock, lost.mutex == m else { continue }
            tasks[w].lostLock = nil
            // Still in that wait (not woken or run since): ready again.
            guard case .blocked(_, .mutex?) = tasks[w].state, tasks[w].stateStart == lost.since else { continue }
            tasks[w].transition(to: .runnable(lost.cause), at: time)
            settleIntervals(w)
        }
    }

    /// Task position `t` was just woken at `time`: when the mutex it asked for is held by a task that took it after
    /// the request, it lost the lock before it could run, and is blocked on it again at once.
    mutating func lockLostBeforeWake(_ t: Int, at time: UInt64) {
        guard let request = tasks[t].lockRequest, let m = mutexIndex.position(request.mutex.rawValue),
              !mutexes[m].timeline.isReadWrite, let hold = mutexes[m].openHold,
              hold.task != tasks[t].id, hold.start > request.time else { return }
        loseLock(t, mutex: m, at: time)
    }

    /// Task position `t`, when ready to run, is blocked on mutex position `m` from `time`: another task took it.
    private mutating func loseLock(_ t: Int, mutex m: Int, at time: UInt64) {
        guard case .runnable(let cause) = tasks[t].state, tasks[t].ended == nil else { return }
        tasks[t].transition(to: .blocked(object: mutexes[m].timeline.id.object, reason: .mutex), at: time)
        tasks[t].lostLock = (m, tasks[t].stateStart, cause)
        settleIntervals(t)
    }
}
