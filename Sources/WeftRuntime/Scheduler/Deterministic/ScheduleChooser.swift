import WeftTrace

/// Picks which of the runnable tasks runs next, from a seeded generator, following one `ScheduleStrategy`.
///
/// - `random`: every runnable task equally likely at every step.
/// - `pct(depth: d, steps: k)`: probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi and Nagarakatte,
///   ASPLOS 2010). Each task gets a random priority when it first becomes runnable, above `d`; the runnable task with the
///   highest priority always runs; at `d - 1` change points drawn uniformly from steps `1...k` the task that runs drops
///   to priority `d - i` (lower than every initial one). A bug of depth `d` in a program of `n` tasks and `k` steps is
///   found by one run with probability at least `1 / (n · k^(d-1))`.
struct ScheduleChooser {
    private var generator: SplitMix64
    private let strategy: ScheduleStrategy
    /// PCT: each task's priority, by task id.
    private var priorities: [TaskID: Int] = [:]
    /// PCT: the steps at which the running task's priority drops, with the priority it drops to; sorted by step.
    private var changePoints: [(step: Int, priority: Int)] = []
    /// Scheduling decisions made so far.
    private(set) var steps = 0

    init(seed: UInt64, strategy: ScheduleStrategy) {
        generator = SplitMix64(seed: seed)
        self.strategy = strategy
        if case .pct(let depth, let horizon) = strategy, depth > 1 {
            let steps = max(1, horizon)
            changePoints = (1..<depth).map { i in (step: 1 + generator.index(below: steps), priority: depth - i) }
            changePoints.sort { $0.step < $1.step }
        }
    }

    /// A uniform index in `0..<count`, for choices inside a primitive (a select's starting case).
    mutating func index(below count: Int) -> Int { generator.index(below: count) }

    /// Chooses the next task to run among `candidates` (the tasks of the runnable jobs, in the order they became
    /// runnable); returns its position in the list.
    mutating func choose(among candidates: [TaskID]) -> Int {
        steps += 1
        switch strategy {
        case .random:
            return candidates.count == 1 ? 0 : generator.index(below: candidates.count)
        case .pct(let depth, _):
            var best = 0
            var bestPriority = Int.min
            for (position, task) in candidates.enumerated() {
                let priority = priority(of: task, depth: depth)
                if priority > bestPriority {
                    best = position
                    bestPriority = priority
                }
            }
            while let change = changePoints.first, change.step <= steps {
                changePoints.removeFirst()
                priorities[candidates[best]] = change.priority
            }
            return best
        }
    }

    /// A task's PCT priority, drawing a fresh one above `depth` the first time the task is seen.
    private mutating func priority(of task: TaskID, depth: Int) -> Int {
        if let known = priorities[task] { return known }
        let fresh = depth + 1 + generator.index(below: 1 << 30)
        priorities[task] = fresh
        return fresh
    }
}
