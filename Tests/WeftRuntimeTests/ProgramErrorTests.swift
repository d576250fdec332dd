import Synchronization
import Testing
import WeftRuntime

/// A program's own error type.
enum ParseError: Error, Equatable {
    case badDigit(Character)
}

@Suite(.serialized) struct ProgramErrorTests {
    @Test(arguments: primitiveSchedulers)
    func runRethrowsTheProgramsOwnErrorWithTheReport(_ scheduler: SchedulerKind) async throws {
        var report: RunReport?
        var caught: ParseError?
        do {
            _ = try await Weft.run(RunOptions(scheduler: scheduler, programName: "parse"), report: &report) { rt throws(ParseError) -> Int in
                rt.log("parsing")
                throw ParseError.badDigit("x")
            }
        } catch let error as ParseError {
            caught = error
        }
        #expect(caught == .badDigit("x"))
        #expect(report?.outcome == .failed)
        #expect(report?.tasksCreated == 1)
    }

    @Test(arguments: primitiveSchedulers)
    func runWithReportReturnsTheValueAndTheReport(_ scheduler: SchedulerKind) async throws {
        var report: RunReport?
        let value = try await Weft.run(RunOptions(scheduler: scheduler, programName: "ok"), report: &report) { rt in
            try await rt.spawn("child") { 20 }.value + 22
        }
        #expect(value == 42)
        #expect(report?.outcome == .completed)
        #expect(report?.tasksCreated == 2)
    }

    @Test func theFailedRuntimeErrorKeepsTheProgramsError() async throws {
        do {
            _ = try await Weft.run(RunOptions(scheduler: virtualTime, programName: "parse")) { _ in throw ParseError.badDigit("7") }
            Issue.record("the run did not throw")
        } catch {
            #expect(error.kind == .failed)
            #expect(error.programError as? ParseError == .badDigit("7"))
            #expect(error.report?.outcome == .failed)
        }
    }

    /// Compiles only while no public Weft type is spelled like a type of the standard library's `Synchronization`.
    @Test func namesDoNotClashWithSynchronization() async throws {
        let atomic = Atomic<Int>(0)
        let guarded = Mutex<Int>(0)
        let types: [Any.Type] = [TaskMutex.self, RWMutex.self, Once.self, Semaphore.self, Ticker.self, OneShotTimer.self,
                                 WaitGroup.self, Condition.self, Channel<Int>.self, TimedReceive<Int>.self]
        atomic.store(types.count, ordering: .relaxed)
        guarded.withLock { $0 = types.count }
        #expect(atomic.load(ordering: .relaxed) == guarded.withLock { $0 })
    }
}
