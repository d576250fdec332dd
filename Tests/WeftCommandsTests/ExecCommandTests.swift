import Foundation
import Testing

/// `weft run --exec` and `weft compare --exec` on the programs in Examples/ (built beside `weft`).
@Suite("weft run and compare --exec", .serialized)
struct ExecCommandTests {
    /// An example program built beside the `weft` binary.
    static func example(_ name: String) -> String {
        URL(fileURLWithPath: WeftProcess.binary).deletingLastPathComponent().appendingPathComponent(name).path
    }

    @Test("run --exec runs the program under the scheduler asked for and keeps its trace")
    func runExec() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "--exec", Self.example("async-let-fan-out"), "--scheduler",
                                          "thread-per-task"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("users#3 orders#3 stock#3"), "the program's own output passes through")
        #expect(result.standardOutput.contains("async-let-fan-out under thread-per-task: completed"))
        #expect(result.standardOutput.contains("10 tasks"), "main and three async lets in each of three rounds")
        #expect(FileManager.default.fileExists(atPath: "\(folder)/weft-out/async-let-fan-out-thread-per-task.weft"))
        let check = try WeftProcess.run(["check", "weft-out/async-let-fan-out-thread-per-task.weft"], in: folder)
        #expect(check.status == 0, "\(check.standardOutput)")
    }

    @Test("arguments after -- reach the program")
    func argumentsReachTheProgram() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "--exec", "/bin/echo", "--", "--not-a-weft-option", "x"], in: folder)
        #expect(result.standardOutput.contains("--not-a-weft-option x"), "\(result.standardOutput)")
    }

    @Test("a program that never calls Weft.run or Weft.trace is told so, and no trace is kept")
    func programWithoutWeft() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "--exec", "/bin/true"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardError.contains("never called Weft.run or Weft.trace"), "\(result.standardError)")
        let kept = (try? FileManager.default.contentsOfDirectory(atPath: "\(folder)/weft-out")) ?? []
        #expect(kept.isEmpty, "\(kept)")
    }

    @Test("a missing program is a bad command line")
    func missingProgram() throws {
        let result = try WeftProcess.run(["run", "--exec", "/nonexistent/program"])
        #expect(result.status == 64)
        #expect(result.standardError.contains("no such program"), "\(result.standardError)")
    }

    @Test("compare --exec runs the program under both schedulers and prints the table, verdict and picture")
    func compareExec() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "--exec", Self.example("actor-cache"), "--workers", "2"],
                                         in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let table = result.standardOutput
        #expect(table.contains("weft compare actor-cache"))
        // The program says what it does (RunOptions.summary): the line under the title is in its own words.
        #expect(table.split(separator: "\n").dropFirst().first?.hasPrefix("actor-cache: 4 clients ask an actor-guarded cache")
                == true, "\(table)")
        for row in ["wall time", "CPU time", "OS threads created", "peak RSS", "events recorded"] {
            #expect(table.contains(row), "missing row \(row)")
        }
        #expect(table.contains("Verdict: On "), "\(table)")
        let spawnRow = table.split(separator: "\n").first { $0.hasPrefix("CPU time to create a task") }
        #expect(spawnRow?.contains("0 ns") == false && spawnRow?.contains("—") == true,
                "not measured for a program of one's own: \(spawnRow ?? "")")
        // Memory per task is measured beyond the program's first memory sample, not from zero (which made it the
        // whole process divided by the tasks); its address space before the run is unknown, so no per-task figure.
        func row(_ name: String) -> [String] {
            (table.split(separator: "\n").first { $0.hasPrefix(name) }).map { $0.split(separator: " ").map(String.init) } ?? []
        }
        #expect(row("address space per task").contains("—"), "\(row("address space per task"))")
        let perTask = row("RSS per task (peak − baseline)")
        #expect(perTask.contains("KiB") || perTask.contains("B"), "\(perTask)")
        #expect(!perTask.contains("MiB"), "9 tasks of a small program add far less than a MiB each: \(perTask)")
        for name in ["actor-cache-multiplexed.weft", "actor-cache-thread-per-task.weft", "actor-cache-compare.png"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/weft-out/\(name)"), "\(name)")
        }
    }

    @Test("compare --exec on a program without Weft fails with the reason")
    func compareWithoutWeft() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "--exec", "/bin/true"], in: folder)
        #expect(result.status == 1)
        #expect(result.standardError.contains("never called Weft.run or Weft.trace"), "\(result.standardError)")
    }
}
