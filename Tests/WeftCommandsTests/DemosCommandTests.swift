import Foundation
import Testing
import WeftDemos

@Suite("weft demos and bad input to weft run", .serialized)
struct DemosCommandTests {
    @Test("weft demos lists every demo on one line each")
    func listing() throws {
        let result = try WeftProcess.run(["demos"])
        #expect(result.status == 0)
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == DemoRegistry.all.count)
        for (line, name) in zip(lines, DemoRegistry.names) { #expect(line.hasPrefix(name + " ")) }
    }

    @Test("an unknown demo exits non-zero and names the valid ones")
    func unknownDemo() throws {
        for command in ["run", "compare"] {
            let result = try WeftProcess.run([command, "goroutines"])
            #expect(result.status != 0)
            #expect(result.standardError.contains("no demo is called 'goroutines'"))
            for name in DemoRegistry.names { #expect(result.standardError.contains(name)) }
        }
    }

    @Test("bad sizes get a clear message and a non-zero exit, and nothing is written",
          arguments: [["--tasks", "0"], ["--tasks", "-1"], ["--tasks", "999999999999"], ["--tasks", "lots"]])
    func badSizes(words: [String]) throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["run", "io-bound"] + words, in: folder)
        #expect(result.status != 0)
        #expect(result.standardError.contains("--tasks must be"))
        #expect(result.standardError.contains("1 to 1,000,000"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/traces"))
    }

    @Test("a bad scheduler or worker count is refused")
    func badScheduler() throws {
        let scheduler = try WeftProcess.run(["run", "numbers", "--scheduler", "green-threads"])
        #expect(scheduler.status != 0)
        #expect(scheduler.standardError.contains("green-threads"))
        let workers = try WeftProcess.run(["run", "numbers", "--workers", "0"])
        #expect(workers.status != 0)
        #expect(workers.standardError.contains("--workers must be between 1 and 1,024"))
    }
}
