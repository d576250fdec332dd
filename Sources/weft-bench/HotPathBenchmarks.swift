// The `hotpath` suite: one run of one runtime operation at a fixed size, untimed, for instruction-level profilers
// (`valgrind --tool=callgrind`, `perf record`), whose counts must not depend on how many timing repeats ran.
// WEFT_BENCH_HOTPATH chooses it: pingpong (default), pingpong-traced, mutex, buffered, spawn.
import Foundation
import WeftRuntime

let hotPathSuite = BenchmarkSuite(name: "hotpath") {
    let which = ProcessInfo.processInfo.environment["WEFT_BENCH_HOTPATH"] ?? "pingpong"
    let trace = (ProcessInfo.processInfo.environment["WEFT_BENCH_TRACE_DIR"] ?? NSTemporaryDirectory()) + "/weft-bench-hotpath.weft"
    defer { try? FileManager.default.removeItem(atPath: trace) }
    let scheduler = SchedulerKind.multiplexed(workers: 1)
    let options = RunOptions(scheduler: scheduler, tracePath: which.hasSuffix("-traced") ? trace : nil, programName: "hotpath")
    let (_, report) = try await Weft.run(options) { rt in
        switch which {
        case "pingpong", "pingpong-traced": try await pingPong(rt, 20_000)
        case "mutex": try await mutexCounter(rt, tasks: 4, increments: 100_000)
        case "buffered": try await producerConsumer(rt, 200_000)
        case "spawn": try await spawnAndAwait(rt, 20_000)
        default: preconditionFailure("WEFT_BENCH_HOTPATH: pingpong, pingpong-traced, mutex, buffered or spawn, not \(which)")
        }
    }
    print("\(which) under \(scheduler): \(report.eventsRecorded) events")
}
