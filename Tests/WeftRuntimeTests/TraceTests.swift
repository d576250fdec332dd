import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

@Suite(.serialized) struct TraceTests {
    @Test func threadPerTaskRunsEachTaskOnItsOwnThread() async throws {
        let path = temporaryTracePath("tpt")
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try await runProgram(.threadPerTask, tracePath: path) { rt in
            let channel = rt.channel(of: Int.self, name: "numbers")
            let workers = (0..<6).map { i in
                rt.spawn("worker \(i)") {
                    for j in 0..<20 {
                        try await channel.send(i * 100 + j)
                        await rt.yield()
                    }
                }
            }
            for _ in 0..<120 { _ = try await channel.receive() }
            for worker in workers { try await worker.value }
        }
        let trace = try RecordedTrace(path: path)
        let threads = trace.threadsByTask
        #expect(threads.count == 7)
        for (task, set) in threads {
            #expect(set.count == 1, "task \(task) ran on \(set)")
            let role = trace.roles[set.first!]
            #expect(role?.role == .taskThread)
            #expect(role?.index == task.rawValue)
        }
        #expect(Set(threads.values.map { $0.first! }).count == 7)
    }

    @Test func multiplexedStaysOnItsWorkersAndMigratesTasks() async throws {
        let path = temporaryTracePath("mux")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workers = 2
        _ = try await runProgram(.multiplexed(workers: workers), tracePath: path) { rt in
            let mutex = rt.mutex("shared")
            let tasks = (0..<16).map { i in
                rt.spawn("spinner \(i)") {
                    for _ in 0..<200 {
                        try await mutex.withLock { await rt.yield() }
                        await rt.yield()
                    }
                }
            }
            for task in tasks { try await task.value }
        }
        let trace = try RecordedTrace(path: path)
        let threads = trace.threadsByTask
        let used = threads.values.reduce(into: Set<ThreadID>()) { $0.formUnion($1) }
        #expect(used.count <= workers)
        for thread in used { #expect(trace.roles[thread]?.role == .worker) }
        #expect(threads.values.contains { $0.count > 1 }, "no task migrated between workers")
        #expect(trace.of(.threadStart).filter { ThreadRole(rawValue: $0.args.a1) == .worker }.count == workers)
    }

    @Test(arguments: allSchedulers)
    func recordsTheLifeOfARun(_ scheduler: SchedulerKind) async throws {
        let path = temporaryTracePath("life")
        defer { try? FileManager.default.removeItem(atPath: path) }
        struct Oops: Error, CustomStringConvertible { var description: String { "oops" } }
        var options = RunOptions(scheduler: scheduler, tracePath: path, programName: "life", arguments: ["--fast"])
        options.summary = "a producer, two channels and a failing task"
        let (_, report) = try await Weft.run(options) { rt in
            let channel = rt.channel(of: Int.self, capacity: 2, name: "pipe")
            let unbuffered = rt.channel(of: Int.self, name: "hand")
            let producer = rt.spawn("producer") {
                for i in 1...10 { try await channel.send(i) }
                channel.close()
                try await unbuffered.send(99)
            }
            rt.log("started", category: "test")
            try await rt.region("consume") {
                for try await _ in channel {}
            }
            try await rt.sleep(for: .milliseconds(5))
            _ = try await unbuffered.receive()
            try await producer.value
            let failing = rt.spawn("failing") { () async throws -> Int in throw Oops() }
            _ = try? await failing.value
        }
        #expect(report.eventsRecorded > 0)
        #expect(report.eventsDropped == 0)
        // With thread-per-task, a writer round often holds a later event of the timer thread before earlier events of
        // task threads: the reader must read whole rounds before emitting (this caught it).
        let trace = try RecordedTrace(path: path)

        let metadata = Dictionary(trace.of(.metadata).map { (trace.string($0.args.a0), trace.string($0.args.a1)) },
                                  uniquingKeysWith: { a, _ in a })
        #expect(metadata["scheduler"] == scheduler.name)
        #expect(metadata["program"] == "life")
        #expect(metadata["arguments"] == "--fast")
        #expect(metadata["summary"] == "a producer, two channels and a failing task")
        for key in ["workers", "wallclock_start_ns", "host", "clock"] { #expect(metadata[key] != nil, "no \(key)") }

        let creates = trace.of(.taskCreate)
        #expect(creates.map { trace.string($0.args.a2) } == ["main", "producer", "failing"])
        #expect(trace.string(creates[1].args.a3).hasPrefix("WeftRuntimeTests/TraceTests.swift:"))
        #expect(creates[1].args.a1 == creates[0].args.a0)  // the parent is main
        let ends = trace.of(.taskEnd)
        #expect(ends.count == 3)
        let failed = try #require(ends.first { $0.args.a0 == creates[2].args.a0 })
        #expect(TaskOutcome(rawValue: failed.args.a1) == .threw)
        #expect(trace.string(failed.args.a2) == "oops")

        // Every receive of a message pairs with one send of it on the same channel.
        let sends = Set(trace.of(.send).map { [$0.args.a0, $0.args.a1] })
        let receives = trace.of(.receive).filter { $0.args.a1 != 0 }.map { [$0.args.a0, $0.args.a1] }
        #expect(sends.count == 11)
        #expect(Set(receives) == sends)
        #expect(trace.of(.receive).contains { $0.args.a1 == 0 })  // the end of the for-await loop

        // Every block is answered by an unblock.
        #expect(trace.of(.block).count == trace.of(.unblock).count)
        #expect(trace.of(.sleep).count == 1)
        #expect(trace.of(.log).count == 1 && trace.of(.regionBegin).count == 1 && trace.of(.regionEnd).count == 1)

        let finish = try #require(trace.of(.runFinish).last)
        #expect(RunOutcome(rawValue: finish.args.a0) == .completed)
        let samples = Set(trace.of(.sample).map { trace.string($0.args.a0) })
        #expect(samples == ["peak_rss_bytes", "cpu_user_ns", "cpu_system_ns", "voluntary_ctx_switches",
                            "involuntary_ctx_switches", "threads_created", "peak_threads_alive",
                            "rss_bytes", "threads_alive"])
        #expect(trace.roles.values.contains { $0.role == .timer })
        #expect(trace.roles.values.contains { $0.role == .main })
    }

    @Test(arguments: allSchedulers)
    func aDeadlockedRunLeavesAReadableTrace(_ scheduler: SchedulerKind) async throws {
        let path = temporaryTracePath("deadlock")
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler, tracePath: path)) { rt in
                let a = rt.mutex("a"), b = rt.mutex("b")
                let gate = rt.waitGroup("gate")
                gate.add(2)
                let first = rt.spawn("first") {
                    try await a.lock(); gate.done(); try await gate.wait(); try await b.lock()
                }
                let second = rt.spawn("second") {
                    try await b.lock(); gate.done(); try await gate.wait(); try await a.lock()
                }
                try await first.value
                try await second.value
            }
            Issue.record("expected a deadlock")
        } catch {
            #expect(error.kind == .deadlock)
            #expect(error.deadlock?.cycle.map(\.name).sorted() == ["first", "second"])
            let trace = try RecordedTrace(path: path)
            let finish = try #require(trace.of(.runFinish).last)
            #expect(RunOutcome(rawValue: finish.args.a0) == .deadlocked)
            #expect(trace.string(finish.args.a1).contains("wait-for cycle"))
            #expect(trace.of(.taskEnd).count == 3)  // every task was cancelled and ended
        }
    }
}
