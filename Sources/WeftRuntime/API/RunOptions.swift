/// How to run a program: which scheduler, whether and where to trace, and how to name the run.
public struct RunOptions: Sendable {
    /// The scheduler; by default `WEFT_SCHEDULER`, else `.multiplexed(workers: defaultWorkers)`.
    public var scheduler: SchedulerKind
    /// Where to write the `.weft` trace; by default `WEFT_TRACE`; nil means no trace.
    public var tracePath: String?
    /// The program's name, recorded as metadata.
    public var programName: String
    /// The program's arguments, recorded as metadata.
    public var arguments: [String]
    /// What the program does, in one line ("eight clients share an actor-guarded cache"), recorded as metadata and
    /// shown by `weft compare` under its title; "" says nothing.
    public var summary: String = ""
    /// An extra cap on the OS threads the scheduler may create (workers, task threads and the timer); beyond it a
    /// spawn fails exactly as when the system refuses a thread. nil: only the system's limits apply.
    public var maxThreads: Int?
    /// Stops the run from outside when asked (e.g. on Ctrl-C); nil: the run ends only by itself.
    public var stop: RunStop?
    /// Set when `WEFT_SCHEDULER` or `WEFT_WORKERS` could not be understood; `Weft.run` then throws it.
    var configurationError: RuntimeError?
    /// Where `Weft.explore` collects each channel's message order for this run; nil in ordinary runs.
    var messageOrders: MessageOrderLog?

    /// - Parameters:
    ///   - scheduler: nil for `WEFT_SCHEDULER` (+ `WEFT_WORKERS`), else multiplexed on every core.
    ///   - tracePath: nil for `WEFT_TRACE` (unset or empty: no trace).
    ///   - programName: nil for the executable's name.
    public init(scheduler: SchedulerKind? = nil, tracePath: String? = nil, programName: String? = nil, arguments: [String] = []) {
        if let scheduler {
            self.scheduler = scheduler
        } else {
            do throws(RuntimeError) {
                self.scheduler = try SchedulerKind.fromEnvironment() ?? .multiplexed(workers: SchedulerKind.defaultWorkers)
            } catch {
                self.scheduler = .multiplexed(workers: SchedulerKind.defaultWorkers)
                configurationError = error
            }
        }
        self.tracePath = tracePath ?? environment("WEFT_TRACE").flatMap { $0.isEmpty ? nil : $0 }
        self.programName = programName ?? CommandLine.arguments.first.map { String($0.split(separator: "/").last ?? "") } ?? "weft"
        self.arguments = arguments
    }
}
