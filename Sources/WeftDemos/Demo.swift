import WeftRuntime

/// One demo program: a name, what it shows, its size parameters, and its body, which runs under either scheduler.
public struct Demo: Sendable {
    /// The name used on the command line (`weft run NAME`).
    public let name: String
    /// One line for `weft demos`.
    public let summary: String
    /// The blog's words this demo shows or tests.
    public let claim: String
    /// Its size parameters, in the order `weft run --help` and traces list them.
    public let parameters: [DemoParameter]
    /// Its switches.
    public let flags: [DemoFlag]
    /// Whether the demo, with these options, is meant to end in a deadlock (the philosophers without `--fixed`).
    public let deadlocksByDesign: @Sendable (DemoOptions) -> Bool
    /// What to look for in a picture of a run with these options, in the legend's words (the stage that sets the pace,
    /// which lane shows a wait): the end of the picture's caption; nil when the summary says enough.
    public let lookFor: @Sendable (DemoOptions) -> String?
    /// Checks that the options fit together (beyond each one's range); returns what is wrong, or nil.
    let constraint: @Sendable (DemoOptions) -> String?
    /// The program.
    let body: @Sendable (DemoContext) async throws -> Void

    public init(
        name: String, summary: String, claim: String,
        parameters: [DemoParameter] = [], flags: [DemoFlag] = [],
        deadlocksByDesign: @escaping @Sendable (DemoOptions) -> Bool = { _ in false },
        lookFor: @escaping @Sendable (DemoOptions) -> String? = { _ in nil },
        constraint: @escaping @Sendable (DemoOptions) -> String? = { _ in nil },
        body: @escaping @Sendable (DemoContext) async throws -> Void
    ) {
        self.name = name
        self.summary = summary
        self.claim = claim
        self.parameters = parameters
        self.flags = flags
        self.deadlocksByDesign = deadlocksByDesign
        self.lookFor = lookFor
        self.constraint = constraint
        self.body = body
    }

    /// Option names that `weft run` and `weft compare` keep for themselves: no demo parameter or flag may use one.
    public static let reservedOptionNames: Set<String> = [
        "scheduler", "workers", "output", "output-directory", "max-threads", "no-trace", "report-json", "weft-binary",
        "help", "version", "seed", "runs", "strategy", "json", "repeat",
    ]

    /// Its options with every default.
    public var defaults: DemoOptions { DemoOptions(defaultsOf: self) }

    /// Parses the demo's options from command-line words.
    /// - Throws: `DemoError` naming the wrong word and the valid options.
    public func options(_ words: [String]) throws(DemoError) -> DemoOptions {
        try DemoOptions(parsing: words, for: self)
    }

    /// A line naming every option and its default, for error messages.
    var optionsHint: String {
        let all = parameters.map { "--\($0.name) N (default \($0.defaultValue))" } + flags.map { "--\($0.name)" }
        return all.isEmpty ? "It takes no options." : "Its options: \(all.joined(separator: ", "))."
    }

    /// Runs the demo under the runtime, recording a trace when `tracePath` is set.
    /// - Parameters:
    ///   - options: the demo's sizes and switches.
    ///   - scheduler: which scheduler runs its tasks.
    ///   - tracePath: where the `.weft` trace goes; nil records none.
    ///   - output: where its lines go.
    ///   - maxThreads: a cap on the OS threads the scheduler may create (nil: only the system's limits).
    ///   - stop: stops the run from outside when requested (Ctrl-C); nil: the run ends by itself.
    /// - Returns: the runtime's report on the run.
    /// - Throws: `RuntimeError` when the run deadlocks, hits the thread limit, is stopped, or the program fails
    ///   (a `DemoError` thrown by the body arrives as a `.failed` error with its message).
    public func run(
        _ options: DemoOptions, scheduler: SchedulerKind, tracePath: String?, output: any DemoOutput,
        maxThreads: Int? = nil, stop: RunStop? = nil
    ) async throws(RuntimeError) -> RunReport {
        var runOptions = RunOptions(
            scheduler: scheduler, tracePath: tracePath,
            programName: "weft run \(name)", arguments: options.commandLine(for: self))
        runOptions.maxThreads = maxThreads
        runOptions.stop = stop
        let body = self.body
        let (_, report) = try await Weft.run(runOptions) { runtime in
            try await body(DemoContext(runtime: runtime, options: options, output: output))
        }
        return report
    }
}
