import WeftTrace

extension TimelineState {
    /// Task position `t` did at `time` what a wait for `reason` on object `raw` waits for (acquired the mutex, sent,
    /// received): the lints note it when that is the task's last wait (whether the runtime cut the wait short).
    mutating func noteAction(_ t: Int, _ reason: BlockReason, on raw: UInt64, at time: UInt64) {
        guard let wait = tasks[t].lastWait, wait.reason == reason, wait.object.rawValue == raw else { return }
        lints?.acted(t, at: time)
    }

    /// How many per-event records the builder holds now (messages waiting for their partner or free slots for
    /// them, unsettled intervals, kept slices, holds, read holds and wake-ups, log lines, samples, counter changes,
    /// signals, wait episodes, permit changes, ticks and cancellations): a figure for tests that reading in one pass
    /// does not keep the events.
    var retainedRecords: Int {
        flows.count + wakes.count + tasks.reduce(0) { $0 + $1.intervals.count }
            + threads.reduce(0) { $0 + $1.slices.count + $1.wakes.count }
            + mutexes.reduce(0) { $0 + $1.holds.count + $1.timeline.readHolds.count }
            + logs.count + (!summarizes ? run.samples.count : sampleExtremes.held)
            + waitGroups.reduce(0) { $0 + $1.timeline.changes.count + $1.waits.count }
            + conditions.reduce(0) { $0 + $1.timeline.signals.count + $1.waits.count }
            + primitives.semaphores.reduce(0) { $0 + $1.changes.count } + primitives.timers.reduce(0) { $0 + $1.ticks.count }
            + primitives.cancellations.count
    }
}
