import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// `Weft.trace` around an ordinary program's body: its Swift tasks are traced, its own errors come back as thrown,
/// and a trace path that cannot work is refused before anything runs.
@Suite(.serialized) struct TraceCallTests {
    struct ProgramError: Error, Equatable {}

    @Test(arguments: [SchedulerKind.multiplexed(workers: 2), .threadPerTask])
    func tracesEverySwiftTaskOfTheBody(_ scheduler: SchedulerKind) async throws {
        let path = temporaryTracePath("trace-call")
        defer { TemporaryFiles.remove(path) }
        let total = try await Weft.trace(RunOptions(scheduler: scheduler, tracePath: path, programName: "trace-call")) {
            await withTaskGroup(of: Int.self) { group in
                for i in 1...3 { group.addTask { i } }
                let unstructured = Task { 10 }
                return await group.reduce(0, +) + unstructured.value
            }
        }
        #expect(total == 16)
        let trace = try RecordedTrace(path: path)
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 5, "\(tasks.values.map(\.name))")
        #expect(trace.count(.taskEnd) == 5)
    }

    @Test func theBodysOwnErrorComesBackAsThrown() async throws {
        let path = temporaryTracePath("trace-call-error")
        defer { TemporaryFiles.remove(path) }
        await #expect(throws: ProgramError()) {
            try await Weft.trace(RunOptions(scheduler: .multiplexed(workers: 1), tracePath: path)) {
                throw ProgramError()
            }
        }
        #expect(FileManager.default.fileExists(atPath: path), "the trace is written however the body ends")
    }

    @Test func aDirectoryOrAMissingDirectoryIsABadTracePath() async throws {
        for bad in ["/tmp", "/nonexistent-weft-directory/run.weft", "weft-out/"] {
            do {
                try await Weft.trace(RunOptions(scheduler: .multiplexed(workers: 1), tracePath: bad)) {}
                Issue.record("\(bad) was accepted")
            } catch let error as RuntimeError {
                #expect(error.kind == .badConfiguration)
                #expect(error.message.contains("WEFT_TRACE=\(bad)"), "\(error.message)")
            }
        }
    }

    @Test func withoutAPathTheTraceIsNamedAfterTheProgram() async throws {
        let base = NSTemporaryDirectory() + "weft-trace-call-\(UUID().uuidString)"
        defer { TemporaryFiles.remove(base + ".weft") }
        var options = RunOptions(scheduler: .multiplexed(workers: 1), programName: base)
        options.tracePath = nil
        try await Weft.trace(options) {}
        #expect(FileManager.default.fileExists(atPath: base + ".weft"))
    }
}
