/// The rest of what an exploration needs beyond runs, strategy and seed: how to name its runs, when to stop early,
/// and whom to tell how far it got.
public struct ExploreOptions: Sendable {
    /// The program's name, as each run records it (see `RunOptions.programName`).
    public var programName: String
    /// The program's arguments, as each run records them.
    public var arguments: [String]
    /// A cap on the OS threads of each run (see `RunOptions.maxThreads`).
    public var maxThreads: Int?
    /// Asked before each run; true ends the exploration there (for Ctrl-C). Called on the exploring task.
    public var shouldStop: @Sendable () -> Bool
    /// Told after each run, with the report so far. Called on the exploring task.
    public var progress: @Sendable (ExploreReport) -> Void

    public init(programName: String = "explore", arguments: [String] = [], maxThreads: Int? = nil,
                shouldStop: @escaping @Sendable () -> Bool = { false },
                progress: @escaping @Sendable (ExploreReport) -> Void = { _ in }) {
        self.programName = programName
        self.arguments = arguments
        self.maxThreads = maxThreads
        self.shouldStop = shouldStop
        self.progress = progress
    }
}
