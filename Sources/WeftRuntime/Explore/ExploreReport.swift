/// What an exploration found: how many runs completed, deadlocked or failed, each distinct way they went wrong with
/// the seed that replays it, and how many message orders each channel saw. A test asserts on it ("no deadlock in
/// 10,000 interleavings": `#expect(report.deadlocked == 0)`).
public struct ExploreReport: Sendable {
    /// How the scheduler chose among runnable tasks.
    public var strategy: ScheduleStrategy
    /// The seed of the first run; run `i` (from 0) used `firstSeed + i`.
    public var firstSeed: UInt64
    /// The runs asked for.
    public var runsRequested: Int
    /// The runs made (fewer than asked when the exploration was stopped).
    public var runs: Int
    public var completed: Int
    public var deadlocked: Int
    /// Runs whose program threw, or that the runtime could not carry on (a thread limit, a trace error).
    public var failed: Int
    /// Each distinct deadlock and failure, in the order first found.
    public var findings: [ExploreFinding]
    /// Each channel that carried messages, in the order the program made them.
    public var channels: [ChannelOrders]

    public init(strategy: ScheduleStrategy, firstSeed: UInt64, runsRequested: Int, runs: Int = 0, completed: Int = 0,
                deadlocked: Int = 0, failed: Int = 0, findings: [ExploreFinding] = [], channels: [ChannelOrders] = []) {
        self.strategy = strategy
        self.firstSeed = firstSeed
        self.runsRequested = runsRequested
        self.runs = runs
        self.completed = completed
        self.deadlocked = deadlocked
        self.failed = failed
        self.findings = findings
        self.channels = channels
    }

    /// Whether the exploration stopped before making every run asked for.
    public var wasStopped: Bool { runs < runsRequested }

    /// Whether every run made completed.
    public var allCompleted: Bool { completed == runs }

    /// The first deadlock found, if any.
    public var firstDeadlock: ExploreFinding? { findings.first { $0.kind == .deadlock } }

    /// The share of runs that deadlocked, from 0 to 1 (0 before any run).
    public var deadlockShare: Double { runs == 0 ? 0 : Double(deadlocked) / Double(runs) }
}
