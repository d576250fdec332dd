import Testing
import WeftRuntime
import WeftTrace

/// Using the runtime where it cannot work fails at once with `.misuse`, never hangs.
@Suite(.serialized, .timeLimit(.minutes(1))) struct MisuseTests {
    /// Runs a program that hands its runtime handle (and the objects it made) out of the run.
    static func leakedRuntime(_ scheduler: SchedulerKind) async throws -> (Runtime, Channel<Int>, TaskMutex, WaitGroup) {
        try await runProgram(scheduler) { rt in
            let mutex = rt.mutex("kept")
            try await mutex.lock()
            let group = rt.waitGroup("pending")
            group.add()
            return (rt, rt.channel(of: Int.self, name: "late"), mutex, group)
        }
    }

    static func expectMisuse(_ what: String, _ body: () async throws -> Void) async {
        do {
            try await body()
            Issue.record("\(what) after the run returned did not fail")
        } catch let error as RuntimeError {
            #expect(error.kind == .misuse, "\(what): \(error)")
            #expect(error.message.contains("already returned"), "\(what): \(error.message)")
        } catch {
            Issue.record("\(what): unexpected \(error)")
        }
    }

    @Test(arguments: allSchedulers)
    func aRuntimeUsedAfterItsRunReturnedFailsAtOnce(_ scheduler: SchedulerKind) async throws {
        let (rt, channel, mutex, group) = try await Self.leakedRuntime(scheduler)
        await Self.expectMisuse("spawn") { _ = try await rt.spawn("late") { 42 }.value }
        await Self.expectMisuse("receive") { _ = try await channel.receive() }
        await Self.expectMisuse("send") { try await channel.send(1) }
        await Self.expectMisuse("lock") { try await mutex.lock() }
        await Self.expectMisuse("wait") { try await group.wait() }
        await Self.expectMisuse("sleep") { try await rt.sleep(for: .milliseconds(1)) }
        await Self.expectMisuse("select") {
            _ = try await rt.select(.receive(channel) { $0 }, .after(.seconds(1)) { nil })
        }
    }

    @Test(arguments: allSchedulers)
    func aNestedRunFailsAtOnce(_ scheduler: SchedulerKind) async throws {
        let message = try await runProgram(scheduler) { rt in
            let inner = rt.spawn("nests") { () async throws -> String in
                do {
                    _ = try await Weft.run(RunOptions(scheduler: scheduler)) { _ in 1 }
                    return "the nested run returned"
                } catch let error as RuntimeError {
                    #expect(error.kind == .misuse)
                    return error.message
                }
            }
            return try await inner.value
        }
        #expect(message.contains("runs do not nest"), "\(message)")
        #expect(message.contains("\"nests\""), "\(message)")
    }
}
