import WeftAnalysis
import WeftTrace

/// Which lanes of a run are drawn one by one and which are aggregated into a density row.
struct LaneSelection {
    var shownThreads: [ThreadTrack] = []
    var restThreads: [ThreadTrack] = []
    var shownTasks: [TaskTrack] = []
    var restTasks: [TaskTrack] = []
    /// Mutex lanes, most waited-for first, and how many were left out.
    var shownLocks: [LockTrack] = []
    var hiddenLocks = 0
    /// Tasks that match `--tasks` (nil: all match).
    var matching: Set<TaskID>?

    init(_ timeline: RenderTimeline, options: RenderOptions) {
        var tasks = timeline.tasks
        if let pattern = options.taskPattern {
            let matcher = TaskPattern(pattern)
            tasks = tasks.filter { matcher.matches(name: $0.name, id: $0.task.description) }
            matching = Set(tasks.map(\.task))
        }
        if options.view.showsThreads {
            (shownThreads, restThreads) = Self.split(timeline.threads, limit: options.maxThreadLanes)
        }
        if options.view.showsTasks {
            (shownTasks, restTasks) = Self.split(tasks, limit: options.maxTaskLanes)
        }
        if options.maxLockLanes > 0 {
            let ranked = timeline.locks.map { ($0, $0.totalWait) }.sorted { $0.1 > $1.1 }.map(\.0)
            shownLocks = Array(ranked.prefix(options.maxLockLanes))
            hiddenLocks = ranked.count - shownLocks.count
        }
    }

    /// The first `limit` lanes and the rest; a few leftover lanes are shown rather than aggregated.
    static func split<T>(_ lanes: [T], limit: Int) -> ([T], [T]) {
        if lanes.count <= limit + 4 { return (lanes, []) }
        return (Array(lanes.prefix(limit)), Array(lanes.dropFirst(limit)))
    }

    /// Every label the gutter must hold.
    var gutterLabels: [(String, FontWeight)] {
        var labels = (shownThreads.map(\.label) + shownTasks.map(\.label) + shownLocks.map { Self.lockLabel($0) })
            .map { ($0, FontWeight.regular) }
        if !restThreads.isEmpty { labels.append((Self.restLabel(restThreads.count, "thread"), .bold)) }
        if !restTasks.isEmpty { labels.append((Self.restLabel(restTasks.count, "task"), .bold)) }
        return labels
    }

    static func lockLabel(_ lock: LockTrack) -> String {
        let noun = lock.isReadWrite ? "rwlock" : "lock"
        return lock.label == lock.mutex.description ? "\(noun) \(lock.label)" : "\(noun) \(lock.mutex) \(lock.label)"
    }

    static func restLabel(_ count: Int, _ noun: String) -> String { "\(Format.count(count)) more \(noun)\(count == 1 ? "" : "s")" }
}
