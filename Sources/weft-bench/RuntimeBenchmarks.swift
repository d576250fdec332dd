// The `runtime` suite: costs of WeftRuntime's schedulers and primitives (release build; medians of several runs).
import CWeftSupport
import Foundation
import WeftRuntime

let runtimeSuite = BenchmarkSuite(name: "runtime") {
    let only = ProcessInfo.processInfo.environment["WEFT_BENCH_ONLY"]
    func enabled(_ name: String) -> Bool { only.map { name.contains($0) } ?? true }
    let trace = ProcessInfo.processInfo.environment["WEFT_BENCH_TRACE_DIR"] ?? NSTemporaryDirectory()

    if enabled("spawn") {
        let tasks = 100_000
        try await report("spawn+await no-op, default executor", per: "task", count: tasks) {
            await defaultSpawnAndAwait(tasks)
        }
        for workers in [1, 2, 4] {
            try await report("spawn+await no-op, multiplexed(\(workers))", per: "task", count: tasks) {
                try await timed(.multiplexed(workers: workers)) { rt in try await spawnAndAwait(rt, tasks) }
            }
        }
        try await report("spawn+await no-op, thread-per-task", per: "task", count: 2000) {
            try await timed(.threadPerTask) { rt in try await spawnAndAwait(rt, 2000) }
        }
    }

    if enabled("pingpong") {
        try await report("ping-pong through two AsyncStreams, default executor", per: "round trip", count: 100_000) {
            await defaultPingPong(100_000)
        }
        for workers in [1, 2] {
            try await report("ping-pong unbuffered, multiplexed(\(workers))", per: "round trip", count: 100_000) {
                try await timed(.multiplexed(workers: workers)) { rt in try await pingPong(rt, 100_000) }
            }
        }
        try await report("ping-pong unbuffered, thread-per-task", per: "round trip", count: 5000) {
            try await timed(.threadPerTask) { rt in try await pingPong(rt, 5000) }
        }
        for workers in [1, 2] {
            let path = trace + "/weft-bench-pingpong.weft"
            try await report("ping-pong unbuffered, multiplexed(\(workers)), traced", per: "round trip", count: 100_000) {
                try await timed(.multiplexed(workers: workers), tracePath: path) { rt in try await pingPong(rt, 100_000) }
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        try await eventsPerRoundTrip(tracePath: trace + "/weft-bench-pingpong-count.weft", rounds: 100_000)
    }

    if enabled("buffered") {
        try await report("AsyncStream (unbounded), 1 -> 1, default executor", per: "message", count: 1_000_000) {
            await defaultProducerConsumer(1_000_000)
        }
        for scheduler in [SchedulerKind.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask] {
            try await report("buffered channel cap 1024, 1 -> 1, \(scheduler)", per: "message", count: 1_000_000) {
                try await timed(scheduler) { rt in try await producerConsumer(rt, 1_000_000) }
            }
        }
    }

    if enabled("mutex") {
        try await report("Synchronization.Mutex counter 4 tasks x 1M, default executor", per: "increment", count: 4_000_000) {
            await defaultMutexCounter(tasks: 4, increments: 1_000_000)
        }
        for scheduler in [SchedulerKind.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask] {
            try await report("mutex counter 4 tasks x 1M, \(scheduler)", per: "increment", count: 4_000_000) {
                try await timed(scheduler) { rt in try await mutexCounter(rt, tasks: 4, increments: 1_000_000) }
            }
        }
    }

    if enabled("sleepers") {
        for scheduler in [SchedulerKind.multiplexed(workers: 2), .threadPerTask] {
            try await sleepers(scheduler, tasks: 10_000, runs: 3)
        }
    }
    if enabled("wake") {
        let trials = ProcessInfo.processInfo.environment["WEFT_BENCH_WAKE_TRIALS"].flatMap { Int($0) } ?? 1000
        try await wakeLatencyBenchmarks(trials: max(1, trials))
    }
    if enabled("million") {
        try await sleepers(.multiplexed(workers: 2), tasks: 1_000_000, runs: 1)
    }
}

// MARK: Programs

func spawnAndAwait(_ rt: Runtime, _ tasks: Int) async throws {
    var handles: [TaskHandle<Void>] = []
    handles.reserveCapacity(tasks)
    for _ in 0..<tasks { handles.append(rt.spawn("noop") {}) }
    for handle in handles { try await handle.value }
}

func pingPong(_ rt: Runtime, _ rounds: Int) async throws {
    let ping = rt.channel(of: Int.self, name: "ping")
    let pong = rt.channel(of: Int.self, name: "pong")
    let echo = rt.spawn("echo") {
        while let value = try await ping.receive() { try await pong.send(value) }
    }
    for i in 0..<rounds {
        try await ping.send(i)
        _ = try await pong.receive()
    }
    ping.close()
    try await echo.value
}

func producerConsumer(_ rt: Runtime, _ messages: Int) async throws {
    let channel = rt.channel(of: Int.self, capacity: 1024, name: "queue")
    let producer = rt.spawn("producer") {
        for i in 0..<messages { try await channel.send(i) }
        channel.close()
    }
    var sum = 0
    for try await value in channel { sum &+= value }
    try await producer.value
    precondition(sum == messages * (messages - 1) / 2)
}

private final class Shared: @unchecked Sendable { var count = 0 }

func mutexCounter(_ rt: Runtime, tasks: Int, increments: Int) async throws {
    let mutex = rt.mutex("counter")
    let shared = Shared()
    let handles = (0..<tasks).map { i in
        rt.spawn("adder \(i)") {
            for _ in 0..<increments {
                try await mutex.lock()
                shared.count += 1
                mutex.unlock()
            }
        }
    }
    for handle in handles { try await handle.value }
    precondition(shared.count == tasks * increments)
}

private func sleepers(_ scheduler: SchedulerKind, tasks: Int, runs: Int) async throws {
    var walls: [Double] = []
    var rss: [Double] = []
    var spawnTimes: [Double] = []
    for _ in 0..<runs {
        let before = residentBytes()
        let (wall, _) = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: nil, programName: "bench")) { rt in
            let start = cweft_monotonic_ns()
            let group = rt.waitGroup("sleepers")
            group.add(tasks)
            for _ in 0..<tasks {
                rt.spawn("sleeper") {
                    try await rt.sleep(for: .milliseconds(100))
                    group.done()
                }
            }
            try await group.wait()
            return cweft_monotonic_ns() - start
        }
        walls.append(Double(wall) / 1e6)
        rss.append(Double(peakBytes() - min(before, peakBytes())))
        spawnTimes.append(0)
    }
    let rssMB = median(rss) / 1e6
    print(String(format: "%-58@ wall %8.1f ms   peak RSS growth %8.1f MB  (%6.0f B/task)",
                 "\(tasks) tasks sleeping 100 ms, \(scheduler)" as NSString, median(walls), rssMB, median(rss) / Double(tasks)))
}

// MARK: Measuring

/// Records one traced ping-pong under multiplexed(1) and prints the events and trace bytes per round trip.
private func eventsPerRoundTrip(tracePath: String, rounds: Int) async throws {
    defer { try? FileManager.default.removeItem(atPath: tracePath) }
    let options = RunOptions(scheduler: .multiplexed(workers: 1), tracePath: tracePath, programName: "bench")
    let report = try await Weft.run(options) { rt in try await pingPong(rt, rounds) }.report
    print(String(format: "%-58@ %10.2f events, %.1f bytes per round trip", "ping-pong traced, multiplexed(1)" as NSString,
                 Double(report.eventsRecorded) / Double(rounds), Double(report.traceBytes) / Double(rounds)))
}

/// Runs `program` under `scheduler` and returns the nanoseconds it took (from inside the main task).
private func timed(_ scheduler: SchedulerKind, tracePath: String? = nil,
                   _ program: @escaping @Sendable (Runtime) async throws -> Void) async throws -> UInt64 {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: tracePath, programName: "bench")) { rt in
        let start = cweft_monotonic_ns()
        try await program(rt)
        return cweft_monotonic_ns() - start
    }.value
}

/// Runs `measure` five times and prints the median time per unit.
private func report(_ name: String, per unit: String, count: Int, runs: Int = 5,
                    _ measure: () async throws -> UInt64) async rethrows {
    var samples: [Double] = []
    for _ in 0..<runs { samples.append(Double(try await measure()) / Double(count)) }
    let sorted = samples.sorted()
    print(String(format: "%-58@ %10.1f ns/%@   (min %.1f, max %.1f)", name as NSString, median(samples), unit as NSString,
                 sorted.first!, sorted.last!))
}

private func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

/// The process's resident set size now (VmRSS), after resetting the peak mark (VmHWM).
private func residentBytes() -> UInt64 {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
    return statusField("VmRSS:")
}

/// The process's peak resident set size since the last reset (VmHWM).
private func peakBytes() -> UInt64 { statusField("VmHWM:") }

private func statusField(_ name: String) -> UInt64 {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name) }),
          let kilobytes = UInt64(line.filter(\.isNumber)) else { return 0 }
    return kilobytes * 1024
}
