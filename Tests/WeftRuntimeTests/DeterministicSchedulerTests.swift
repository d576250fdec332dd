import Foundation
import Testing
import WeftRuntime
import WeftTestSupport
import WeftTrace

/// A small program that exercises every kind of choice the deterministic scheduler makes: spawns, an unbuffered and a
/// buffered channel with several senders, a contended mutex, a select with a timeout, and sleeps.
private func mixedProgram(_ rt: Runtime) async throws -> [Int] {
    let numbers = rt.channel(of: Int.self, capacity: 0, name: "numbers")
    let buffered = rt.channel(of: Int.self, capacity: 2, name: "buffered")
    let lock = rt.mutex("lock")
    let group = rt.waitGroup("senders")
    for sender in 0..<3 {
        group.add()
        rt.spawn("sender \(sender)") {
            for i in 0..<3 {
                try await lock.withLock { rt.log("sender \(sender) holds the lock") }
                try await numbers.send(sender * 10 + i)
                if i == 1 { try await rt.sleep(for: .milliseconds(5 * (sender + 1))) }
            }
            try await buffered.send(sender)
            group.done()
        }
    }
    var received: [Int] = []
    for _ in 0..<9 { if let n = try await numbers.receive() { received.append(n) } }
    for _ in 0..<3 {
        received.append(try await rt.select(.receive(buffered) { value in 100 + (value ?? -1) },
                                            .after(.seconds(1)) { -1 }))
    }
    try await group.wait()
    return received
}

@Suite("Deterministic scheduler", .serialized)
struct DeterministicSchedulerTests {
    @Test("the same seed gives the same trace, byte for byte apart from the wall-clock date, for 100 seeds")
    func sameSeedSameBytes() async throws {
        for seed in UInt64(0)..<100 {
            var traces: [ReplayBytes] = []
            var values: [[Int]] = []
            for attempt in 0..<2 {
                let path = temporaryTracePath("deterministic-\(seed)-\(attempt)")
                defer { TemporaryFiles.remove(path) }
                let options = RunOptions(scheduler: .deterministic(seed: seed), tracePath: path, programName: "mixed")
                values.append(try await Weft.run(options, mixedProgram).value)
                traces.append(try ReplayBytes(path: path))
            }
            #expect(values[0] == values[1], "seed \(seed)")
            #expect(traces[0].firstDifference(from: traces[1]) == nil, "seed \(seed): two runs wrote different traces")
        }
    }

    @Test("different seeds choose different interleavings")
    func seedsDiffer() async throws {
        var orders = Set<[Int]>()
        for seed in UInt64(0)..<20 {
            orders.insert(try await Weft.run(RunOptions(scheduler: .deterministic(seed: seed)), mixedProgram).value)
        }
        #expect(orders.count > 1)
    }

    @Test("PCT is as deterministic as random choice")
    func pctIsDeterministic() async throws {
        for seed in UInt64(0)..<10 {
            let kind = SchedulerKind.deterministic(seed: seed, strategy: .pct(depth: 3, steps: 100))
            let first = try await Weft.run(RunOptions(scheduler: kind), mixedProgram).value
            let second = try await Weft.run(RunOptions(scheduler: kind), mixedProgram).value
            #expect(first == second)
        }
    }

    @Test("sleeps run on a virtual clock: 2 s of sleeping take milliseconds, and the report says 2 s")
    func virtualSleep() async throws {
        let started = ContinuousClock.now
        let (_, report) = try await Weft.run(RunOptions(scheduler: .deterministic(seed: 7))) { rt in
            try await rt.sleep(for: .seconds(2))
        }
        // Below the 2 s a real sleep would take, whatever the load on the machine.
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(report.wallNanoseconds >= 2_000_000_000)
        #expect(report.wallNanoseconds < 2_001_000_000)
    }

    @Test("timers fire in deadline order on the virtual clock")
    func timersInOrder() async throws {
        for seed in UInt64(0)..<20 {
            let order = try await Weft.run(RunOptions(scheduler: .deterministic(seed: seed))) { rt in
                let out = rt.channel(of: Int.self, capacity: 3, name: "out")
                for delay in [30, 10, 20] {
                    rt.spawn("sleeper \(delay)") {
                        try await rt.sleep(for: .milliseconds(delay))
                        try await out.send(delay)
                    }
                }
                var order: [Int] = []
                for _ in 0..<3 { order.append(try await out.receive() ?? 0) }
                return order
            }.value
            #expect(order == [10, 20, 30], "seed \(seed)")
        }
    }

    @Test("a deadlock is detected: no task can run and no timer is pending")
    func deadlockDetected() async throws {
        await #expect(throws: RuntimeError.self) {
            try await Weft.run(RunOptions(scheduler: .deterministic(seed: 1))) { rt in
                let never = rt.channel(of: Int.self, capacity: 0, name: "never")
                _ = try await never.receive()
            }
        }
        do {
            _ = try await Weft.run(RunOptions(scheduler: .deterministic(seed: 1))) { rt in
                let never = rt.channel(of: Int.self, capacity: 0, name: "never")
                _ = try await never.receive()
            }
        } catch {
            #expect(error.kind == .deadlock)
            #expect(error.deadlock?.blocked.count == 1)
        }
    }

    @Test("the trace says its times are virtual and names the seed")
    func traceSaysVirtual() async throws {
        let path = temporaryTracePath("deterministic-metadata")
        defer { TemporaryFiles.remove(path) }
        _ = try await Weft.run(RunOptions(scheduler: .deterministic(seed: 42), tracePath: path, programName: "m")) { rt in
            try await rt.sleep(for: .milliseconds(3))
        }
        let trace = try RecordedTrace(path: path)
        var facts: [String: String] = [:]
        for event in trace.of(.metadata) { facts[trace.string(event.args.a0)] = trace.string(event.args.a1) }
        #expect(facts[MetadataKey.virtualTime.rawValue] == "true")
        #expect(facts[MetadataKey.seed.rawValue] == "42")
        #expect(facts[MetadataKey.scheduler.rawValue] == "deterministic")
        // Every event has its own time, in virtual nanoseconds; the sleep shows as 3 ms.
        let times = trace.events.map(\.time)
        #expect(times == times.sorted())
        #expect((times.last ?? 0) >= 3_000_000)
    }

    @Test("\"deterministic\" parses with its seed; unknown schedulers and strategies are refused")
    func parsing() throws {
        #expect(try SchedulerKind(parsing: "deterministic", seed: 12) == .deterministic(seed: 12))
        #expect(throws: RuntimeError.self) { try SchedulerKind(parsing: "deterministc") }
        #expect(try ScheduleStrategy(parsing: "pct") == .pctDefault)
        #expect(throws: RuntimeError.self) { try ScheduleStrategy(parsing: "fair") }
    }
}
