import WeftRuntime

/// The schedulers every semantic test runs under.
let allSchedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 4), .threadPerTask]

/// Five seeds of the deterministic scheduler: where a test orders events with a sleep ("by then the sender has
/// blocked"), virtual time makes that order certain, as the clock moves only once no task can run; on real threads
/// it is only likely, so such a test states its exact claim here and a weaker one on `allSchedulers`.
let deterministicSchedulers: [SchedulerKind] = (0..<5).map { .deterministic(seed: $0) }

/// Runs `body` as a Weft program under `scheduler` without a trace and returns its value.
func runProgram<T: Sendable>(_ scheduler: SchedulerKind, tracePath: String? = nil,
                             _ body: @escaping @Sendable (Runtime) async throws -> T) async throws -> T {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: tracePath, programName: "test"), body).value
}
