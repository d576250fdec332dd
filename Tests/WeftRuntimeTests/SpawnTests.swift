import Testing
import WeftRuntime

@Suite(.serialized) struct SpawnTests {
    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    @Test(arguments: allSchedulers)
    func spawnReturnsValues(_ scheduler: SchedulerKind) async throws {
        let sum = try await runProgram(scheduler) { rt in
            let handles = (1...20).map { i in rt.spawn("worker \(i)") { i * i } }
            var total = 0
            for handle in handles { total += try await handle.value }
            return total
        }
        #expect(sum == (1...20).reduce(0) { $0 + $1 * $1 })
    }

    @Test(arguments: allSchedulers)
    func spawnRethrows(_ scheduler: SchedulerKind) async throws {
        let caught = try await runProgram(scheduler) { rt in
            let handle = rt.spawn("failing") { () async throws -> Int in throw Boom() }
            do {
                _ = try await handle.value
                return "no error"
            } catch let error as Boom {
                return error.description
            }
        }
        #expect(caught == "boom")
    }

    @Test(arguments: allSchedulers)
    func mainThrowingFailsTheRun(_ scheduler: SchedulerKind) async throws {
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler)) { _ in throw Boom() }
            Issue.record("expected the run to fail")
        } catch {
            #expect(error.kind == .failed)
            #expect(error.message.contains("boom"))
            #expect(error.report?.outcome == .failed)
        }
    }

    @Test(arguments: allSchedulers)
    func reportCountsTasksAndThreads(_ scheduler: SchedulerKind) async throws {
        let (_, report) = try await Weft.run(RunOptions(scheduler: scheduler)) { rt in
            for i in 0..<10 { _ = try await rt.spawn("t\(i)") { i }.value }
        }
        #expect(report.tasksCreated == 11)
        #expect(report.outcome == .completed)
        switch scheduler {
        case .multiplexed(let workers):
            #expect(report.threadsCreated == workers + 1)
        case .threadPerTask:
            #expect(report.threadsCreated == 12)  // 11 tasks and the timer
        case .deterministic:
            #expect(report.threadsCreated == 1)  // its one thread, which is also the timer's
        }
    }
}
