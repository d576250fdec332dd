import Glibc

/// Which scheduler runs the program's tasks.
public enum SchedulerKind: Sendable, Equatable, CustomStringConvertible {
    /// M:N — `workers` OS threads run every task, with per-worker run queues and work stealing (like Go).
    case multiplexed(workers: Int)
    /// 1:1 — every task has its own OS thread for its whole life (like Rust's std::thread).
    case threadPerTask

    /// The number of online cores.
    public static var defaultWorkers: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Parses "multiplexed" (also "m:n", "mn") or "thread-per-task" (also "threadPerTask", "1:1").
    /// - Parameter workers: the worker count for `multiplexed`; `defaultWorkers` when nil.
    /// - Throws: `RuntimeError.Kind.badConfiguration` for anything else, or a worker count below 1.
    public init(parsing text: String, workers: Int? = nil) throws(RuntimeError) {
        switch text.lowercased().trimmingCharacters(in: " \t\n") {
        case "multiplexed", "m:n", "mn":
            let count = workers ?? Self.defaultWorkers
            guard count >= 1 else {
                throw RuntimeError(kind: .badConfiguration, message: "the multiplexed scheduler needs at least 1 worker, not \(count)")
            }
            self = .multiplexed(workers: count)
        case "thread-per-task", "threadpertask", "1:1":
            self = .threadPerTask
        default:
            throw RuntimeError(kind: .badConfiguration,
                               message: "unknown scheduler \"\(text)\": use \"multiplexed\" or \"thread-per-task\"")
        }
    }

    /// The scheduler named by `WEFT_SCHEDULER` (and `WEFT_WORKERS` for the worker count), or nil when unset.
    /// - Throws: `.badConfiguration` for an unknown name or a bad worker count.
    public static func fromEnvironment() throws(RuntimeError) -> SchedulerKind? {
        guard let name = environment("WEFT_SCHEDULER"), !name.isEmpty else { return nil }
        var workers: Int?
        if let text = environment("WEFT_WORKERS"), !text.isEmpty {
            guard let count = Int(text), count >= 1 else {
                throw RuntimeError(kind: .badConfiguration, message: "WEFT_WORKERS=\(text) is not a worker count: use a whole number from 1")
            }
            workers = count
        }
        return try SchedulerKind(parsing: name, workers: workers)
    }

    /// "multiplexed" or "thread-per-task".
    public var name: String {
        switch self {
        case .multiplexed: "multiplexed"
        case .threadPerTask: "thread-per-task"
        }
    }

    public var description: String {
        switch self {
        case .multiplexed(let workers): "multiplexed(\(workers) worker\(workers == 1 ? "" : "s"))"
        case .threadPerTask: "thread-per-task"
        }
    }

    /// The worker count, or nil under thread-per-task.
    public var workers: Int? {
        if case .multiplexed(let workers) = self { return workers }
        return nil
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
