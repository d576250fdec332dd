import Testing
import WeftRuntime
import WeftTrace

@Suite(.serialized) struct FailureTests {
    @Test(arguments: allSchedulers)
    func diningPhilosophersDeadlockIsReportedWithItsCycle(_ scheduler: SchedulerKind) async throws {
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler)) { rt in
                let forks = (0..<5).map { rt.mutex("fork \($0 + 1)") }
                let seated = rt.waitGroup("seated")
                seated.add(5)
                let philosophers = (0..<5).map { i in
                    rt.spawn("philosopher \(i + 1)") {
                        try await forks[i].lock()
                        seated.done()
                        try await seated.wait()
                        try await forks[(i + 1) % 5].lock()
                    }
                }
                for philosopher in philosophers { try await philosopher.value }
            }
            Issue.record("expected a deadlock")
        } catch {
            #expect(error.kind == .deadlock)
            let report = try #require(error.deadlock)
            #expect(report.blocked.count == 6)  // five philosophers and main
            #expect(report.cycle.count == 5)
            #expect(Set(report.cycle.map(\.reason)) == [.mutex])
            for philosopher in report.cycle {
                #expect(philosopher.name.hasPrefix("philosopher"))
                #expect(philosopher.objectName.hasPrefix("fork"))
                #expect(philosopher.heldBy != nil)
            }
            let main = report.blocked.first { $0.name == "main" }
            #expect(main?.reason == .join)
            #expect(error.message.contains("wait-for cycle"))
            #expect(error.report?.outcome == .deadlocked)
        }
    }

    @Test(arguments: allSchedulers)
    func receiveNobodySendsIsADeadlock(_ scheduler: SchedulerKind) async throws {
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler)) { rt in
                let channel = rt.channel(of: Int.self, name: "silent")
                return try await channel.receive()
            }
            Issue.record("expected a deadlock")
        } catch {
            #expect(error.kind == .deadlock)
            #expect(error.deadlock?.blocked.map(\.description) == ["t1 \"main\" waits on receive on ch1 \"silent\""])
            #expect(error.deadlock?.cycle.isEmpty == true)
        }
    }

    @Test(arguments: allSchedulers)
    func leftoverTasksAreCancelledWhenMainEnds(_ scheduler: SchedulerKind) async throws {
        let (value, report) = try await Weft.run(RunOptions(scheduler: scheduler)) { rt in
            let channel = rt.channel(of: Int.self)
            rt.spawn("stuck sender") { try await channel.send(1) }
            rt.spawn("long sleeper") { try await rt.sleep(for: .seconds(60)) }
            try await rt.sleep(for: .milliseconds(10))
            return 7
        }
        #expect(value == 7)
        #expect(report.outcome == .completed)
        #expect(report.wallNanoseconds < 10_000_000_000)
    }

    @Test func threadPerTaskBeyondTheThreadLimitFailsCleanly() async throws {
        var options = RunOptions(scheduler: .threadPerTask)
        options.maxThreads = 8  // the timer, main and six more
        do {
            _ = try await Weft.run(options) { rt in
                let gate = rt.channel(of: Int.self, name: "gate")
                var handles: [TaskHandle<Int?>] = []
                for i in 0..<20 { handles.append(rt.spawn("blocked \(i)") { try await gate.receive() }) }
                for handle in handles { _ = try await handle.value }
            }
            Issue.record("expected the thread limit")
        } catch {
            #expect(error.kind == .threadLimit)
            #expect(error.message.contains("blocked 6"))
            #expect(error.message.contains("tasks alive"))
            #expect(error.message.contains("maxThreads = 8"))
            #expect(error.report?.outcome == .threadLimit)
            #expect(error.report?.peakThreadsAlive == 8)
        }
    }
}
