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
    /// Whether the task lanes drawn one by one are the same in every panel of the picture (chosen for all runs).
    var sameInEveryPanel = false
    /// How the thread lanes drawn one by one were chosen, when not all are.
    var threadChoice: String?
    /// Lock lanes, by lock id (the most waited-for chosen when not all fit), and how many were left out.
    var shownLocks: [LockTrack] = []
    var hiddenLocks = 0
    /// The labels of the locks that must have a lane: those a task drawn one by one waited for (in a contrast picture,
    /// in either panel).
    var requiredLocks: Set<String> = []
    /// The tasks drawn one by one (their lanes, or their colours in thread and lock lanes).
    var drawnTasks: Set<TaskID> = []
    /// Actor lanes, busiest first (a contrast picture: the same actors in both panels), and how many were left out.
    var shownActors: [ActorLane] = []
    var hiddenActors = 0
    /// Tasks that match `--tasks` (nil: all match).
    var matching: Set<TaskID>?
    /// The counter tracks' gutter labels.
    var counterLabels: [String] = []
    /// The colour of each task in thread and lock lanes and the wait-for graph.
    var coloring = TaskColoring([])

    /// - Parameters:
    ///   - lockOrder: lock labels in the order to draw them (a contrast picture passes one order to both panels, so
    ///     that they show the same locks); nil ranks this run's locks by itself.
    ///   - actorOrder: actor keys (`actorKeys`) in the order to draw them, one order for both panels of a contrast
    ///     picture; nil ranks this run's actors by itself.
    ///   - sharedChoice: the tasks to draw one by one, by `TaskChoice.keys` (a contrast picture passes one choice to
    ///     both panels, so that they draw the same tasks in the same colours); nil chooses from this run alone.
    init(_ timeline: RenderTimeline, options: RenderOptions, lockOrder: [String]? = nil, actorOrder: [String]? = nil,
         sharedChoice: TaskChoice? = nil) {
        counterLabels = timeline.counters.map { $0.kind == .residentBytes ? "resident memory" : "scheduler threads" }
        let tasks = Self.matchingTasks(timeline, options: options)
        if options.taskPattern != nil { matching = Set(tasks.map(\.task)) }
        let cycle = Set(timeline.deadlock?.cycle.map(\.task) ?? [])
        // Keys match tasks across runs (names where unique); a run drawn alone needs only spawn positions, and a run
        // whose every task is drawn none.
        let taskKeys: [TaskChoice.Key] = sharedChoice != nil ? TaskChoice.keys(tasks)
            : tasks.count > options.maxTaskLanes + 4 ? tasks.indices.map { .position($0) } : []
        let chosen = sharedChoice
            ?? TaskChoice.choose([tasks], keys: [taskKeys], cycles: [cycle], limit: options.maxTaskLanes)
        let (representativeTasks, otherTasks) = chosen?.split(tasks, keys: taskKeys) ?? (tasks, [])
        let choice = chosen.flatMap { $0.reason.isEmpty ? nil : $0.reason }
        sameInEveryPanel = chosen?.shared ?? false
        coloring = TaskColoring(chosen?.ordered(tasks, keys: taskKeys).map(\.task) ?? tasks.map(\.task))
        if options.view.showsThreads {
            // Under thread-per-task the threads drawn are those of the tasks drawn; when fewer thread lanes fit,
            // those of a smaller representative choice.
            let unowned = timeline.threads.filter { $0.owner == nil }.count
            var owners = representativeTasks
            var ownerChoice = options.view.showsTasks ? nil : choice
            if representativeTasks.count + unowned > options.maxThreadLanes + 4 {
                let keys = taskKeys.isEmpty ? tasks.indices.map { .position($0) } : taskKeys
                if let fewer = TaskChoice.choose([tasks], keys: [keys], cycles: [cycle],
                                                 limit: max(options.maxThreadLanes - unowned, 2)) {
                    owners = fewer.split(tasks, keys: keys).shown
                    ownerChoice = fewer.reason
                }
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
        drawnTasks = Set(representativeTasks.map(\.task))
        chooseLocks(timeline, order: lockOrder, limit: options.maxLockLanes,
                    required: Self.locksWaitedFor(by: drawnTasks, in: timeline))
        (shownActors, hiddenActors) = Self.actorLanes(timeline, order: actorOrder, limit: options.maxActorLanes)
    }

    /// Chooses the lock lanes: every lock of a deadlock's cycle and every lock in `required` (those a drawn task waited
    /// for), however many that is, then the most waited-for of the rest up to `limit` lanes in all, drawn in order of
    /// their ids; the others are only counted (`hiddenLocks`).
    /// - Parameters:
    ///   - order: lock labels in drawing order (`lockOrder`); nil ranks this run's locks by itself.
    ///   - required: labels of the locks that must have a lane (a contrast picture passes one set to both panels).
    mutating func chooseLocks(_ timeline: RenderTimeline, order given: [String]?, limit: Int, required: Set<String>) {
        guard limit > 0 else { return }
        let order = given ?? Self.lockOrder([timeline])
        let rank = Dictionary(order.enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        let ranked = timeline.locks.sorted { (rank[$0.label] ?? .max, $0.mutex) < (rank[$1.label] ?? .max, $1.mutex) }
        let cycle = Set(timeline.deadlock?.cycle.compactMap(\.mutex) ?? [])
        let must = { (lock: LockTrack) in
            required.contains(lock.label) || (lock.kind != .semaphore && cycle.contains(lock.mutex))
        }
        // The room left is the same in every panel of a contrast picture (`required` is shared), so that they draw
        // the same locks.
        var room = max(limit - max(required.count, ranked.filter(must).count), 0)
        shownLocks = ranked.filter { lock in
            if must(lock) { return true }
            guard room > 0 else { return false }
            room -= 1
            return true
        }
        // Drawn by id, so that "fork 3" comes before "fork 4" whichever was waited for longer, in every panel.
        shownLocks.sort { ($0.mutex, $0.label) < ($1.mutex, $1.label) }
        hiddenLocks = ranked.count - shownLocks.count
        requiredLocks = required
    }

    /// The labels of the locks of `timeline` that any of `tasks` waited for.
    static func locksWaitedFor(by tasks: Set<TaskID>, in timeline: RenderTimeline) -> Set<String> {
        Set(timeline.locks.filter { !$0.waiters.isDisjoint(with: tasks) }.map(\.label))
    }

    /// The run's tasks that match `--tasks` (all when none is given).
    static func matchingTasks(_ timeline: RenderTimeline, options: RenderOptions) -> [TaskTrack] {
        guard let pattern = options.taskPattern else { return timeline.tasks }
        let matcher = TaskPattern(pattern)
        return timeline.tasks.filter { matcher.matches(name: $0.name, id: $0.task.description) }
    }

    /// The tasks the panels of a contrast picture draw one by one, the same in each: chosen from all runs together
    /// when some run has more than fit, else every task (so that a task wears one colour in every panel).
    static func sharedTaskChoice(_ runs: [RenderTimeline], options: RenderOptions) -> TaskChoice {
        let tasks = runs.map { matchingTasks($0, options: options) }
        let keys = tasks.map(TaskChoice.keys)
        let cycles = runs.map { Set($0.deadlock?.cycle.map(\.task) ?? []) }
        return TaskChoice.choose(tasks, keys: keys, cycles: cycles, limit: options.maxTaskLanes) ?? TaskChoice.every(keys)
    }

    /// The labels of the locks in any of `runs`' deadlock cycles, in cycle order.
    static func cycleLocks(_ runs: [RenderTimeline]) -> [String] {
        var labels: [String] = []
        var seen = Set<String>()
        for run in runs {
            for step in run.deadlock?.cycle ?? [] {
                guard let mutex = step.mutex, let lock = run.locks.first(where: { $0.mutex == mutex }) else { continue }
                if seen.insert(lock.label).inserted { labels.append(lock.label) }
            }
        }
        return labels
    }

    /// Lock labels in drawing order for `runs` together: those of a deadlock's cycle first (in cycle order), then
    /// the most waited-for over all runs.
    static func lockOrder(_ runs: [RenderTimeline]) -> [String] {
        var order = cycleLocks(runs)
        var seen = Set(order)
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

    /// Every label the gutter must hold, with its weight and indent.
    var gutterLabels: [(String, FontWeight, Double)] {
        var labels = (shownThreads.map(\.label) + shownLocks.map { Self.lockLabel($0) } + shownActors.map(\.label)
            + shownActors.map(Self.actorQueueNote) + counterLabels)
            .map { ($0, FontWeight.regular, 0.0) }
        // A task lane's label follows its colour chip.
        labels += shownTasks.map { ($0.label, FontWeight.regular, Metrics.chipWidth + 2) }
        if !restThreads.isEmpty { labels.append((Self.restLabel(restThreads.count, "thread"), .bold, 0)) }
        if !restTasks.isEmpty { labels.append((Self.restLabel(restTasks.count, "task"), .bold, 0)) }
        return labels
    }

    static func lockLabel(_ lock: LockTrack) -> String {
        // A mutex's lane says "lock" (its id, mu3, says mutex); the others name their kind.
        let noun = lock.kind == .mutex ? "lock" : lock.kind.noun
        return lock.label == lock.idText ? "\(noun) \(lock.label)" : "\(noun) \(lock.idText) \(lock.label)"
    }

    static func restLabel(_ count: Int, _ noun: String) -> String { "\(Format.count(count)) more \(noun)\(count == 1 ? "" : "s")" }
}
