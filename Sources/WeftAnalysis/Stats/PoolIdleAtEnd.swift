import WeftTrace

/// Pool threads that sat free at the end of a run while the last work still ran on others: within main's last wait
/// (the one in which it waits for the work to end), the time in which fewer pool threads were running a task than the
/// pool has, at least one was, and no task was ready to run, summed over the free threads. A pool thread runs a task
/// until it awaits or ends and nothing moves a running task to a free thread, so this is the work not dividing evenly
/// over the pool's threads at the end: the one definition `weft stats` prints ("pool idle") and the verdict quotes.
/// Nil under thread-per-task, without a main task that waited, or when no pool thread sat free so.
public struct PoolIdleAtEnd: Sendable, Equatable {
    /// Pool-thread time (ns) free with no task to run while another pool thread ran, summed over the free threads.
    public var idle: UInt64
    /// The task that ran longest on the other pool threads meanwhile: the work that did not divide.
    public var runner: String
    /// The pool's threads.
    public var workers: Int

    public init(idle: UInt64, runner: String, workers: Int) {
        self.idle = idle
        self.runner = runner
        self.workers = workers
    }

    /// One run slice of a pool thread: when, and the task it ran.
    public typealias Slice = (start: UInt64, end: UInt64, task: TaskID)

    /// The free pool-thread time of `timeline`'s main's last wait.
    public init?(_ timeline: Timeline) {
        guard Self.applies(to: timeline.run), let main = Self.main(timeline),
              let wait = main.intervals.elements.last(where: { $0.state.category == .blocked }) else { return nil }
        let pool = timeline.threads.filter { $0.role == .worker }.map { thread in
            thread.slices.elements.map { Slice($0.start, $0.end, $0.task) }
        }
        var ready: [Range<UInt64>] = []
        for task in timeline.tasks {
            for interval in task.intervals where interval.state.category == .runnable { ready.append(interval.start ..< interval.end) }
        }
        self.init(window: wait.start ..< wait.end, pool: pool, ready: ready) { timeline.task($0)?.label ?? $0.description }
    }

    /// Whether the run had a pool whose free threads can be measured: not thread-per-task, not virtual time.
    public static func applies(to run: RunInfo) -> Bool {
        run.scheduler != "thread-per-task" && !run.hasVirtualTime
    }

    /// The main task: the one named "main", else the first without a parent.
    static func main(_ timeline: Timeline) -> TaskTimeline? {
        timeline.tasks.first(where: { $0.name == "main" }) ?? timeline.tasks.first(where: { $0.parent == .none })
    }

    /// The free pool-thread time within `window` (main's last wait), from each pool thread's run slices (`pool`, one
    /// list per thread, in time order) and every task's ready stretches (`ready`); `label` names the runner.
    init?(window: Range<UInt64>, pool: [[Slice]], ready: [Range<UInt64>], label: (TaskID) -> String) {
        guard pool.count > 1, !window.isEmpty else { return nil }
        var edges: [(time: UInt64, running: Int, ready: Int)] = []
        var busy: [[Slice]] = []
        for slices in pool {
            // Slices merged: an actor's job runs inside a task's slice.
            var merged: [Slice] = []
            for slice in slices {
                let start = max(slice.start, window.lowerBound), end = min(slice.end, window.upperBound)
                guard end > start else { continue }
                if let last = merged.last, start <= last.end {
                    merged[merged.count - 1].end = max(last.end, end)
                } else {
                    merged.append((start, end, slice.task))
                }
            }
            for stretch in merged {
                edges.append((stretch.start, 1, 0))
                edges.append((stretch.end, -1, 0))
            }
            busy.append(merged)
        }
        for range in ready {
            let start = max(range.lowerBound, window.lowerBound), end = min(range.upperBound, window.upperBound)
            guard end > start else { continue }
            edges.append((start, 0, 1))
            edges.append((end, 0, -1))
        }
        edges.sort { $0.time < $1.time }
        // The stretches in which some pool threads were free, one ran, and nothing was ready.
        var free: [(start: UInt64, end: UInt64, count: Int)] = []
        var running = 0, readyCount = 0, i = 0
        while i < edges.count {
            let time = edges[i].time
            while i < edges.count && edges[i].time == time {
                running += edges[i].running
                readyCount += edges[i].ready
                i += 1
            }
            let next = i < edges.count ? edges[i].time : window.upperBound
            if next > time, running >= 1, running < pool.count, readyCount == 0 {
                free.append((time, next, pool.count - running))
            }
        }
        let idle = free.reduce(UInt64(0)) { $0 &+ ($1.end - $1.start) &* UInt64($1.count) }
        guard idle > 0 else { return nil }
        // Who ran meanwhile: each task's running time within the free stretches.
        var ran: [TaskID: UInt64] = [:]
        for stretches in busy {
            var j = 0
            for stretch in stretches {
                while j < free.count && free[j].end <= stretch.start { j += 1 }
                var k = j
                while k < free.count && free[k].start < stretch.end {
                    ran[stretch.task, default: 0] += min(stretch.end, free[k].end) - max(stretch.start, free[k].start)
                    k += 1
                }
            }
        }
        guard let top = ran.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
        self.init(idle: idle, runner: label(top.key), workers: pool.count)
    }
}
