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
                    "CPU time to create a task", "context switches, voluntary", "context switches, involuntary",
                    "events recorded", "trace size"] {
            #expect(table.contains(row), "missing row \(row)")
        }
        #expect(table.contains("multiplexed"))
        #expect(table.contains("thread-per-task"))
        #expect(table.contains("The blog says"))
        // The verdict the picture opens with, under the table.
        #expect(table.contains("Verdict: On ") && table.contains("hread-per-task used"), "\(table)")
        // Under the title, what the program does.
        #expect(table.split(separator: "\n")[1] == "workers: three workers report \"Worker N done\" over a buffered "
            + "channel of 3 (the blog's channel example) — this run: --sleep-ms 2 (default 100)")
        for scheduler in ["multiplexed", "thread-per-task"] {
            #expect(FileManager.default.fileExists(atPath: "\(folder)/weft-out/workers-\(scheduler).weft"))
        }
        let png = try #require(FileManager.default.contents(atPath: "\(folder)/weft-out/workers-compare.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG file")
        let svg = try #require(FileManager.default.contents(atPath: "\(folder)/weft-out/workers-compare.svg"))
        #expect(String(decoding: svg.prefix(200), as: UTF8.self).contains("<svg"))
        #expect(table.contains("weft-out/workers-compare.png"))
    }

    @Test("--repeat 3 runs each scheduler three times, shows medians and ranges, and keeps the median run's trace")
    func compareRepeated() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "workers", "--sleep-ms", "2", "--workers", "2", "--repeat", "3"],
                                         in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let table = result.standardOutput
        #expect(table.hasPrefix("weft compare workers --tasks 3 --capacity 3 --sleep-ms 2 --repeat 3\n"))
        #expect(table.contains("Median of 3 runs of each scheduler, taken in turn; in brackets the lowest – highest"))
        // "(median of 3 runs each: …)", or with no clear winner "…, and 3 runs each are too few for a rank test".
        #expect(table.contains("(median of 3 runs each: ") || table.contains("3 runs each are too few"), "\(table)")
        // Only the kept traces remain, one per scheduler, besides the pictures.
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(folder)/weft-out").sorted()
        #expect(files == ["workers-compare.png", "workers-compare.svg", "workers-multiplexed.weft",
                          "workers-thread-per-task.weft"])
        // The wall time row's median is the kept multiplexed trace's wall time.
        // "wall time   2.31 ms (2.20 ms – 2.60 ms)   …": the multiplexed median is the third and fourth words.
        let wallRow = try #require(table.split(separator: "\n").first { $0.hasPrefix("wall time") })
        let median = wallRow.split(separator: " ").dropFirst(2).prefix(2).joined(separator: " ")
        let stats = try WeftProcess.run(["stats", "weft-out/workers-multiplexed.weft"], in: folder)
        #expect(stats.status == 0)
        #expect(stats.standardOutput.contains("wall time     \(median) = "), "\(median) in \(stats.standardOutput)")
        #expect(table.contains("Pictures: weft-out/workers-compare.png"))
    }

    @Test("--repeat outside 1–100 is refused before anything runs")
    func repeatRange() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["compare", "workers", "--repeat", "0"], in: folder)
        #expect(result.status == 64)
        #expect(result.standardError.contains("--repeat must be between 1 and 100; got 0."))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/weft-out"))
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
