import Foundation
import Testing

@Suite("weft compare", .serialized)
struct CompareCommandTests {
    @Test("runs both schedulers in child processes, writes both traces and prints the table")
    func compareWorkers() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "workers", "--sleep-ms", "2", "--workers", "2"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let table = result.standardOutput
        #expect(table.contains("weft compare workers --tasks 3 --capacity 3 --sleep-ms 2"))
        for row in ["wall time", "CPU time", "OS threads created", "peak threads alive", "peak RSS", "RSS per task",
                    "time to create a task", "context switches, voluntary", "context switches, involuntary",
                    "events recorded", "trace size"] {
            #expect(table.contains(row), "missing row \(row)")
        }
        #expect(table.contains("multiplexed"))
        #expect(table.contains("thread-per-task"))
        #expect(table.contains("The blog says"))
        // The verdict the picture opens with, under the table.
        #expect(table.contains("Verdict: On ") && table.contains("thread-per-task used"), "\(table)")
        for scheduler in ["multiplexed", "thread-per-task"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/weft-out/workers-\(scheduler).weft"))
        }
        let png = try #require(FileManager.default.contents(atPath: "\(folder)/weft-out/workers-compare.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        let svg = try #require(FileManager.default.contents(atPath: "\(folder)/weft-out/workers-compare.svg"))
        #expect(String(decoding: svg.prefix(200), as: UTF8.self).contains("<svg"))
        #expect(table.contains("weft-out/workers-compare.png"))
    }

    @Test("a switch joins the file names, so runs with and without it keep their own traces and picture")
    func switchInNames() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(
            ["compare", "philosophers", "--fixed", "--meals", "1", "--think-ms", "1", "-o", "out"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        for name in ["philosophers-fixed-multiplexed.weft", "philosophers-fixed-thread-per-task.weft",
                     "philosophers-fixed-compare.png"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/out/\(name)"), "missing \(name)")
        }
    }

    @Test("a deadlocking demo still gets its table, and the exit status says it did not complete")
    func compareDeadlock() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "philosophers", "--think-ms", "0", "--hold-ms", "5"], in: folder)
        #expect(result.status != 0)
        #expect(result.standardOutput.contains("deadlocked"))
        #expect(result.standardError.contains("deadlocked"))
    }
}
