/// Counts, while reading, the run slices that share time with each task's runnable wait, without keeping the slices.
///
/// A slice `start ..< end` shares time with a wait `s ..< e` when it starts before `e` and does not end at or before
/// `s` (a zero-length slice counts when `s <= start < e`), as `TimedInterval.overlaps` and `SliceCounter` say. When
/// the wait ends (at `e`, in stream order) every slice that started before `e` has either finished or is still open,
/// so the count is: the slices finished so far, less those that had finished by `s`, plus those open now.
///
/// "Finished by `s`" is read off the running total of finished slices at the right moment: each wait, once begun,
/// queues its start; the total is taken for it when the first slice that ends after `s` finishes (or when the wait
/// ends first). Waits begin in time order in a time-ordered stream, so the queue is served from the front, and it
/// holds at most one entry per task that became runnable since the last slice finished.
///
/// An actor's stretch still in progress at `e` becomes a slice only when it ends: `LintAccumulator` keeps such a wait
/// pending and adds it then. Open slices that began at exactly `e` are left out by the builder, as the model does.
struct SliceOverlapCounter: Sendable {
    /// Per task position: the start of its current (or last) runnable wait, and the total of slices finished by
    /// then once known.
    private var waits: [(start: UInt64, finishedBefore: Int?)] = []
    /// Waits whose `finishedBefore` is not known yet, in the order they began.
    private var queue: [(task: Int, start: UInt64)] = []
    private var head = 0
    /// Slices finished so far.
    private(set) var finished = 0

    /// How many records it holds now (for the retained-state figure).
    var held: Int { waits.count + queue.count - head }

    /// Task position `task` became runnable at `start` (called again for the same wait, it does nothing).
    mutating func began(task: Int, at start: UInt64) {
        if task >= waits.count {
            waits.append(contentsOf: repeatElement((start: UInt64.max, finishedBefore: Int?.none), count: task + 1 - waits.count))
        }
        guard waits[task].start != start else { return }
        waits[task] = (start, nil)
        queue.append((task, start))
    }

    /// A slice finished: the waits that began before it ended learn how many had finished before them.
    mutating func sliceFinished(start: UInt64, end: UInt64) {
        let instant = start == end
        while head < queue.count, instant ? queue[head].start <= end : queue[head].start < end {
            settle(queue[head])
            head += 1
        }
        if head > 1024 && head * 2 > queue.count {
            queue.removeFirst(head)
            head = 0
        }
        finished += 1
    }

    /// The slices that shared time with task position `task`'s runnable wait `start ..< end`, which has just ended;
    /// `open` is the slices open now on other threads.
    mutating func overlapping(task: Int, start: UInt64, open: Int) -> Int {
        let before: Int
        if task < waits.count, waits[task].start == start {
            before = waits[task].finishedBefore ?? finished
        } else {
            before = finished // its beginning was not seen: count the open slices only
        }
        return finished - before + open
    }

    private mutating func settle(_ entry: (task: Int, start: UInt64)) {
        if waits[entry.task].start == entry.start && waits[entry.task].finishedBefore == nil {
            waits[entry.task].finishedBefore = finished
        }
    }
}
