import Glibc

extension Weft {
    /// Runs an ordinary program's main body on a Weft scheduler and writes its trace: every Swift task the body
    /// makes (task-group children, `async let`s, `Task {}`, `Task.detached {}`) is a Weft task of its own.
    ///
    /// ```swift
    /// @main struct Tool {
    ///     static func main() async throws {
    ///         try await Weft.trace { try await work() }
    ///     }
    /// }
    /// ```
    /// By default the scheduler is `WEFT_SCHEDULER` (`multiplexed`, `thread-per-task` or `deterministic`; with
    /// `WEFT_WORKERS` workers), and the trace goes to `WEFT_TRACE`, or to `<program>.weft` in the current directory
    /// when it is unset. One line on standard error says where the trace went.
    /// - Parameter options: the run's options; a nil `tracePath` means `<program>.weft`.
    /// - Returns: the body's value.
    /// - Throws: the body's own error, as it threw it; otherwise a `RuntimeError`: `.badConfiguration` for a bad
    ///   `WEFT_SCHEDULER`, `WEFT_WORKERS` or `WEFT_TRACE`, `.deadlock`, `.threadLimit`, `.trace`.
    public static func trace<T: Sendable>(_ options: RunOptions = RunOptions(),
                                          _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        var options = options
        let path = options.tracePath ?? "\(options.programName).weft"
        if let problem = tracePathProblem(path) {
            throw RuntimeError(kind: .badConfiguration, message: "cannot trace to WEFT_TRACE=\(path): \(problem). "
                + "Set WEFT_TRACE to the path of a .weft file in an existing directory, such as ./run.weft.")
        }
        options.tracePath = path
        var report: RunReport?
        defer {
            if let report {
                let line = "weft: traced \(options.programName) under \(options.scheduler.name) to \(path) "
                    + "(\(report.tasksCreated) tasks, \(report.eventsRecorded) events)\n"
                _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
            }
        }
        return try await run(options, report: &report) { _ in try await body() }
    }

    /// Why a trace cannot be written at `path` (a directory, a missing directory), or nil.
    static func tracePathProblem(_ path: String) -> String? {
        if path.hasSuffix("/") { return "it names a directory, not a file" }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { return "it is a directory" }
        let directory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        if !directory.isEmpty, stat(directory, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR {
            return "the directory \(directory) does not exist"
        }
        return nil
    }
}
