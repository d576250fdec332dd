import WeftRuntime

/// The schedulers every semantic test runs under.
let allSchedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 4), .threadPerTask]

/// Runs `body` as a Weft program under `scheduler` without a trace and returns its value.
func runProgram<T: Sendable>(_ scheduler: SchedulerKind, tracePath: String? = nil,
                             _ body: @escaping @Sendable (Runtime) async throws -> T) async throws -> T {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: tracePath, programName: "test"), body).value
}
