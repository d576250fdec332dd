import WeftTrace

/// Which tasks get a lane of their own when not all fit, named by keys that match one task across runs (its name
/// when no other task of the run bears it, else its place in spawn order), so that the panels of a contrast picture
/// draw the same tasks.
struct TaskChoice: Equatable {
    /// The chosen keys, in the first run's spawn order (then any found only in a later run).
    var keys: [String]
    /// How they were chosen ("first and last spawned, the 2 slowest, …").
    var reason: String
    /// Whether the choice serves several runs drawn together (each panel draws the same tasks).
    var shared = false

    /// Each task's key: its name when no other task of the run bears it, else "#" and its place in spawn order.
    static func keys(_ tasks: [TaskTrack]) -> [String] {
        var uses: [String: Int] = [:]
        for task in tasks where !task.name.isEmpty { uses[task.name, default: 0] += 1 }
        return tasks.enumerated().map { i, task in uses[task.name] == 1 ? task.name : "#\(i)" }
    }

    /// The tasks that represent `runs` (one list of tasks per run, in spawn order) when one of them has more than
    /// `limit` + 4 tasks; nil when every task of every run fits. Chosen: every task in `cycles` (a deadlock's), the
    /// first and last spawned, each run's two slowest (longest from creation to end), and the rest spread evenly
    /// across the longest run's spawn order, `limit` in all unless those that must be drawn are more.
    static func choose(_ runs: [[TaskTrack]], cycles: [Set<TaskID>], limit: Int) -> TaskChoice? {
        guard runs.contains(where: { $0.count > limit + 4 }) else { return nil }
        let keys = runs.map(Self.keys)
        var chosen: [String] = []
        var seen = Set<String>()
        func add(_ key: String) { if seen.insert(key).inserted { chosen.append(key) } }
        var reasons: [String] = []
        for (r, run) in runs.enumerated() {
            for (i, task) in run.enumerated() where cycles.indices.contains(r) && cycles[r].contains(task.task) { add(keys[r][i]) }
        }
        if !chosen.isEmpty { reasons.append("every task of the deadlock") }
        for runKeys in keys {
            if let first = runKeys.first { add(first) }
            if let last = runKeys.last { add(last) }
        }
        reasons.append("first and last spawned")
        var slowestCount = 0
        for (r, run) in runs.enumerated() {
            let slowest = run.indices.filter { !seen.contains(keys[r][$0]) }
                .sorted { (life(run[$0]), $1) > (life(run[$1]), $0) }.prefix(2)
            for i in slowest { add(keys[r][i]) }
            slowestCount = max(slowestCount, slowest.count)
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
        var order: [String: Int] = [:]
        for runKeys in keys {
            for key in runKeys where order[key] == nil { order[key] = order.count }
        }
        chosen.sort { order[$0, default: .max] < order[$1, default: .max] }
        return TaskChoice(keys: chosen, reason: reasons.joined(separator: ", "), shared: runs.count > 1)
    }

    /// Every task of `runs`, none left out (its reason is empty: nothing to explain).
    static func every(_ runs: [[TaskTrack]]) -> TaskChoice {
        var keys: [String] = []
        var seen = Set<String>()
        for run in runs {
            for key in Self.keys(run) where seen.insert(key).inserted { keys.append(key) }
        }
        return TaskChoice(keys: keys, reason: "", shared: runs.count > 1)
    }

    /// `tasks` split into those chosen (in spawn order) and the rest.
    func split(_ tasks: [TaskTrack]) -> (shown: [TaskTrack], rest: [TaskTrack]) {
        let wanted = Set(keys)
        let taskKeys = Self.keys(tasks)
        var shown: [TaskTrack] = []
        var rest: [TaskTrack] = []
        for (task, key) in zip(tasks, taskKeys) {
            if wanted.contains(key) { shown.append(task) } else { rest.append(task) }
        }
        return (shown, rest)
    }

    /// The chosen tasks of `tasks` in the order of `keys` (the order their colours are given in).
    func ordered(_ tasks: [TaskTrack]) -> [TaskTrack] {
        let byKey = Dictionary(zip(Self.keys(tasks), tasks), uniquingKeysWith: { first, _ in first })
        return keys.compactMap { byKey[$0] }
    }

    /// From a task's creation to its end.
    private static func life(_ task: TaskTrack) -> UInt64 {
        guard let first = task.spans.first, let last = task.spans.last else { return 0 }
        return last.end - first.start
    }
}
