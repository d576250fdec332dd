import Glibc

/// Which scheduler runs the program's tasks.
public enum SchedulerKind: Sendable, Equatable, CustomStringConvertible {
    /// M:N — `workers` OS threads run every task, with per-worker run queues and work stealing (like Go).
    case multiplexed(workers: Int)
    /// 1:1 — every task has its own OS thread for its whole life (like Rust's std::thread).
    case threadPerTask
    /// One OS thread runs every task; a generator seeded with `seed` picks the next task whenever several could run,
    /// following `strategy`; sleeps and timeouts run on a virtual clock. The same program and seed give the same
    /// schedule and the same trace (see docs/runtime.md, "deterministic").
    case deterministic(seed: UInt64, strategy: ScheduleStrategy = .random)

    /// The number of online cores.
    public static var defaultWorkers: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Parses "multiplexed" (also "m:n", "mn"), "thread-per-task" (also "threadPerTask", "1:1") or "deterministic".
    /// - Parameters:
    ///   - workers: the worker count for `multiplexed`; `defaultWorkers` when nil.
    ///   - seed: the seed for `deterministic`; 0 when nil.
    /// - Throws: `RuntimeError.Kind.badConfiguration` for anything else, or a worker count below 1.
    public init(parsing text: String, workers: Int? = nil, seed: UInt64? = nil) throws(RuntimeError) {
        switch text.lowercased().trimmingCharacters(in: " \t\n") {
        case "multiplexed", "m:n", "mn":
            let count = workers ?? Self.defaultWorkers
            guard count >= 1 else {
                throw RuntimeError(kind: .badConfiguration, message: "the multiplexed scheduler needs at least 1 worker, not \(count)")
            }
            self = .multiplexed(workers: count)
        case "thread-per-task", "threadpertask", "1:1":
            self = .threadPerTask
        case "deterministic":
            self = .deterministic(seed: seed ?? 0)
        default:
            throw RuntimeError(kind: .badConfiguration, message:
                "unknown scheduler \"\(text)\": use \"multiplexed\", \"thread-per-task\" or \"deterministic\"")
        }
    }

    /// The scheduler named by `WEFT_SCHEDULER` (and `WEFT_WORKERS` for the worker count, `WEFT_SEED` for the
    /// deterministic scheduler's seed), or nil when unset.
    /// - Throws: `.badConfiguration` for an unknown name, a bad worker count or a bad seed.
    public static func fromEnvironment() throws(RuntimeError) -> SchedulerKind? {
        guard let name = environment("WEFT_SCHEDULER"), !name.isEmpty else { return nil }
        var workers: Int?
        if let text = environment("WEFT_WORKERS"), !text.isEmpty {
            guard let count = Int(text), count >= 1 else {
                throw RuntimeError(kind: .badConfiguration, message: "WEFT_WORKERS=\(text) is not a worker count: use a whole number from 1")
            }
            workers = count
        }
        var seed: UInt64?
        if let text = environment("WEFT_SEED"), !text.isEmpty {
            guard let value = UInt64(text) else {
                throw RuntimeError(kind: .badConfiguration, message: "WEFT_SEED=\(text) is not a seed: use a whole number from 0")
            }
            seed = value
        }
        return try SchedulerKind(parsing: name, workers: workers, seed: seed)
    }

    /// "multiplexed" or "thread-per-task".
    public var name: String {
        switch self {
        case .multiplexed: "multiplexed"
        case .threadPerTask: "thread-per-task"
        case .deterministic: "deterministic"
        }
    }

    public var description: String {
        switch self {
        case .multiplexed(let workers): "multiplexed(\(workers) worker\(workers == 1 ? "" : "s"))"
        case .threadPerTask: "thread-per-task"
        case .deterministic(let seed, .random): "deterministic(seed \(seed))"
        case .deterministic(let seed, let strategy): "deterministic(seed \(seed), \(strategy))"
        }
    }

    /// The seed of the deterministic scheduler, or nil under the others.
    public var seed: UInt64? {
        if case .deterministic(let seed, _) = self { return seed }
        return nil
    }

    /// Whether times in this run are virtual (the deterministic scheduler's clock).
    public var hasVirtualTime: Bool { seed != nil }

    /// The worker count, or nil under thread-per-task (1 under deterministic: its one thread).
    public var workers: Int? {
        switch self {
        case .multiplexed(let workers): workers
        case .deterministic: 1
        case .threadPerTask: nil
        }
    }
}

/// The value of an environment variable.
func environment(_ name: String) -> String? {
    guard let value = getenv(name) else { return nil }
    return String(cString: value)
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
