import Testing
import WeftAnalysis
import WeftDemos
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// The blog's five examples, each under both schedulers, at small sizes: their output and what their traces show.
@Suite("The blog's demos", .serialized)
struct BlogDemoTests {
    @Test("numbers: every task prints its numbers in order, sleeping after each", arguments: bothSchedulers)
    func numbers(scheduler: String) async throws {
        let run = try await RecordedRun.of("numbers", ["--tasks", "3", "--count", "4", "--sleep-ms", "2"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines.count == 12)
        for task in 1...3 {
            #expect(run.lines.filter { $0.hasPrefix("Task \(task):") } == (0..<4).map { "Task \(task): \($0)" })
        }
        #expect(run.tasks(named: "printNumbers").count == 3)
        #expect(run.count(.sleep) == 12)
        #expect(run.events(.log).count == 12)
    }

    @Test("workers: three reports, three sends paired with three receives", arguments: bothSchedulers)
    func workers(scheduler: String) async throws {
        let run = try await RecordedRun.of("workers", ["--sleep-ms", "5"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(Set(run.lines) == ["Worker 1 done", "Worker 2 done", "Worker 3 done"])
        let channel = try #require(run.channel(named: "results"))
        let make = try #require(run.events(.channelMake).first { $0.args.a0 == channel.rawValue })
        #expect(make.args.a1 == 3)
        let sends = run.events(.send).filter { $0.args.a0 == channel.rawValue }.map(\.args.a1)
        let receives = run.events(.receive).filter { $0.args.a0 == channel.rawValue && $0.args.a1 != 0 }.map(\.args.a1)
        #expect(sends.count == 3)
        #expect(Set(sends) == Set(receives))
        #expect(Set(receives) == [1, 2, 3])
        let workers = run.tasks(named: "worker")
        #expect(workers.count == 3)
        #expect(run.events(.send).allSatisfy { workers.contains($0.task) })
        let flows = run.timeline.flows.filter { $0.channel == channel }
        #expect(flows.count == 3)
        #expect(flows.allSatisfy { $0.sent != nil && $0.received != nil && workers.contains($0.sender) })
    }

    @Test("waitgroup: every task runs before main says all are done", arguments: bothSchedulers)
    func waitGroup(scheduler: String) async throws {
        let run = try await RecordedRun.of("waitgroup", ["--tasks", "4"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(Set(run.lines.dropLast()) == Set((1...4).map { "Task \($0) running" }))
        #expect(run.lines.last == "All tasks done")
        #expect(run.count(.waitGroupAdd) == 4)
        #expect(run.count(.waitGroupDone) == 4)
        #expect(run.events(.waitGroupDone).last?.args.a1 == 0)
        #expect(run.count(.waitGroupWait) == 1)
    }

    @Test("waitgroup --work-ms: task N works (sleeps) N times as long after printing", arguments: bothSchedulers)
    func waitGroupWork(scheduler: String) async throws {
        let run = try await RecordedRun.of("waitgroup", ["--work-ms", "1"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines.last == "All tasks done")
        let tasks = run.tasks(named: "task")
        let sleeps = run.events(.sleep).filter { tasks.contains($0.task) }
        #expect(sleeps.map { run.taskNames[$0.task] ?? "" }.sorted() == ["task 1", "task 2", "task 3"])
        for sleep in sleeps {
            let n = try #require(run.taskNames[sleep.task].flatMap { Int($0.split(separator: " ").last ?? "") })
            #expect(sleep.args.a0 == UInt64(n) * 1_000_000, "task \(n) works \(n) ms")
        }
    }

    @Test("counter: the right total, and one lock acquisition per increment", arguments: bothSchedulers)
    func counter(scheduler: String) async throws {
        let run = try await RecordedRun.of("counter", ["--tasks", "4", "--increments", "5", "--hold-us", "0"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["Final count: 50"])
        let adders = run.tasks(named: "adder")
        #expect(adders.count == 4)
        let acquisitions = run.events(.lockAcquire)
        #expect(acquisitions.filter { adders.contains($0.task) }.count == 20)
        #expect(acquisitions.count == 21, "20 increments and main's final read")
        #expect(run.count(.lockRelease) == acquisitions.count)
        let mutex = try #require(run.timeline.mutexes.first { $0.name == "counter" })
        #expect(mutex.holds.count == 21)
        #expect(mutex.holds.allSatisfy { $0.released })
        #expect(mutex.pending.isEmpty)
    }

    @Test("counter: at its default size the adders queue for the lock, holding it across their work", arguments: bothSchedulers)
    func counterContended(scheduler: String) async throws {
        // Whether an adder asks for the lock while another holds it depends on the OS running two threads at once: on
        // a heavily loaded machine one run may see the adders run one after another. Up to three runs, so that such a
        // run cannot fail the test while a demo whose lock is never contended still does.
        var waits: [Int] = []
        for _ in 1...3 {
            let run = try await RecordedRun.of("counter", [], scheduler: scheduler)
            #expect(run.error == nil)
            #expect(run.lines == ["Final count: 12"], "3 tasks add 1, 2 and 3 twice each")
            let adders = run.tasks(named: "adder")
            let mutex = try #require(run.timeline.mutexes.first { $0.name == "counter" })
            let adderHolds = mutex.holds.filter { adders.contains($0.task) }
            #expect(adderHolds.count == 6)
            // Each addition computes for 1 ms while holding the lock: a hold lasts that long (less a margin for the
            // trace clock's calibration against the one the demo spins on).
            #expect(adderHolds.allSatisfy { $0.end - $0.start >= 900_000 })
            // Holds never overlap: one adder at a time.
            #expect(zip(mutex.holds, mutex.holds.dropFirst()).allSatisfy { $0.end <= $1.start })
            waits.append(adderHolds.filter { $0.contended && $0.wait > 0 }.count)
            if waits.last! > 0 { break }
        }
        #expect(waits.contains { $0 > 0 }, "no adder waited for the lock in \(waits.count) runs: nothing to see about a mutex")
    }

    @Test("errors: worker 2's error travels over the channel; exactly one task failed", arguments: bothSchedulers)
    func errors(scheduler: String) async throws {
        let run = try await RecordedRun.of("errors", [], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["worker 2 failed", "2 of 3 workers succeeded"])
        let failed = run.events(.taskEnd).filter { $0.args.a1 == TaskOutcome.threw.rawValue }
        #expect(failed.count == 1)
        let failedTask = try #require(failed.first).args.a0
        #expect(run.taskNames[TaskID(failedTask)] == "riskyTask 2")
        #expect(run.strings(StringID(try #require(failed.first).args.a2)).contains("worker 2 failed"))
        #expect(run.timeline.tasks.filter { $0.outcome == .threw }.map(\.name) == ["riskyTask 2"])
        let channel = try #require(run.channel(named: "errors"))
        #expect(run.events(.send).filter { $0.args.a0 == channel.rawValue }.count == 3)
    }

    @Test("errors --work-ms: worker i works i times as long before it reports; the failure still travels", arguments: bothSchedulers)
    func errorsStaggered(scheduler: String) async throws {
        let run = try await RecordedRun.of("errors", ["--work-ms", "1"], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == ["worker 2 failed", "2 of 3 workers succeeded"])
        let workers = run.tasks(named: "riskyTask")
        let sleeps = run.events(.sleep).filter { workers.contains($0.task) }
        #expect(Set(sleeps.map { "\(run.taskNames[$0.task] ?? "") \($0.args.a0)" })
                == ["riskyTask 1 1000000", "riskyTask 2 2000000", "riskyTask 3 3000000"])
        #expect(run.timeline.tasks.filter { $0.outcome == .threw }.map(\.name) == ["riskyTask 2"])
    }
}
