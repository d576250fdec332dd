import WeftTrace

extension ChromeTraceWriter {
    /// Counter events: runnable and waiting tasks, each channel's occupancy, and the run's samples.
    func writeCounters() {
        writeTaskCounters()
        writeChannelCounters()
        let tid = firstTrackID
        for sample in timeline.run.samples {
            begin("C", name: sample.name, cat: "sample", ts: sample.time, tid: tid)
            beginArguments()
            key("value")
            out.uint(sample.value)
            endArguments()
            end()
            summary.counters += 1
        }
    }

    /// `tasks` with `runnable` and `waiting` (blocked or sleeping): one value at each time either changes.
    private func writeTaskCounters() {
        // Each change packed as time << 2 | code; codes: 0 runnable -1, 1 waiting -1, 2 runnable +1, 3 waiting +1.
        var changes: [UInt64] = []
        for task in timeline.tasks {
            let last = task.intervals.count - 1
            for (i, interval) in task.intervals.enumerated() {
                let waiting: UInt64
                switch interval.state.category {
                case .runnable: waiting = 0
                case .blocked, .sleeping: waiting = 1
                default: continue
                }
                changes.append(interval.start << 2 | 2 | waiting)
                // A task still alive at the end of the trace stays in its last state.
                if !(i == last && task.ended == nil) { changes.append(interval.end << 2 | waiting) }
            }
        }
        changes.sort()
        let tid = firstTrackID
        var runnable = 0, waiting = 0, i = 0
        while i < changes.count {
            let time = changes[i] >> 2
            while i < changes.count && changes[i] >> 2 == time {
                switch changes[i] & 3 {
                case 0: runnable -= 1
                case 1: waiting -= 1
                case 2: runnable += 1
                default: waiting += 1
                }
                i += 1
            }
            begin("C", name: "tasks", cat: "tasks", ts: time, tid: tid)
            beginArguments()
            key("runnable")
            out.uint(UInt64(max(runnable, 0)))
            key("waiting")
            out.uint(UInt64(max(waiting, 0)))
            endArguments()
            end()
            summary.counters += 1
        }
    }

    /// `channel NAME` with `messages`: sent and not yet received, from the channel's creation.
    private func writeChannelCounters() {
        guard !timeline.channels.isEmpty else { return }
        var position: [ChannelID: Int] = [:]
        for (i, channel) in timeline.channels.enumerated() { position[channel.id] = i }
        // Each change packed as time << 1 | up.
        var changes = [[UInt64]](repeating: [], count: timeline.channels.count)
        for flow in timeline.flows {
            guard let sent = flow.sent, let c = position[flow.channel] else { continue }
            changes[c].append(sent << 1 | 1)
            if let received = flow.received { changes[c].append(received << 1) }
        }
        let tid = firstTrackID
        for (c, channel) in timeline.channels.enumerated() {
            var list = changes[c]
            changes[c] = []
            list.sort()
            let name = "channel \(channel.label)"
            writeChannelValue(name, at: channel.created, 0, tid: tid)
            var count = 0, i = 0
            while i < list.count {
                let time = list[i] >> 1
                while i < list.count && list[i] >> 1 == time {
                    count += list[i] & 1 == 1 ? 1 : -1
                    i += 1
                }
                writeChannelValue(name, at: time, max(count, 0), tid: tid)
            }
        }
    }

    private func writeChannelValue(_ name: String, at time: UInt64, _ value: Int, tid: UInt64) {
        begin("C", name: name, cat: "channel", ts: time, tid: tid)
        beginArguments()
        key("messages")
        out.uint(UInt64(value))
        endArguments()
        end()
        summary.counters += 1
    }
}
