import WeftTrace

/// Which tasks get a lane of their own when not all fit, named by keys that match one task across runs (its name
/// when no other task of the run bears it, else its place in spawn order), so that the panels of a contrast picture
/// draw the same tasks.
struct TaskChoice: Equatable {
    /// What matches a task across runs.
    enum Key: Hashable {
        /// The task's name, borne by no other task of its run.
        case name(String)
        /// Its place in spawn order, for a task without a name of its own.
        case position(Int)
    }

    /// The chosen keys, in the first run's spawn order (then any found only in a later run).
    var keys: [Key]
    /// How they were chosen ("first and last spawned, the 2 slowest, …").
    var reason: String
    /// Whether the choice serves several runs drawn together (each panel draws the same tasks).
    var shared = false

    /// Each task's key: its name when no other task of the run bears it, else its place in spawn order.
    static func keys(_ tasks: [TaskTrack]) -> [Key] {
        var uses: [String: Int] = [:]
        uses.reserveCapacity(tasks.count)
        for task in tasks where !task.name.isEmpty { uses[task.name, default: 0] += 1 }
        return tasks.enumerated().map { i, task in uses[task.name] == 1 ? .name(task.name) : .position(i) }
    }

    /// The tasks that represent `runs` (one list of tasks per run, in spawn order, and each list's `keys`) when one of
    /// them has more than `limit` + 4 tasks; nil when every task of every run fits. Chosen: every task in `cycles` (a
    /// deadlock's), the first and last spawned, each run's two slowest (longest from creation to end), and the rest
    /// spread evenly across the longest run's spawn order, `limit` in all unless those that must be drawn are more.
    static func choose(_ runs: [[TaskTrack]], keys: [[Key]], cycles: [Set<TaskID>], limit: Int) -> TaskChoice? {
        guard runs.contains(where: { $0.count > limit + 4 }) else { return nil }
        var chosen: [Key] = []
        var seen = Set<Key>()
        func add(_ key: Key) { if seen.insert(key).inserted { chosen.append(key) } }
        var reasons: [String] = []
        for (r, run) in runs.enumerated() where cycles.indices.contains(r) && !cycles[r].isEmpty {
            for (i, task) in run.enumerated() where cycles[r].contains(task.task) { add(keys[r][i]) }
        }
        if !chosen.isEmpty { reasons.append("every task of the deadlock") }
        for runKeys in keys {
            if let first = runKeys.first { add(first) }
            if let last = runKeys.last { add(last) }
        }
        reasons.append("first and last spawned")
        var slowestCount = 0
        for (r, run) in runs.enumerated() {
            let lives = run.map(life)
            let ranked = run.indices.sorted { lives[$0] != lives[$1] ? lives[$0] > lives[$1] : $0 < $1 }
            var taken = 0
            for i in ranked where taken < 2 && !seen.contains(keys[r][i]) {
                add(keys[r][i])
                taken += 1
            }
            slowestCount = max(slowestCount, taken)
        }
        if slowestCount > 0 {
            let which = slowestCount == 1 ? "slowest" : "\(slowestCount) slowest"
            reasons.append(runs.count > 1 ? "each run's \(which)" : "the \(which)")
        }
        let room = limit - chosen.count
        if room > 0, let base = keys.indices.max(by: { keys[$0].count < keys[$1].count }) {
            let step = Double(keys[base].count - 1) / Double(room + 1)
            for k in 1...room { add(keys[base][min(Int((Double(k) * step).rounded()), keys[base].count - 1)]) }
            reasons.append("the rest spread evenly by spawn order")
        }
        // In the first run's spawn order, so that colours go to lanes top to bottom.
        var order: [Key: Int] = [:]
        for runKeys in keys {
            for key in runKeys where seen.contains(key) && order[key] == nil { order[key] = order.count }
        }
        chosen.sort { order[$0, default: .max] < order[$1, default: .max] }
        return TaskChoice(keys: chosen, reason: reasons.joined(separator: ", "), shared: runs.count > 1)
    }

    /// Every task of `runs` (whose keys are `keys`), none left out (its reason is empty: nothing to explain).
    static func every(_ keys: [[Key]]) -> TaskChoice {
        var all: [Key] = []
        var seen = Set<Key>()
        for runKeys in keys {
            for key in runKeys where seen.insert(key).inserted { all.append(key) }
        }
        return TaskChoice(keys: all, reason: "", shared: keys.count > 1)
    }

    /// `tasks` (whose keys are `taskKeys`) split into those chosen, in spawn order, and the rest.
    func split(_ tasks: [TaskTrack], keys taskKeys: [Key]) -> (shown: [TaskTrack], rest: [TaskTrack]) {
        let wanted = Set(keys)
        var shown: [TaskTrack] = []
        var rest: [TaskTrack] = []
        rest.reserveCapacity(max(tasks.count - keys.count, 0))
        for (task, key) in zip(tasks, taskKeys) {
            if wanted.contains(key) { shown.append(task) } else { rest.append(task) }
        }
        return (shown, rest)
    }

    /// The chosen tasks of `tasks` (whose keys are `taskKeys`) in the order of `keys` (the order their colours are
    /// given in).
    func ordered(_ tasks: [TaskTrack], keys taskKeys: [Key]) -> [TaskTrack] {
        let wanted = Set(keys)
        var byKey: [Key: TaskTrack] = [:]
        for (task, key) in zip(tasks, taskKeys) where wanted.contains(key) && byKey[key] == nil { byKey[key] = task }
        return keys.compactMap { byKey[$0] }
    }

    /// From a task's creation to its end.
    private static func life(_ task: TaskTrack) -> UInt64 {
        guard let first = task.spans.first, let last = task.spans.last else { return 0 }
        return last.end - first.start
    }
}
