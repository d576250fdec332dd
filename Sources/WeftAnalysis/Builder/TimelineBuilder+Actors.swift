import WeftTrace

/// Actor jobs and the task code they ran. A stretch of an actor job that an `actorSlice` names becomes a run slice of
/// that task on the job's thread, marked with the actor; the suspension before it, which ended when the task's code
/// got onto the actor, becomes a wait for the actor.
extension TimelineState {
    /// The position of an actor, created when new.
    mutating func actorPosition(_ id: ActorID) -> Int {
        actorIndex.position(id.rawValue, in: &actors) { ActorTimeline(id: id, typeName: "") }
    }

    mutating func actorJobBegin(_ v: ActorJobBeginEvent, _ e: Event) {
        let th = threadPosition(e.thread, at: e.time)
        if threads[th].actorJob != nil {
            anomaly(e, "an actor job began on \(e.thread) while another was running there")
            closeActorJob(thread: th, at: e.time)
        }
        threads[th].actorJob = (actorPosition(v.actor), e.time, e.time)
        let thread = threads[th].id
        lints?.actorStretch(on: thread, from: e.time)
    }

    mutating func actorJobEnd(_ v: ActorJobEndEvent, _ e: Event) {
        let th = threadPosition(e.thread, at: e.time)
        guard let job = threads[th].actorJob, actors[job.actor].id == v.actor else {
            anomaly(e, "\(v.actor)'s job ended on \(e.thread), where it was not running")
            return
        }
        closeActorJob(thread: th, at: e.time)
    }

    mutating func actorSlice(_ v: ActorSliceEvent, _ e: Event) {
        let th = threadPosition(e.thread, at: e.time)
        guard let job = threads[th].actorJob, actors[job.actor].id == v.actor else {
            anomaly(e, "\(v.task) left \(v.actor) on \(e.thread), where no job of that actor was running")
            return
        }
        var start = job.stretch
        threads[th].actorJob?.stretch = e.time
        // After the stretch's slice (if any) is kept below: the waits it overlaps count it first.
        let thread = threads[th].id
        defer { lints?.actorStretch(on: thread, from: e.time) }
        guard v.task != .none else {
            actors[job.actor].visits.append(ActorVisit(start: start, end: e.time, task: v.task, thread: e.thread))
            return
        }
        let t = taskPosition(v.task, at: e.time)
        // The task's last slice ended suspended on its way to the actor (the runtime records that end before the
        // task's `actorSlice`); anything else means the stretch is not its code, so its states stay as recorded.
        guard case .blocked(_, let reason) = tasks[t].state, reason == .suspended || reason == .actor,
              tasks[t].stateStart <= e.time, tasks[t].ended == nil else {
            anomaly(e, "\(v.task) left \(v.actor), but it was not suspended on its way there")
            actors[job.actor].visits.append(ActorVisit(start: start, end: e.time, task: .none, thread: e.thread))
            return
        }
        // The actor may have taken the task's code while the thread of its slice was still recording the slice's
        // end: its code on the actor starts, at the earliest, where that slice ended.
        start = max(start, tasks[t].stateStart)
        actors[job.actor].visits.append(ActorVisit(start: start, end: e.time, task: v.task, thread: e.thread))
        enterActor(t, actor: job.actor, thread: th)
        tasks[t].state = .blocked(object: v.actor.object, reason: .actor)
        if tasks[t].lastWait?.reason == .suspended {
            tasks[t].lastWait?.reason = .actor
            tasks[t].lastWait?.object = v.actor.object
            tasks[t].lastWait?.woken = start
        }
        let migrated = tasks[t].lastThread.map { $0 != e.thread } ?? false
        tasks[t].transition(to: .running(e.thread), at: start)
        tasks[t].transition(to: .runnable(.yielded), at: e.time)
        tasks[t].lastThread = e.thread
        tasks[t].leftActor = true
        settleIntervals(t)
        keep(RunSlice(start: start, end: max(e.time, start), task: v.task, endReason: .yielded, migrated: migrated,
                      actor: v.actor), thread: th)
    }

    /// Closes the actor job open on a thread.
    private mutating func closeActorJob(thread th: Int, at time: UInt64) {
        guard let job = threads[th].actorJob else { return }
        actors[job.actor].jobs.append(ActorJob(start: job.start, end: max(time, job.start), thread: threads[th].id))
        threads[th].actorJob = nil
        let thread = threads[th].id
        lints?.actorStretch(on: thread, from: nil)
    }
}
