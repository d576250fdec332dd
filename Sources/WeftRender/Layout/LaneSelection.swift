import WeftAnalysis
import WeftTrace

/// Which lanes of a run are drawn one by one and which are aggregated into a density row.
struct LaneSelection {
    var shownThreads: [ThreadTrack] = []
    var restThreads: [ThreadTrack] = []
    var shownTasks: [TaskTrack] = []
    var restTasks: [TaskTrack] = []
    /// How the task lanes drawn one by one were chosen, when not all are ("first and last spawned, …").
    var taskChoice: String?
    /// How the thread lanes drawn one by one were chosen, when not all are.
    var threadChoice: String?
    /// Mutex lanes, most waited-for first, and how many were left out.
    var shownLocks: [LockTrack] = []
    var hiddenLocks = 0
    /// Tasks that match `--tasks` (nil: all match).
    var matching: Set<TaskID>?
    /// The counter tracks' gutter labels.
    var counterLabels: [String] = []

    /// - Parameter lockOrder: lock labels in the order to draw them (a contrast picture passes one order to both
    ///   panels, so that they show the same locks); nil ranks this run's locks by itself.
    init(_ timeline: RenderTimeline, options: RenderOptions, lockOrder: [String]? = nil) {
        counterLabels = timeline.counters.map { $0.kind == .residentBytes ? "resident memory" : "scheduler threads" }
        var tasks = timeline.tasks
        if let pattern = options.taskPattern {
            let matcher = TaskPattern(pattern)
            tasks = tasks.filter { matcher.matches(name: $0.name, id: $0.task.description) }
            matching = Set(tasks.map(\.task))
        }
        let cycle = Set(timeline.deadlock?.cycle.map(\.task) ?? [])
        let (representativeTasks, otherTasks, choice) = Self.representative(tasks, limit: options.maxTaskLanes, always: cycle)
        if options.view.showsThreads {
            // Under thread-per-task the threads drawn are those of the tasks drawn; when fewer thread lanes fit,
            // those of a smaller representative choice.
            let unowned = timeline.threads.filter { $0.owner == nil }.count
            var owners = representativeTasks
            var ownerChoice = options.view.showsTasks ? nil : choice
            if representativeTasks.count + unowned > options.maxThreadLanes + 4 {
                let fewer = Self.representative(tasks, limit: max(options.maxThreadLanes - unowned, 2), always: cycle)
                owners = fewer.0
                ownerChoice = fewer.2
            }
            (shownThreads, restThreads, threadChoice) = Self.threads(timeline.threads, limit: options.maxThreadLanes,
                                                                    tasks: Set(owners.map(\.task)))
            if threadChoice == Self.ownersChoice, let ownerChoice {
                threadChoice = "the threads of the tasks chosen as: \(ownerChoice); and those no task owns"
            }
        }
        if options.view.showsTasks {
            (shownTasks, restTasks, taskChoice) = (representativeTasks, otherTasks, choice)
        }
        if options.maxLockLanes > 0 {
            let order = lockOrder ?? Self.lockOrder([timeline])
            let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
            let ranked = timeline.locks.sorted { (rank[$0.label] ?? .max, $0.mutex) < (rank[$1.label] ?? .max, $1.mutex) }
            let cycle = Set(timeline.deadlock?.cycle.compactMap(\.mutex) ?? [])
            // Every lock of a deadlock's cycle is drawn, however many that is.
            let limit = max(options.maxLockLanes, ranked.filter { cycle.contains($0.mutex) }.count)
            shownLocks = Array(ranked.prefix(limit))
            hiddenLocks = ranked.count - shownLocks.count
        }
    }

    /// Lock labels in drawing order for `runs` together: those of a deadlock's cycle first (in cycle order), then
    /// the most waited-for over all runs.
    static func lockOrder(_ runs: [RenderTimeline]) -> [String] {
        var order: [String] = []
        var seen = Set<String>()
        for run in runs {
            for step in run.deadlock?.cycle ?? [] {
                guard let mutex = step.mutex, let lock = run.locks.first(where: { $0.mutex == mutex }) else { continue }
                if seen.insert(lock.label).inserted { order.append(lock.label) }
            }
        }
        var wait: [String: UInt64] = [:]
        for run in runs {
            for lock in run.locks { wait[lock.label] = wait[lock.label, default: 0].addingSaturated(lock.totalWait) }
        }
        for (label, _) in wait.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key })
        where seen.insert(label).inserted {
            order.append(label)
        }
        return order
    }

    /// The first `limit` lanes and the rest; a few leftover lanes are shown rather than aggregated.
    static func split<T>(_ lanes: [T], limit: Int) -> ([T], [T]) {
        if lanes.count <= limit + 4 { return (lanes, []) }
        return (Array(lanes.prefix(limit)), Array(lanes.dropFirst(limit)))
    }

    /// Thread lanes to draw one by one: under thread-per-task, the threads of `tasks` (the task lanes drawn one by
    /// one) with the threads no task owns, so that a thread lane and its task lane tell one story; otherwise the
    /// first `limit`. Returns the chosen, the rest, and how they were chosen when some were left out.
    static func threads(_ threads: [ThreadTrack], limit: Int, tasks: Set<TaskID>) -> ([ThreadTrack], [ThreadTrack], String?) {
        if threads.count <= limit + 4 { return (threads, [], nil) }
        let owned = threads.filter { $0.owner != nil }
        let unowned = threads.count - owned.count
        guard !owned.isEmpty, unowned <= 4 else {
            let (shown, rest) = split(threads, limit: limit)
            return (shown, rest, "the first \(Format.count(shown.count))")
        }
        let keep = { (thread: ThreadTrack) in thread.owner.map { tasks.contains($0) } ?? true }
        let shown = threads.filter(keep)
        let rest = threads.filter { !keep($0) }
        return (shown, rest, ownersChoice)
    }

    static let ownersChoice = "the threads of the tasks drawn below, and the threads no task owns"

    /// Task lanes that represent the run when not all fit: every task in `always` (a deadlock's cycle), the first
    /// and last spawned, the slowest two (longest from creation to end), and the rest spread evenly across spawn
    /// order; in spawn (id) order. Returns the chosen, the rest, and how they were chosen.
    static func representative(_ tasks: [TaskTrack], limit: Int, always: Set<TaskID>) -> ([TaskTrack], [TaskTrack], String?) {
        if tasks.count <= limit + 4 { return (tasks, [], nil) }
        var chosen = Set<Int>()
        var reasons: [String] = []
        let forced = tasks.indices.filter { always.contains(tasks[$0].task) }
        chosen.formUnion(forced)
        if !forced.isEmpty { reasons.append("every task of the deadlock") }
        chosen.insert(tasks.startIndex)
        chosen.insert(tasks.index(before: tasks.endIndex))
        reasons.append("first and last spawned")
        func life(_ t: TaskTrack) -> UInt64 {
            guard let first = t.spans.first, let last = t.spans.last else { return 0 }
            return last.end - first.start
        }
        let slowest = tasks.indices.filter { !chosen.contains($0) }.sorted { life(tasks[$0]) > life(tasks[$1]) }.prefix(2)
        if !slowest.isEmpty {
            chosen.formUnion(slowest)
            reasons.append("the \(slowest.count == 1 ? "slowest" : "\(slowest.count) slowest")")
        }
        let room = limit - chosen.count
        if room > 0 {
            let step = Double(tasks.count - 1) / Double(room + 1)
            for k in 1...room { chosen.insert(min(Int((Double(k) * step).rounded()), tasks.count - 1)) }
            reasons.append("the rest spread evenly by spawn order")
        }
        let shown = chosen.sorted().map { tasks[$0] }
        let rest = tasks.indices.filter { !chosen.contains($0) }.map { tasks[$0] }
        return (shown, rest, reasons.joined(separator: ", "))
    }

    /// Every label the gutter must hold.
    var gutterLabels: [(String, FontWeight)] {
        var labels = (shownThreads.map(\.label) + shownTasks.map(\.label) + shownLocks.map { Self.lockLabel($0) } + counterLabels)
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
