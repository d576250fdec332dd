import WeftTrace

/// A deterministic made-up run of a typical fan-out program, as a list of events, for the renderer's benchmarks,
/// tests and pictures when no recorded trace is at hand.
///
/// The program: task "main" makes a channel, a mutex and a wait group, spawns `tasks` producers and a "consumer".
/// Each producer runs `bursts` times: computes a few µs (sometimes under the mutex), sends one message, sleeps.
/// The consumer receives messages in batches. Main waits on the wait group, then ends.
/// Scheduled either on `workers` threads (multiplexed) or on one thread per task (`workers == nil`).
public struct SyntheticRun: Sendable {
    public var tasks: Int
    public var bursts: Int
    /// Worker threads; nil for one thread per task.
    public var workers: Int?
    public var seed: UInt64
    /// Mean sleep between bursts, ns.
    public var sleep: UInt64

    public init(tasks: Int, bursts: Int, workers: Int?, seed: UInt64 = 1, sleep: UInt64 = 200_000) {
        self.tasks = max(tasks, 1)
        self.bursts = max(bursts, 1)
        self.workers = workers.map { max($0, 1) }
        self.seed = seed
        self.sleep = sleep
    }

    /// The events, in time order, with their string table.
    public func events() -> EventList {
        var sim = SyntheticScheduler(run: self)
        return sim.simulate()
    }
}
