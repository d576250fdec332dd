import Testing
import WeftDemos
import WeftRuntime
import WeftTestSupport
import WeftTrace

/// Small options for every demo, so that each runs in milliseconds under the deterministic scheduler.
private let smallOptions: [String: [String]] = [
    "io-bound": ["--tasks", "50"],
    "cpu-bound": ["--tasks", "4"],
    "fan-out": ["--tasks", "20"],
]

@Suite("Demos under the deterministic scheduler", .serialized)
struct DeterministicDemoTests {
    @Test("every demo writes the same trace twice for the same seed", arguments: DemoRegistry.names)
    func sameTraceTwice(name: String) async throws {
        let demo = try DemoRegistry.named(name)
        let options = try demo.options(smallOptions[name] ?? [])
        for seed in UInt64(1)...3 {
            var traces: [ReplayBytes] = []
            var outcomes: [RunOutcome?] = []
            for attempt in 0..<2 {
                let path = temporaryTracePath("deterministic-\(name)-\(seed)-\(attempt)")
                defer { TemporaryFiles.remove(path) }
                do {
                    let report = try await demo.run(options, scheduler: .deterministic(seed: seed), tracePath: path,
                                                    output: CapturedOutput())
                    outcomes.append(report.outcome)
                } catch {
                    outcomes.append(error.report?.outcome)
                }
                traces.append(try ReplayBytes(path: path))
            }
            #expect(outcomes[0] == outcomes[1], "\(name), seed \(seed)")
            #expect(traces[0].firstDifference(from: traces[1]) == nil, "\(name), seed \(seed): two runs wrote different traces")
        }
    }
}
