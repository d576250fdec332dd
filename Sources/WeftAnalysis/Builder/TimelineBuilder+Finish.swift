import WeftTrace

extension TimelineState {
    /// Closes everything still open at the last event and returns the model. Call once, after the last `add`.
    mutating func finish() -> Timeline {
        let end = lastTime
        // Pieces closed now are joined at the cell reached, never a coarser one (lanes already handed over stay).
        coalescing?.detail.budget = .max
        run.start = firstTime ?? 0
        run.end = end
        if summarizes { run.samples = sampleExtremes.samples }

        var taskTimelines: [TaskTimeline] = []
        taskTimelines.reserveCapacity(tasks.count)
        for t in tasks.indices {
            if let wait = tasks[t].openWait {
                closeWait(t, at: end, waker: .none, completed: !wait.blocked)
            }
            if tasks[t].ended == nil {
                // Still alive: its open state lasts to the end of the trace (kept as the last interval).
                let state = tasks[t].state
                tasks[t].transition(to: state, at: end)
            }
            settleIntervals(t, holdingBack: false)
            let task = tasks[t]
            var regions = task.regions
            for (depth, open) in task.openRegions.enumerated() {
                regions.append(Region(start: open.start, end: max(end, open.start), name: open.name, depth: depth, closed: false))
            }
            taskTimelines.append(TaskTimeline(
                id: task.id, name: task.name, site: task.site, parent: task.parent, children: task.children,
                created: task.created, ended: task.ended, outcome: task.outcome, message: task.message,
                intervals: IntervalList(sorted: task.intervals), regions: IntervalList(unsorted: regions),
                lastWait: task.lastWait))
            tasks[t].intervals = [] // free as we go
        }

        var threadTimelines: [ThreadTimeline] = []
        for th in threads.indices {
            endSlice(thread: th, reason: nil, at: end)
            if let job = threads[th].actorJob {
                actors[job.actor].jobs.append(ActorJob(start: job.start, end: max(end, job.start), thread: threads[th].id))
                threads[th].actorJob = nil
            }
            let t = threads[th]
            var timeline = ThreadTimeline(id: t.id, tid: t.tid, role: t.role, index: t.index, started: t.started,
                                          stopped: t.stopped, slices: IntervalList(sorted: t.slices),
                                          wakes: IntervalList(sorted: t.wakes))
            timeline.starved = IntervalList(sorted: t.starved)
            threadTimelines.append(timeline)
            threads[th].slices = []
            threads[th].starved = []
            threads[th].wakes = []
        }

        var mutexTimelines: [MutexTimeline] = []
        for m in mutexes.indices {
            var build = mutexes[m]
            if var open = build.openHold {
                // Still held: the hold lasts to the end of the trace, unreleased.
                open.end = max(end, open.start)
                keep(open, mutex: m)
                build = mutexes[m]
            }
            build.timeline.holds = IntervalList(sorted: build.holds)
            mutexTimelines.append(build.timeline)
        }
        for task in tasks {
            if let request = task.lockRequest, let m = mutexIndex.position(request.mutex.rawValue) {
                mutexTimelines[m].pending.append(LockRequest(task: task.id, time: request.time))
            }
        }

        let waitGroupTimelines = waitGroups.map { build in
            var g = build.timeline
            g.waits = IntervalList(unsorted: build.waits)
            return g
        }
        let conditionTimelines = conditions.map { build in
            var c = build.timeline
            c.waits = IntervalList(unsorted: build.waits)
            return c
        }

        // The model's messages, and the list that held them (its places freed by joined ones, as large as it ever
        // was) let go before they are sorted. A summary reads the unpaired ones from it after this.
        let keptFlows = keepsDetail ? keptFlows() : []
        if keepsDetail {
            flows = []
            freeFlows = []
        }
        var timeline = Timeline(run: run, tasks: taskTimelines, threads: threadTimelines, channels: channels,
                                mutexes: [], waitGroups: waitGroupTimelines, conditions: conditionTimelines,
                                flows: IntervalList(unsorted: keptFlows), wakes: wakes, logs: logs)
        finishPrimitives(into: &timeline, mutexes: &mutexTimelines, at: end)
        timeline.setMutexes(mutexTimelines)
        timeline.joinedCell = coalescing?.resolution ?? 0
        timeline.actors = actors.sorted { $0.id < $1.id }.map { actor in
            var actor = actor
            actor.jobs.sort { $0.start < $1.start }
            return actor
        }
        return timeline
    }

    /// The messages the model keeps: all of them, less the ones a model for a picture dropped (their places free).
    private func keptFlows() -> [MessageFlow] {
        guard !freeFlows.isEmpty else { return flows }
        return flows.indices.filter { !isFreeFlow($0) }.map { flows[$0] }
    }
}
