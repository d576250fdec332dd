import WeftTrace

/// One time's changes to the tasks counter, not yet written.
struct TaskCountBucket {
    var time: UInt64
    var runnable = 0
    var waiting = 0
    /// Changes at this time (a state that lasted no time takes its change back); no value is written for none.
    var changes = 0
}

/// A counter value held until the counters' track is known.
struct EarlyCounter {
    var name: String
    var category: StaticString
    var key: StaticString
    var time: UInt64
    var value: UInt64
}

/// A channel's occupancy while it is exported: its counter's name, the messages sent and not yet received, and
/// the value of the time being summed (written once the time has passed).
struct ChannelCount {
    /// The channel's label, and the opening of its counter's trace events (`channel LABEL`), worked out once.
    private(set) var label: String
    private(set) var head: JSONFragment
    var count = 0
    var pending: (time: UInt64, value: Int)?
    /// `ChromeTraceWriter.labelsSet` when the label was last compared with the objects' labels.
    var labelsChecked = 0

    init(label: String) {
        self.label = label
        head = ChromeTraceWriter.head("C", name: "channel " + label, cat: "channel")
    }

    /// Renames the channel (a channel made after it was first seen takes its name).
    mutating func rename(_ label: String) {
        self.label = label
        head = ChromeTraceWriter.head("C", name: "channel " + label, cat: "channel")
    }
}

extension ChromeTraceWriter {
    // MARK: Tasks runnable and waiting

    /// The counted category of a state: 0 runnable, 1 waiting (blocked or sleeping), -1 neither.
    @inline(__always)
    static func countedCategory(_ state: TaskState) -> Int8 {
        switch state {
        case .runnable: 0
        case .blocked, .sleeping: 1
        case .running, .finished: -1
        }
    }

    /// A task's interval ended: it counted from its start (already, when its state was seen then) to its end (a
    /// task still alive at the end of the trace stays counted in its last state).
    func countInterval(_ interval: StateInterval, of task: TaskID) {
        let category = Self.countedCategory(interval.state)
        var counted = false
        if let seen = countedState[task.rawValue], seen.since == interval.start, seen.category == category {
            counted = true
            countedState[task.rawValue] = nil
        }
        guard category >= 0 else { return }
        if !counted { taskCountChanged(category, by: 1, at: interval.start) }
        if !finishing { taskCountChanged(category, by: -1, at: interval.end) }
    }

    /// A task's open state after an event: counted from `since`. A state seen before that ended without an
    /// interval lasted no time (the model drops it): its count is taken back.
    func countState(_ state: TaskState, of task: TaskID, since: UInt64) {
        guard !finishing else { return }
        let category = Self.countedCategory(state)
        if let seen = countedState[task.rawValue] {
            if seen.category == category && seen.since == since { return }
            if seen.category >= 0 { taskCountChanged(seen.category, by: -1, at: seen.since, changes: -1) }
        }
        if case .finished = state {
            countedState[task.rawValue] = nil
            return
        }
        countedState[task.rawValue] = (category, since)
        if category >= 0 { taskCountChanged(category, by: 1, at: since) }
    }

    /// Adds a change to the tasks counter at `time`, into that time's bucket (one value at each time either
    /// count changes, written once no later event can change it).
    private func taskCountChanged(_ category: Int8, by delta: Int, at time: UInt64, changes: Int = 1) {
        var i = countBuckets.count
        while i > 0 && countBuckets[i - 1].time > time { i -= 1 }
        if i == 0 || countBuckets[i - 1].time != time {
            countBuckets.insert(TaskCountBucket(time: time), at: i)
            i += 1
        }
        if category == 0 { countBuckets[i - 1].runnable += delta } else { countBuckets[i - 1].waiting += delta }
        countBuckets[i - 1].changes += changes
    }

    /// Writes `tasks` with `runnable` and `waiting` for each time no event can change any more: before `time` (the
    /// event being read), and before the start of any actor stretch still open.
    func writeTaskCounts(before time: UInt64) {
        var limit = time
        for start in openActorStretch.values where start < limit { limit = start }
        var n = 0
        while n < countBuckets.count && countBuckets[n].time < limit {
            let bucket = countBuckets[n]
            n += 1
            runnable += bucket.runnable
            waiting += bucket.waiting
            guard bucket.changes > 0 else { continue }
            begin(tasksCounterHead, ts: bucket.time, tid: firstTrackID)
            beginArguments()
            key("runnable")
            out.uint(UInt64(max(runnable, 0)))
            key("waiting")
            out.uint(UInt64(max(waiting, 0)))
            endArguments()
            end()
            summary.counters += 1
        }
        if n > 0 { countBuckets.removeFirst(n) }
    }

    // MARK: Channels

    /// A channel seen for the first time starts its counter at 0 (`channel NAME` with `messages`); a channel made
    /// after it was first seen takes its name.
    func channelSeen(_ raw: UInt64, at time: UInt64) { _ = channelIndex(raw, at: time) }

    /// The channel's place in `channels`, after `channelSeen`'s work. Its label is compared with the objects' labels
    /// only when one was set since it last was.
    private func channelIndex(_ raw: UInt64, at time: UInt64) -> Dictionary<UInt64, ChannelCount>.Index {
        if let known = channels.index(forKey: raw) {
            if channels.values[known].labelsChecked != labelsSet {
                channels.values[known].labelsChecked = labelsSet
                if let label = objectLabels[raw], channels.values[known].label != label { channels.values[known].rename(label) }
            }
            return known
        }
        var channel = ChannelCount(label: objectLabels[raw] ?? ChannelID(raw).description)
        channel.labelsChecked = labelsSet
        channels[raw] = channel
        writeChannelValue(channel, at: time, 0)
        return channels.index(forKey: raw)!
    }

    /// A message more (`delta` 1) or fewer (-1) in a channel at `time`.
    func channelChanged(_ raw: UInt64, by delta: Int, at time: UInt64) {
        let i = channelIndex(raw, at: time)
        if let pending = channels.values[i].pending, pending.time != time {
            writeChannelValue(channels.values[i], at: pending.time, pending.value)
        }
        channels.values[i].count += delta
        channels.values[i].pending = (time, max(channels.values[i].count, 0))
    }

    private func writeChannelValue(_ channel: ChannelCount, at time: UInt64, _ value: Int) {
        writeCounter("channel " + channel.label, head: channel.head, category: "channel", key: "messages", at: time, UInt64(value))
    }

    /// Writes a counter of one value on the counters' track (through `head` when its opening is prepared), or holds
    /// it until that track is known.
    private func writeCounter(_ name: @autoclosure () -> String, head: JSONFragment? = nil, category: StaticString,
                              key argument: StaticString, at time: UInt64, _ value: UInt64) {
        if !firstTrackKnown && earlyCounters.count < Self.earlyCounterCap {
            earlyCounters.append(EarlyCounter(name: name(), category: category, key: argument, time: time, value: value))
            return
        }
        if let head { begin(head, ts: time, tid: firstTrackID) } else { begin("C", name: name(), cat: category, ts: time, tid: firstTrackID) }
        beginArguments()
        key(argument)
        out.uint(value)
        endArguments()
        end()
        summary.counters += 1
    }

    /// Whether the counters' track is known: the first thread (thread lanes) or task (task lanes) is read.
    var firstTrackKnown: Bool { options.lanes == .threads ? firstThread != nil : firstTask != nil }

    /// Writes the counter values held until the counters' track was known.
    func writeEarlyCounters() {
        let held = earlyCounters
        earlyCounters = []
        for c in held {
            begin("C", name: c.name, cat: c.category, ts: c.time, tid: firstTrackID)
            beginArguments()
            key(c.key)
            out.uint(c.value)
            endArguments()
            end()
            summary.counters += 1
        }
    }

    // MARK: Samples, and the end

    /// A sample of the run (`peak_rss_bytes`, …) as a counter, at once.
    func writeSample(_ name: String, _ value: UInt64, at time: UInt64) {
        writeCounter(name, category: "sample", key: "value", at: time, value)
    }

    /// Writes the counter values whose time had not passed yet.
    func flushCounters() {
        writeEarlyCounters()
        writeTaskCounts(before: .max)
        for raw in channels.keys.sorted() {
            guard let pending = channels[raw]?.pending else { continue }
            writeChannelValue(channels[raw]!, at: pending.time, pending.value)
            channels[raw]?.pending = nil
        }
    }
}
