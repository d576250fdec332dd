import Foundation
import Testing
import WeftAnalysis
@testable import WeftCommands

@Suite("weft diff on the demos", .serialized)
struct DiffDemoTests {
    @Test("io-bound, multiplexed vs thread-per-task: same tasks and behaviour, far more threads and RSS")
    func ioBound() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Each scheduler in its own child process, so that each trace's RSS and thread figures are its own.
        let compare = try WeftProcess.run(["compare", "io-bound", "--tasks", "300", "--sleep-ms", "50", "--workers", "2"],
                                          in: folder)
        #expect(compare.status == 0, "\(compare.standardError)")
        let a = "\(folder)/weft-out/io-bound-multiplexed.weft", b = "\(folder)/weft-out/io-bound-thread-per-task.weft"
        let runs = try TraceLoader.tracedRuns([a, b], command: "diff")
        let (runA, runB) = (runs[0], runs[1])
        let diff = TraceDiff(a: runA, b: runB)
        #expect(diff.addedTasks.isEmpty && diff.removedTasks.isEmpty)
        #expect(diff.divergences.isEmpty, "\(diff.divergences.map(\.identity))")
        let threads = try #require(diff.runMetric("threads"))
        // One thread per task (300) against a handful of workers.
        #expect((threads.b ?? 0) >= 300 && (threads.a ?? 0) < 10, "threads \(threads.a ?? 0) → \(threads.b ?? 0)")
        let rss = try #require(diff.runMetric("rss"))
        #expect((rss.b ?? 0) > (rss.a ?? 0), "peak RSS \(rss.a ?? 0) → \(rss.b ?? 0)")

        // The command says so too, and a gate on the thread count trips.
        let text = try WeftProcess.run(["diff", a, b], in: folder)
        #expect(text.status == 0, "\(text.standardError)")
        #expect(text.standardOutput.contains("OS threads") && text.standardOutput.contains("peak RSS"))
        let gate = try WeftProcess.run(["diff", a, b, "--fail-if", "threads>+100"], in: folder)
        #expect(gate.status == 1)
        #expect(gate.standardError.contains("threads>+100"))
    }
}
