import WeftTrace

/// The stretches in which the OS did not run a pool thread that had work: the one definition the picture (a pool
/// thread drawn held in the waiting task's colour, not free) and the verdict (`RunFigures.frozenPoolThread`) share.
///
/// A pool thread that the OS runs never goes long without taking work it can see: with nothing to do it spins and
/// naps for up to 100 µs before it parks, and a parked thread records `threadWake` when woken. So a gap between two of
/// a pool thread's slices longer than `looksWithin`, with no wake recorded in it, through which the task the thread
/// ran next had been ready since the first slice ended (spawned or woken by a task on that thread, or yielded on it:
/// in its own queue), is time the OS kept the thread from running. None under virtual time.
public struct FrozenPoolThreads: Sendable, Equatable {
    /// One stretch: the pool thread, when, and the task that waited in its queue.
    public struct Stretch: Sendable, Equatable {
        public var thread: ThreadID
        public var start: UInt64
        public var end: UInt64
        public var task: TaskID

        public init(thread: ThreadID, start: UInt64, end: UInt64, task: TaskID) {
            self.thread = thread
            self.start = start
            self.end = end
            self.task = task
        }
    }

    /// The longest a pool thread that is run by the OS goes without taking work it can see (ns): twice its spin and
    /// nap bound (100 µs, `WorkerPool`), leaving room for a nap's slack.
    public static let looksWithin: UInt64 = 200_000

    /// The stretches, thread by thread in the timeline's order, each thread's in time order (trace times, ns).
    public var stretches: [Stretch]

    public init(stretches: [Stretch]) {
        self.stretches = stretches
    }

    /// The frozen stretches of `timeline`'s pool threads.
    public init(_ timeline: Timeline) {
        stretches = []
        guard !timeline.run.hasVirtualTime else { return }
        for thread in timeline.threads where thread.role == .worker {
            let slices = thread.slices.elements
            for (a, b) in zip(slices, slices.dropFirst()) where b.start > a.end && b.start - a.end > Self.looksWithin {
                guard !Self.woke(thread.wakes, after: a.end, through: b.start),
                      let task = timeline.task(b.task) else { continue }
                // The task's state just before it ran: ready since the first slice ended (or before).
                let before = task.intervals.firstIndex(startingAtOrAfter: b.start) - 1
                guard before >= 0 else { continue }
                let ready = task.intervals[before]
                guard ready.state.category == .runnable, ready.end >= b.start, ready.start <= a.end else { continue }
                stretches.append(Stretch(thread: thread.id, start: a.end, end: b.start, task: b.task))
            }
        }
    }

    /// Whether one of `wakes` ended (the thread ran again) after `after` and no later than `through`: a binary search
    /// when their ends are sorted (a thread's wakes follow one another), so that a thread with many gaps and many
    /// wakes costs O(gaps × log wakes), not O(gaps × wakes).
    static func woke(_ wakes: IntervalList<SignalledWake>, after: UInt64, through: UInt64) -> Bool {
        guard wakes.endsSorted else { return wakes.contains { $0.end > after && $0.end <= through } }
        guard after < .max else { return false }
        let first = wakes.firstIndex(endingAtOrAfter: after + 1)
        return first < wakes.count && wakes[first].end <= through
    }

    /// The wall time (ns) in which at least one pool thread was frozen: the stretches' union.
    public var wallTime: UInt64 {
        var total: UInt64 = 0, reached: UInt64 = 0
        for stretch in stretches.sorted(by: { $0.start < $1.start }) {
            let from = max(stretch.start, reached)
            if stretch.end > from { total += stretch.end - from }
            reached = max(reached, stretch.end)
        }
        return total
    }
}
