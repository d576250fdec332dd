import Testing
import WeftRuntime

/// Two tasks take two locks; `ordered: false` takes them in opposite orders, which deadlocks when each holds its
/// first lock before the other reaches for its second.
private func twoLocks(ordered: Bool) -> @Sendable (Runtime) async throws -> Void {
    { rt in
        let a = rt.mutex("a"), b = rt.mutex("b")
        let first = rt.spawn("first") {
            try await a.lock()
            await rt.yield()
            try await b.lock()
            b.unlock()
            a.unlock()
        }
        let second = rt.spawn("second") {
            let (x, y) = ordered ? (a, b) : (b, a)
            try await x.lock()
            await rt.yield()
            try await y.lock()
            y.unlock()
            x.unlock()
        }
        try await first.value
        try await second.value
    }
}

/// Two senders of two messages each on one unbuffered channel, with a yield between their sends.
private func twoSenders(_ rt: Runtime) async throws {
    let channel = rt.channel(of: Int.self, name: "numbers")
    for sender in 0..<2 {
        rt.spawn("sender \(sender)") {
            for n in 0..<2 {
                try await channel.send(sender * 10 + n)
                await rt.yield()
            }
        }
    }
    for _ in 0..<4 { _ = try await channel.receive() }
}

@Suite("Weft.explore", .serialized)
struct ExploreTests {
    @Test("locks taken in opposite orders: the deadlock is found, with its cycle, and its seed replays it")
    func findsTheDeadlock() async throws {
        let report = try await Weft.explore(runs: 300, seed: 1, twoLocks(ordered: false))
        #expect(report.runs == 300 && !report.wasStopped)
        #expect(report.deadlocked > 0, "some interleaving lets each task hold its first lock")
        #expect(report.completed > 0, "and some lets one task take both first")
        #expect(report.completed + report.deadlocked + report.failed == report.runs)
        #expect(report.failed == 0)
        let deadlock = try #require(report.firstDeadlock)
        #expect(report.findings.count == 1, "one cycle, however it was reached: \(report.findings)")
        #expect(deadlock.runs == report.deadlocked)
        #expect(Set(deadlock.cycle.map(\.name)) == ["first", "second"])
        #expect(deadlock.signature.hasPrefix("\"first\" -> \"second\" -> \"first\""), "\(deadlock.signature)")
        #expect(deadlock.replay == .deterministic(seed: deadlock.firstSeed, strategy: .random))
        #expect((1..<301).contains(deadlock.firstSeed))

        // The first seed found replays the same deadlock; the seed before it (if explored) completed.
        await #expect(throws: RuntimeError.self) { _ = try await Weft.run(RunOptions(scheduler: deadlock.replay), twoLocks(ordered: false)) }
        do {
            _ = try await Weft.run(RunOptions(scheduler: deadlock.replay), twoLocks(ordered: false))
        } catch {
            #expect(ExploreFinding.classify(error).signature == deadlock.signature)
        }
        if deadlock.firstSeed > 1 {
            _ = try await Weft.run(RunOptions(scheduler: .deterministic(seed: deadlock.firstSeed - 1)), twoLocks(ordered: false))
        }
    }

    @Test("the same locks taken in one order: no deadlock in 2,000 interleavings")
    func noDeadlockWhenOrdered() async throws {
        let report = try await Weft.explore(runs: 2_000, twoLocks(ordered: true))
        #expect(report.runs == 2_000)
        #expect(report.deadlocked == 0)
        #expect(report.allCompleted)
        #expect(report.findings.isEmpty)
    }

    @Test("PCT finds the same deadlock")
    func pctFindsIt() async throws {
        let report = try await Weft.explore(runs: 300, strategy: .pct(depth: 2, steps: 20), twoLocks(ordered: false))
        #expect(report.deadlocked > 0)
        #expect(report.firstDeadlock?.replay == .deterministic(seed: report.firstDeadlock!.firstSeed,
                                                               strategy: .pct(depth: 2, steps: 20)))
    }

    @Test("two senders of two messages each: all six orders of their messages are seen, and counted per channel")
    func messageOrders() async throws {
        let report = try await Weft.explore(runs: 500, twoSenders)
        #expect(report.allCompleted)
        let numbers = try #require(report.channels.first)
        #expect(report.channels.count == 1)
        #expect(numbers.channel == "numbers")
        #expect(numbers.runs == 500)
        #expect(numbers.fewestMessages == 4 && numbers.mostMessages == 4)
        // AABB, ABAB, ABBA, BAAB, BABA, BBAA: the interleavings of two senders' two messages each.
        #expect(numbers.distinctOrders == 6)
    }

    @Test("the same seeds give the same report")
    func repeatable() async throws {
        let once = try await Weft.explore(runs: 200, seed: 40, twoLocks(ordered: false))
        let again = try await Weft.explore(runs: 200, seed: 40, twoLocks(ordered: false))
        #expect(once.deadlocked == again.deadlocked)
        #expect(once.findings.map(\.firstSeed) == again.findings.map(\.firstSeed))
    }

    @Test("a failure is its own finding, by message; stopping early keeps the runs made")
    func failuresAndStopping() async throws {
        struct Odd: Error, CustomStringConvertible {
            var description: String { "an odd number came first" }
        }
        let runsMade = RunCounter()
        var options = ExploreOptions()
        options.shouldStop = { runsMade.value >= 50 }
        options.progress = { runsMade.value = $0.runs }
        let report = try await Weft.explore(runs: 1_000, options: options) { rt in
            let channel = rt.channel(of: Int.self, capacity: 2)
            rt.spawn("one") { try await channel.send(1) }
            rt.spawn("two") { try await channel.send(2) }
            let first = try await channel.receive() ?? 0
            _ = try await channel.receive()
            if first % 2 == 1 { throw Odd() }
        }
        #expect(report.runs == 50 && report.wasStopped)
        #expect(report.failed > 0 && report.completed > 0)
        #expect(report.deadlocked == 0)
        let failure = try #require(report.findings.first)
        #expect(failure.kind == .failure)
        #expect(failure.signature.contains("an odd number came first"))
        #expect(failure.runs == report.failed)
    }

    @Test("fewer than one run is refused")
    func badRuns() async {
        await #expect(throws: RuntimeError.self) { _ = try await Weft.explore(runs: 0) { _ in } }
    }

    @Test("Runtime.random follows the seed under the deterministic scheduler")
    func seededRandom() async throws {
        func draws(_ seed: UInt64) async throws -> [Int] {
            try await Weft.run(RunOptions(scheduler: .deterministic(seed: seed))) { rt in
                (0..<20).map { _ in rt.random(in: 0...1_000_000) }
            }.value
        }
        let a = try await draws(7), b = try await draws(7), c = try await draws(8)
        #expect(a == b)
        #expect(a != c)
        #expect(a.allSatisfy { (0...1_000_000).contains($0) })
    }
}

/// A counter the exploring task reads and writes (its callbacks run there, one at a time).
private final class RunCounter: @unchecked Sendable {
    var value = 0
}
