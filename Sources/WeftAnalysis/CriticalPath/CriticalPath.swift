import WeftTrace

/// The chain of run slices and waits that determined the wall time.
///
/// Found by walking backwards from the task that ended last: while it ran, the path is its run slice; while it
/// waited for a thread, the path is that scheduler delay; when it had been woken, the path jumps to the waker at the
/// moment of the wake-up (a timer wake stays on the task, through its sleep; a waker that had already ended, from its
/// last slice); at its creation, to its parent.
/// Segments are in time order and do not overlap.
public struct CriticalPath: Sendable, Equatable {
    /// The segments, in time order.
    public var segments: [CriticalSegment]

    /// The time the path covers (the sum of its segments).
    public var length: UInt64 { segments.saturatingSum(\.duration) }

    /// The time on the path by state category (indexed by `TaskStateCategory.rawValue`).
    public func timeByCategory() -> [UInt64] {
        var sums = [UInt64](repeating: 0, count: TaskStateCategory.allCases.count)
        for s in segments { sums[s.state.category.rawValue] += s.duration }
        return sums
    }

    /// The time on the path per task, largest first.
    public func timeByTask() -> [(task: TaskID, time: UInt64)] {
        var sums: [TaskID: UInt64] = [:]
        for s in segments { sums[s.task, default: 0] += s.duration }
        return sums.map { ($0.key, $0.value) }.sorted { $0.time != $1.time ? $0.time > $1.time : $0.task < $1.task }
    }

    /// The path of `timeline`.
    public init(_ timeline: Timeline) {
        segments = CriticalPath.walk(timeline)
    }

    public init(segments: [CriticalSegment]) { self.segments = segments }

    private static func walk(_ timeline: Timeline) -> [CriticalSegment] {
        // Start from the task that ended last (the lowest id on a tie, i.e. the main task).
        var current: Int?
        var latest: UInt64 = 0
        for (i, task) in timeline.tasks.enumerated() {
            let end = task.ended ?? task.intervals.last?.end ?? task.created
            if current == nil || end > latest { current = i; latest = end }
        }
        guard var taskIndex = current else { return [] }
        var time = latest
        var reversed: [CriticalSegment] = []
        var jumpsWithoutProgress = 0

        func add(_ task: TaskID, _ start: UInt64, _ end: UInt64, _ state: TaskState) {
            if var last = reversed.last, last.task == task, last.state == state, last.start == end {
                last.start = start
                reversed[reversed.count - 1] = last
            } else {
                reversed.append(CriticalSegment(start: start, end: end, task: task, state: state))
            }
        }
        func jump(to task: TaskID) -> Bool {
            guard task != .none, let i = timeline.index(of: task), jumpsWithoutProgress <= timeline.tasks.count else { return false }
            jumpsWithoutProgress += 1
            taskIndex = i
            return true
        }

        while time > timeline.run.start {
            let task = timeline.tasks[taskIndex]
            // The interval that was under way just before `time`.
            guard time > task.created, let i = task.intervals.index(containing: time - 1) else {
                // The waker had already ended: a child's end resumes its parent just after the child's last slice, so
                // the path goes on from that slice, not from the parent's creation.
                if let last = task.intervals.last, last.end < time, last.end > task.created {
                    time = last.end
                    continue
                }
                if jump(to: task.parent) { continue }
                break
            }
            let interval = task.intervals[i]
            let start = interval.start
            add(task.id, start, time, interval.state)
            jumpsWithoutProgress = 0
            time = start
            switch interval.state {
            case .runnable(.created):
                if !jump(to: task.parent) { time = timeline.run.start }
            case .runnable(.woken(let waker)):
                if waker != .none, timeline.index(of: waker) != nil { _ = jump(to: waker) }
            default:
                break
            }
        }
        return reversed.reversed()
    }
}

/// One link of the critical path: a task in one state over a span of time.
public struct CriticalSegment: TimedInterval, Sendable, Equatable {
    public var start: UInt64
    public var end: UInt64
    public var task: TaskID
    /// What the task was doing: running on a thread, waiting for one, blocked, or sleeping.
    public var state: TaskState

    public init(start: UInt64, end: UInt64, task: TaskID, state: TaskState) {
        self.start = start
        self.end = end
        self.task = task
        self.state = state
    }
}
