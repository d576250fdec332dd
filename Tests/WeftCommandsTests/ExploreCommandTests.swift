import Foundation
import Testing
import WeftTrace

@Suite("weft explore", .serialized)
struct ExploreCommandTests {
    @Test("finds the philosophers' deadlock, saves its trace, prints a replay command that reproduces it, draws it; exit 1")
    func findsAndReplays() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["explore", "philosophers", "--runs", "100", "-o", "found.png"], in: folder)
        #expect(result.status == 1, "\(result.standardError)")
        let out = result.standardOutput
        #expect(out.contains("100 runs, strategy random, seeds 0 to 99"))
        #expect(out.contains("wait-for cycle of 5: \"philosopher 1\" -> \"philosopher 2\""))
        let replayLine = try #require(out.split(separator: "\n").first { $0.contains("replay: ") })
        let traceLine = try #require(out.split(separator: "\n").first { $0.contains("trace: ") })
        let trace = String(traceLine.split(separator: " ").last!)
        #expect(trace.hasPrefix("weft-out/explore/philosophers-seed"))
        #expect(FileManager.default.fileExists(atPath: folder + "/" + trace))
        #expect(FileManager.default.fileExists(atPath: folder + "/found.png"))

        // The replay command, run as printed, deadlocks again (exit 3) in the same ring.
        let words = replayLine.split(separator: " ").map(String.init).drop { $0 != "weft" }.dropFirst()
        #expect(words.first == "run")
        let replay = try WeftProcess.run(Array(words) + ["-o", "replayed.weft"], in: folder)
        #expect(replay.status == 3, "\(replay.standardError)")
        #expect(replay.standardError.contains("wait-for cycle"))
    }

    @Test("--fixed: every run completes, exit 0; --json prints the table as JSON")
    func fixedAndJSON() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["explore", "philosophers", "--fixed", "--runs", "300", "--json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        #expect(object["runs"] as? Int == 300)
        #expect(object["completed"] as? Int == 300)
        #expect(object["deadlocked"] as? Int == 0)
        #expect((object["findings"] as? [Any])?.isEmpty == true)
    }

    @Test("producer-consumer: message orders counted per channel")
    func messageOrders() throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(["explore", "producer-consumer", "--runs", "50", "--strategy", "pct", "--json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let channels = try #require(object["channels"] as? [[String: Any]])
        #expect(channels.count == 1)
        #expect(channels.first?["channel"] as? String == "items")
        #expect(channels.first?["mostMessages"] as? Int == 20)
        #expect((channels.first?["distinctOrders"] as? Int ?? 0) >= 1)
        #expect(object["strategy"] as? String == "pct")
    }

    @Test("bad input exits 2 and says what to type", arguments: [
        ["explore", "philosophers", "--runs", "0"],
        ["explore", "philosophers", "--depth", "2"],
        ["explore", "philosophers", "--strategy", "sideways"],
        ["explore", "nosuchdemo"],
        ["explore", "philosophers", "-o", "picture.gif"],
    ])
    func badInput(words: [String]) throws {
        let folder = try WeftProcess.temporaryFolder()
        let result = try WeftProcess.run(words, in: folder)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(!result.standardError.isEmpty)
    }
}

@Suite("weft explore stopped by a signal", .serialized)
struct ExploreSignalTests {
    /// Whether process `pid` catches `signal` (its bit in /proc/PID/status's SigCgt mask): the watcher is installed.
    private func catches(_ pid: Int32, _ signal: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
              let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    @Test("Ctrl-C stops the exploration after the run in progress, prints the table of the runs made, and exits 130")
    func interrupted() throws {
        let folder = try WeftProcess.temporaryFolder()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WeftProcess.binary)
        process.arguments = ["explore", "philosophers", "--fixed", "--runs", "100000000"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = URL(fileURLWithPath: folder + "/table.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Signal once the process catches SIGINT (before that, Ctrl-C would end it at once, as it should).
        var waited = 0
        while !catches(process.processIdentifier, SIGINT) && waited < 30_000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 10
        }
        #expect(catches(process.processIdentifier, SIGINT), "the watcher was not installed within 30 s")
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        let table = try String(contentsOf: output, encoding: .utf8)
        #expect(table.contains("stopped by SIGINT after"), "\(table)")
        #expect(table.contains("of 100,000,000 runs"))
        #expect(table.contains("completed"))
    }
}
