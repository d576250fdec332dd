import WeftTrace

/// When a signalled pool thread was woken but had not yet run: the one definition the thread lane (drawn "woken,
/// waiting for a CPU", not free) and the task lanes (ready while it woke: the OS's share) share.
///
/// The pool signals a parked thread to take work; the thread records `threadWake` when it runs again, with how long
/// after the signal: that delay is the OS's, and each stretch is it, from the signal to `threadWake`. What the thread
/// did next the trace shows only as run slices: between `threadWake` and its next slice it may have spun, napped,
/// parked again, left a lone job to its owner's queue (the pool's rule), or run a job Weft does not record (the
/// wake-up job of Swift's `Task.sleep`, which resumes the sleeper), so that stretch is not the OS's, however late the
/// next task came. The one exception the trace shows exactly: the next slice (before any later signal) ran a task
/// ready without a break since before `threadWake` whose job a thread outside the pool (not the timer) put in the
/// pool's shared queue (`sharedQueue`), which a woken thread looks in first, after its own empty queue. The thread
/// then did not run although work it takes first was there: the stretch goes on to that slice.
enum PoolThreadWakes {
    /// The woken stretches of one pool thread, from its `wakes` (signal to `threadWake`, sorted by start), its run
    /// `slices` (sorted, apart) and, per task, its ready stretches that began in the pool's shared queue
    /// (`sharedQueue`: sorted, apart), sorted and apart.
    static func woken(_ wakes: [TimeSpan], slices: [ThreadSlice], sharedQueue: [TaskID: [TimeSpan]]) -> [TimeSpan] {
        var out: [TimeSpan] = []
        var next = 0
        for (i, wake) in wakes.enumerated() {
            // The first slice that starts at or after the thread ran again.
            while next < slices.count && slices[next].start < wake.end { next += 1 }
            var end = wake.end
            if next < slices.count, i + 1 == wakes.count || slices[next].start <= wakes[i + 1].start,
               Self.wasReady(slices[next].task, from: wake.end, to: slices[next].start, in: sharedQueue) {
                end = slices[next].start
            }
            var start = wake.start
            if let last = out.last { start = max(start, last.end) }
            guard end > start else { continue }
            out.append(TimeSpan(start, end))
        }
        return out
    }

    /// Whether `task` was ready over all of `from` – `to`: one of its `ready` stretches (sorted, apart) holds both.
    static func wasReady(_ task: TaskID, from: UInt64, to: UInt64, in ready: [TaskID: [TimeSpan]]) -> Bool {
        guard let spans = ready[task] else { return false }
        // The last stretch that starts at or before `from`.
        let index = spans.partitionPoint { $0.start > from } - 1
        return index >= 0 && spans[index].end >= to
    }

    /// A task's ready stretches (`LaneState.isReady`, adjacent ones joined) from its lane's `spans` (sorted, apart)
    /// that began at one of `starts` (sorted): the wakes that put its job in the pool's shared queue.
    static func readyStretches(_ spans: [StateSpan], beganAt starts: [UInt64]) -> [TimeSpan] {
        var joined: [TimeSpan] = []
        for span in spans where span.state.isReady && span.end > span.start {
            if let last = joined.last, last.end >= span.start {
                joined[joined.count - 1].end = max(last.end, span.end)
            } else {
                joined.append(TimeSpan(span.start, span.end))
            }
        }
        return joined.filter { stretch in
            let index = starts.partitionPoint { $0 >= stretch.start }
            return index < starts.count && starts[index] == stretch.start
        }
    }
}
