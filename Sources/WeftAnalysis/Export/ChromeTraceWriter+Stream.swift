import WeftTrace

extension ChromeTraceWriter: TimelineStreamSink {
    /// Reads one event: the builder first (which hands on the slices and intervals it ends), then what the event
    /// shows itself: its instant, a flow's end, a counter's change.
    func add(_ e: Event) {
        noteFirst(e)
        builder.add(e)
        guard let typed = e.typed else { return }
        switch typed {
        case .threadStart: noteThreadStart(e)
        case .taskCreate(let v): taskCreated(v, e)
        case .runBegin(let v): runBegan(v, e)
        case .runEnd(let v): runEnded(v, e)
        case .channelMake(let v):
            setLabel(v.channel.rawValue, Self.label(strings(v.name), v.channel))
            channelSeen(v.channel.rawValue, at: e.time)
        case .send(let v): sent(v, e)
        case .receive(let v): received(v, e)
        case .close(let v): channelSeen(v.channel.rawValue, at: e.time)
        case .sendFailed(let v): channelSeen(v.channel.rawValue, at: e.time)
        case .selectWait(let v): channelSeen(v.channel.rawValue, at: e.time)
        case .sample(let v): writeSample(strings(v.name), v.value, at: e.time)
        case .mutexMake(let v): setLabel(v.mutex.rawValue, Self.label(strings(v.name), v.mutex))
        case .waitGroupMake(let v): setLabel(v.group.rawValue, Self.label(strings(v.name), v.group))
        case .conditionMake(let v): setLabel(v.condition.rawValue, Self.label(strings(v.name), v.condition))
        case .rwMutexMake(let v): setLabel(v.mutex.rawValue, Self.label(strings(v.name), v.mutex))
        case .onceMake(let v): setLabel(v.once.rawValue, Self.label(strings(v.name), v.once))
        case .semaphoreMake(let v): setLabel(v.semaphore.rawValue, Self.label(strings(v.name), v.semaphore))
        case .tickerMake(let v): setLabel(v.timer.rawValue, Self.label(strings(v.name), v.timer))
        case .timerMake(let v): setLabel(v.timer.rawValue, Self.label(strings(v.name), v.timer))
        case .actorMake(let v):
            let type = strings(v.type)
            setLabel(v.actor.rawValue, Self.label(type, v.actor))
            actorTypes[v.actor.rawValue] = type
        case .actorJobBegin: openActorStretch[e.thread.rawValue] = e.time
        case .actorSlice:
            if openActorStretch[e.thread.rawValue] != nil { openActorStretch[e.thread.rawValue] = e.time }
        case .actorJobEnd: openActorStretch[e.thread.rawValue] = nil
        default: break
        }
        if options.instants { writeInstant(e) }
        if !countBuckets.isEmpty && countBuckets[0].time < e.time { writeTaskCounts(before: e.time) }
    }

    /// Ends the export: the builder closes what is still open at the last event (handing on the last slices and
    /// intervals), then what is still held is written, then the tracks' names and the run's facts.
    func finish() {
        finishing = true
        timeline = builder.finish()
        builder.stream(to: nil)
        flushWaitingEnds()
        for (_, waiting) in slicesAwaitingWait.sorted(by: { $0.key < $1.key }) {
            writeThreadSlice(waiting.slice, on: waiting.thread, wait: nil)
        }
        slicesAwaitingWait = [:]
        flushCounters()
        writeMetadata()
        out.raw("\n],\n\"otherData\":")
        writeOtherData()
        out.raw("}\n")
    }

    /// Remembers the first thread and task the model will list first (the counters' track).
    @inline(__always)
    private func noteFirst(_ e: Event) {
        defer { if !earlyCounters.isEmpty && firstTrackKnown { writeEarlyCounters() } }
        if firstThread == nil {
            switch e.kind {
            case .threadStart, .threadStop, .threadWake, .runBegin, .runEnd, .actorJobBegin, .actorJobEnd, .actorSlice:
                firstThread = e.thread
            default: break
            }
        }
        if firstTask == nil {
            if let create = TaskCreateEvent(e) { firstTask = create.task }
            else if let begin = RunBeginEvent(e) { firstTask = begin.task }
            else if e.task != .none { firstTask = e.task }
        }
    }

    /// Sets an object's label (and counts it, so that channels compare their labels only after a change).
    private func setLabel(_ raw: UInt64, _ label: String) {
        objectLabels[raw] = label
        labelsSet += 1
    }

    static func label(_ name: String, _ id: some CustomStringConvertible) -> String {
        name.isEmpty ? id.description : name
    }

    // MARK: From the builder

    func slice(_ slice: RunSlice, on thread: ThreadID) {
        guard options.lanes == .threads else { return }
        enclosingEnded(thread.rawValue, slice.start, slice.end, running: true)
        if slice.endReason == .blocked {
            // What it waits for is the task's next interval's state, not known yet.
            if let earlier = slicesAwaitingWait.updateValue((slice, thread), forKey: slice.task.rawValue) {
                writeThreadSlice(earlier.slice, on: earlier.thread, wait: nil)
            }
            noteHeld()
        } else {
            writeThreadSlice(slice, on: thread, wait: nil)
        }
    }

    func interval(_ interval: StateInterval, of task: TaskID) {
        countInterval(interval, of: task)
        switch options.lanes {
        case .threads:
            guard let waiting = slicesAwaitingWait[task.rawValue] else { return }
            let end = waiting.slice.end
            if interval.start <= end && end < interval.end {
                slicesAwaitingWait[task.rawValue] = nil
                writeThreadSlice(waiting.slice, on: waiting.thread, wait: interval.state)
            } else if interval.start > end {
                slicesAwaitingWait[task.rawValue] = nil
                writeThreadSlice(waiting.slice, on: waiting.thread, wait: nil)
            }
        case .tasks:
            enclosingEnded(task.rawValue, interval.start, interval.end, running: interval.state.category == .running)
            writeTaskSlice(interval, of: task)
        }
    }

    func state(of task: TaskID, _ state: TaskState, since: UInt64) {
        countState(state, of: task, since: since)
    }
}
