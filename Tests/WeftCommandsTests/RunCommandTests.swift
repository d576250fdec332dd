import Foundation
import Testing
import WeftTrace

@Suite("weft run", .serialized)
struct RunCommandTests {
    @Test("runs a demo, prints its output and a summary, and writes the trace where it says",
          arguments: ["multiplexed", "thread-per-task"])
    func runsWorkers(scheduler: String) throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "workers", "--sleep-ms", "2", "--scheduler", scheduler], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(Set(lines.prefix(3)) == ["Worker 1 done", "Worker 2 done", "Worker 3 done"])
        #expect(result.standardOutput.contains("— workers under \(scheduler): completed"))
        #expect(result.standardOutput.contains("tasks on"))
        #expect(result.standardOutput.contains("OS threads"))
        #expect(result.standardOutput.contains("events"))
        let trace = "weft-out/workers-\(scheduler).weft"
        #expect(result.standardOutput.contains(trace))
        let reader = try TraceReader(path: folder + "/" + trace)
        var sends = 0
        while let event = try reader.next() {
            if event.kind == .send { sends += 1 }
        }
        #expect(sends == 3)
    }

    @Test("the summary counts in words: one OS thread under the deterministic scheduler is \"1 OS thread\"")
    func summaryCountsInWords() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "workers", "--sleep-ms", "2", "--scheduler", "deterministic"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains(" tasks on 1 OS thread "), "\(result.standardOutput)")
    }

    @Test("-o chooses the trace file; --report-json prints only the measurement")
    func reportJSON() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "counter", "-o", "out/c.weft", "--report-json", "--tasks", "5"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["demo"] as? String == "counter")
        #expect(object["outcome"] as? String == "completed")
        #expect(object["arguments"] as? [String] == ["--tasks", "5", "--increments", "2", "--hold-us", "1000"])
        #expect((object["tasksCreated"] as? Int ?? 0) >= 5)
        #expect(FileManager.default.fileExists(atPath: folder + "/out/c.weft"))
        #expect(!result.standardOutput.contains("Final count"))
    }

    @Test("the philosophers' deadlock is reported with exit status 3; --fixed completes")
    func deadlock() throws {
        let folder = try WeftProcess.temporaryFolder()
        // Seated all at once (--think-ms 0), in virtual time: every philosopher holds the left fork when reaching right.
        let stuck = try WeftProcess.run(["run", "philosophers", "--think-ms", "0", "--scheduler", "deterministic"], in: folder)
        #expect(stuck.status == 3)
        #expect(stuck.standardError.contains("deadlocked"))
        #expect(stuck.standardError.contains("--fixed"))
        #expect(stuck.standardOutput.contains("deadlocked"))
        let fixed = try WeftProcess.run(["run", "philosophers", "--think-ms", "2", "--meals", "1", "--fixed"], in: folder)
        #expect(fixed.status == 0, "\(fixed.standardError)")
        #expect(fixed.standardOutput.contains("Every philosopher ate 1 meal\n"))
    }
}

@Suite("weft run at the thread limit", .serialized)
struct ThreadLimitTests {
    @Test("thread-per-task beyond the thread limit reports the limit and exits 4 instead of crashing")
    func threadLimit() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(
            ["run", "io-bound", "--scheduler", "thread-per-task", "--tasks", "200", "--sleep-ms", "50", "--max-threads", "40"],
            in: folder)
        #expect(result.status == 4, "\(result.standardError)")
        #expect(result.standardError.contains("thread limit"))
        #expect(result.standardError.contains("--scheduler multiplexed"))
        let multiplexed = try WeftProcess.run(
            ["run", "io-bound", "--tasks", "200", "--sleep-ms", "50", "--max-threads", "40", "--workers", "2"], in: folder)
        #expect(multiplexed.status == 0, "the same tasks fit on a few threads: \(multiplexed.standardError)")
    }
}
