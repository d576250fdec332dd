/// A named group of benchmarks.
struct BenchmarkSuite: Sendable {
    var name: String
    var run: @Sendable () async throws -> Void
}

/// Every suite, in the order `weft-bench` runs them. Each suite lives in its own file.
let benchmarkSuites: [BenchmarkSuite] = [
    traceBenchmarks,
    runtimeSuite,
    hotPathSuite,
    analysisSuite,
    renderSuite,
    diffSuite,
    exportSuite,
    commandSuite,
    footprintSuite,
    tallySuite,
]
