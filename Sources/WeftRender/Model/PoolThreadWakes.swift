/// When a signalled pool thread was woken but had not yet run a task: the one definition the thread lane (drawn
/// "woken, waiting for a CPU", not free) and the task lanes (ready while it woke: the OS's share) share.
///
/// The pool signals a parked thread to take work; the thread records `threadWake` when it runs again, with how long
/// after the signal. Until it runs its next task it is the OS's to schedule: a thread that woke and then went
/// without a run slice lost its CPU (or had not been given one), so it is not free for another task to take. Each
/// stretch runs from the signal to the thread's next run slice, or to its next signal if that comes first.
enum PoolThreadWakes {
    /// The woken stretches of one pool thread, from its `wakes` (signal to `threadWake`, sorted by start) and its run
    /// `slices` (sorted, apart), sorted and apart.
    static func woken(_ wakes: [TimeSpan], slices: [ThreadSlice]) -> [TimeSpan] {
        var out: [TimeSpan] = []
        var next = 0
        for (i, wake) in wakes.enumerated() {
            // The first slice that starts at or after the thread ran again.
            while next < slices.count && slices[next].start < wake.end { next += 1 }
            var end = next < slices.count ? slices[next].start : wake.end
            if i + 1 < wakes.count { end = min(end, max(wakes[i + 1].start, wake.end)) }
            var start = wake.start
            if let last = out.last { start = max(start, last.end) }
            guard end > start else { continue }
            out.append(TimeSpan(start, end))
        }
        return out
    }
}
