import Testing
import WeftAnalysis
import WeftDemos
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// The demos for the blog's claims, each under both schedulers, at small sizes.
@Suite("The demos for the blog's claims", .serialized)
struct ClaimDemoTests {
    @Test("pingpong: every round trip is two sends and two receives", arguments: bothSchedulers)
    func pingPong(scheduler: String) async throws {
        let run = try await RecordedRun.of("pingpong", ["--rounds", "20"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines.first == "ping 1 → pong 1")
        #expect(run.lines.last?.hasPrefix("20 round trips") == true)
        #expect(run.count(.send) == 40)
        #expect(run.events(.receive).filter { $0.args.a1 != 0 }.count == 40)
    }

    @Test("pipeline: three stages, every item through both channels, the right sum", arguments: bothSchedulers)
    func pipeline(scheduler: String) async throws {
        let run = try await RecordedRun.of("pipeline", ["--items", "50"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["sum of the squares of 1…50 = 42,925"])
        #expect(run.tasks(named: "generate").count == 1 && run.tasks(named: "square").count == 1)
        #expect(run.count(.send) == 100)
        #expect(run.count(.close) == 2)
    }

    @Test("pipeline --work-us: the square stage computes that long per item, between receiving and sending it", arguments: bothSchedulers)
    func pipelineWork(scheduler: String) async throws {
        let run = try await RecordedRun.of("pipeline", ["--items", "3", "--work-us", "500"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["sum of the squares of 1…3 = 14"])
        let square = try #require(run.tasks(named: "square").first)
        let squares = try #require(run.channel(named: "squares"))
        let numbers = try #require(run.channel(named: "numbers"))
        let received = run.events(.receive).filter { $0.task == square && $0.args.a0 == numbers.rawValue && $0.args.a1 != 0 }
        let sent = run.events(.send).filter { $0.task == square && $0.args.a0 == squares.rawValue }
        #expect(received.count == 3 && sent.count == 3)
        // Each item is held for its 500 µs of work (less a margin for the trace clock's calibration).
        for (inbound, outbound) in zip(received, sent) {
            #expect(outbound.time - inbound.time >= 450_000)
        }
    }

    @Test("fanout: every job goes out and comes back, over all workers", arguments: bothSchedulers)
    func fanOut(scheduler: String) async throws {
        let run = try await RecordedRun.of("fanout", ["--jobs", "30", "--tasks", "3", "--sleep-ms", "1"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines.first?.hasPrefix("30 jobs over 3 workers: total 930") == true)
        #expect(run.tasks(named: "worker").count == 3)
        #expect(run.count(.send) == 60)
    }

    @Test("io-bound: a few threads when multiplexed, one thread per task under thread-per-task", arguments: bothSchedulers)
    func ioBound(scheduler: String) async throws {
        let run = try await RecordedRun.of("io-bound", ["--tasks", "300", "--sleep-ms", "20"], scheduler: scheduler)
        #expect(run.error == nil)
        let report = try #require(run.report)
        let requests = run.tasks(named: "request")
        #expect(requests.count == 300)
        #expect(run.count(.sleep) == 300)
        let threads = run.threadRoles
        let others = threads.filter { $0 != .worker && $0 != .taskThread }
        #expect(others.count <= 3, "besides workers or task threads only main and the timer record: \(others)")
        #expect(others.contains(.main))
        if scheduler == "multiplexed" {
            #expect(threads.filter { $0 == .worker }.count == 2)
            #expect(threads.filter { $0 == .taskThread }.isEmpty)
            #expect(report.threadsCreated <= 2 + 2, "two workers and the timer")
            #expect(report.peakThreadsAlive <= 2 + 2)
        } else {
            let taskThreads = threads.filter { $0 == .taskThread }.count
            #expect(taskThreads == run.count(.taskCreate), "one thread per task, the main task's included")
            #expect(taskThreads == 301)
            #expect(report.threadsCreated >= 301)
        }
    }

    @Test("cpu-bound: the tasks count the primes right", arguments: bothSchedulers)
    func cpuBound(scheduler: String) async throws {
        let run = try await RecordedRun.of("cpu-bound", ["--tasks", "4", "--limit", "1000"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["168 primes below 1,000, counted by 4 tasks"])
        #expect(run.tasks(named: "primes").count == 4)
        #expect(run.count(.block) <= 5, "computing tasks never wait; only main waits for them")
    }

    /// Seated all at once (`--think-ms 0`), every philosopher holds the left fork when reaching for the right: a
    /// claim of virtual time, so it holds on every seed however loaded the machine is.
    @Test("philosophers seated at once deadlock as a cycle of five forks", arguments: ["deterministic"])
    func philosophersDeadlock(scheduler: String) async throws {
        let run = try await RecordedRun.of("philosophers", ["--think-ms", "0"], scheduler: scheduler)
        let error = try #require(run.error)
        #expect(error.kind == .deadlock)
        let cycle = try #require(error.deadlock).cycle
        #expect(cycle.count == 5, "the five philosophers wait for each other in a ring")
        #expect(Set(cycle.map(\.name)) == Set((1...5).map { "philosopher \($0)" }))
        #expect(run.report?.outcome == .deadlocked)
        #expect(run.lines.isEmpty)
        let philosophers = run.tasks(named: "philosopher")
        let blocked = run.events(.block).filter { $0.args.a0 == BlockReason.mutex.rawValue && philosophers.contains($0.task) }
        #expect(Set(blocked.map(\.task)) == philosophers, "each of the five waits for a fork")
        #expect(Set(blocked.map(\.args.a1)).count == 5, "for five different forks")
        let forks = run.timeline.mutexes.filter { $0.name.hasPrefix("fork") }
        #expect(forks.count == 5)
        #expect(forks.allSatisfy { $0.pending.count == 1 }, "every fork is held by one and wanted by another")
        #expect(run.timeline.run.outcome == .deadlocked)
        let finish = try #require(run.events(.runFinish).last)
        #expect(finish.args.a0 == RunOutcome.deadlocked.rawValue)
    }

    @Test("philosophers --fixed: every philosopher eats every meal", arguments: bothSchedulers)
    func philosophersFixed(scheduler: String) async throws {
        let run = try await RecordedRun.of("philosophers", ["--fixed", "--meals", "2", "--think-ms", "2"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines.filter { $0.contains(" eats meal ") }.count == 10)
        #expect(run.lines.last == "Every philosopher ate 2 meals")
        #expect(run.report?.outcome == .completed)
    }

    @Test("producer-consumer: every item consumed, and the pause shows as a timeout", arguments: bothSchedulers)
    func producerConsumer(scheduler: String) async throws {
        let run = try await RecordedRun.of("producer-consumer",
            ["--producers", "2", "--items", "6", "--interval-ms", "1", "--pause-ms", "120", "--timeout-ms", "40"],
            scheduler: scheduler)
        #expect(run.error == nil)
        let summary = try #require(run.lines.last)
        #expect(summary.hasPrefix("consumer: 12 items, "))
        let timeouts = run.lines.filter { $0.contains("still waiting") }.count
        #expect(timeouts >= 1)
        #expect(summary == "consumer: 12 items, \(timeouts) timeouts")
        #expect(run.count(.select) == 12 + timeouts + 1, "one select per item, per timeout, and the close")
    }
}
