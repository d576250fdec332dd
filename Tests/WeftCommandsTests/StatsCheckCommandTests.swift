import ArgumentParser
import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftCommands

@Suite("weft stats and weft check")
struct StatsCheckCommandTests {
    /// Two tasks take two mutexes in opposite orders and deadlock; a third finishes cleanly.
    static let deadlock = """
        0 T1 - threadStart tid=800 role=worker index=0
        0 T1 - metadata key="scheduler" value="multiplexed"
        0 T1 - metadata key="workers" value="1"
        1 T1 - taskCreate task=t1 parent=- name="left" site="main.swift:4"
        2 T1 - taskCreate task=t2 parent=- name="right" site="main.swift:5"
        3 T1 - mutexMake mutex=mu1 name="fork A"
        4 T1 - mutexMake mutex=mu2 name="fork B"
        10 T1 t1 runBegin task=t1
        11 T1 t1 lockRequest mutex=mu1
        12 T1 t1 lockAcquire mutex=mu1
        13 T1 t1 runEnd task=t1 reason=yielded
        20 T1 t2 runBegin task=t2
        21 T1 t2 lockRequest mutex=mu2
        22 T1 t2 lockAcquire mutex=mu2
        23 T1 t2 lockRequest mutex=mu1
        24 T1 t2 block reason=mutex object=o1
        25 T1 t2 runEnd task=t2 reason=blocked
        30 T1 t1 runBegin task=t1
        31 T1 t1 lockRequest mutex=mu2
        32 T1 t1 block reason=mutex object=o2
        33 T1 t1 runEnd task=t1 reason=blocked
        40 T1 - runFinish outcome=deadlocked message="all tasks blocked"
        """

    /// The same tasks taking the mutexes in one order: both finish.
    static let clean = """
        0 T1 - threadStart tid=800 role=worker index=0
        1 T1 - taskCreate task=t1 parent=- name="left" site="main.swift:4"
        2 T1 - taskCreate task=t2 parent=- name="right" site="main.swift:5"
        3 T1 - mutexMake mutex=mu1 name="fork A"
        10 T1 t1 runBegin task=t1
        11 T1 t1 lockRequest mutex=mu1
        12 T1 t1 lockAcquire mutex=mu1
        13 T1 t1 lockRelease mutex=mu1
        14 T1 t1 runEnd task=t1 reason=finished
        15 T1 - taskEnd task=t1 outcome=returned message=""
        20 T1 t2 runBegin task=t2
        21 T1 t2 lockRequest mutex=mu1
        22 T1 t2 lockAcquire mutex=mu1
        23 T1 t2 lockRelease mutex=mu1
        24 T1 t2 runEnd task=t2 reason=finished
        25 T1 - taskEnd task=t2 outcome=returned message=""
        30 T1 - runFinish outcome=completed message=""
        """

    /// A folder with `deadlock.weft`, `clean.weft` and `garbage.weft` (not a trace).
    static func folder() throws -> String {
        let folder = try TemporaryFiles.folder("check-command")
        try TraceFileWriter.write(try TraceText.parse(deadlock), to: "\(folder)/deadlock.weft")
        try TraceFileWriter.write(try TraceText.parse(clean), to: "\(folder)/clean.weft")
        try "not a trace".write(toFile: "\(folder)/garbage.weft", atomically: true, encoding: .utf8)
        return folder
    }

    /// Runs `weft check` or `weft stats` as `run` would: the exit code and what it prints.
    func run(_ arguments: [String]) throws -> (code: Int32, output: String) {
        do {
            let command = try WeftCommand.parseAsRoot(arguments)
            if let check = command as? CheckCommand {
                let (text, status) = try check.report()
                return (status, text)
            }
            let stats = try #require(command as? StatsCommand)
            return (0, try stats.report())
        } catch let exit as ExitCode {
            return (exit.rawValue, "")
        }
    }

    @Test("check exits 1 and prints the cycle on a deadlock, 0 on the fixed trace, 2 on bad input")
    func checkExitCodes() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = try run(["check", "\(folder)/deadlock.weft"])
        #expect(dead.code == 1)
        #expect(dead.output.contains("deadlock: 2 tasks wait on one another"))
        #expect(dead.output.contains("t1 \"left\" waits on mutex mu2 \"fork B\""))
        #expect(dead.output.contains("held by t2 \"right\""))
        let clean = try run(["check", "\(folder)/clean.weft"])
        #expect(clean.code == 0 && clean.output.contains("clean"))
        #expect(try run(["check", "\(folder)/garbage.weft"]).code == 2)
        #expect(try run(["check", "\(folder)/missing.weft"]).code == 2)
        // Thresholds take units; a tiny one makes the never-yields lint fire on the clean trace: a warning.
        let slices = try run(["check", "\(folder)/clean.weft", "--never-yields", "1ns"])
        #expect(slices.code == 0 && slices.output.contains("warning: "))
        #expect(throws: (any Error).self) { try WeftCommand.parseAsRoot(["check", "x.weft", "--starvation", "soon"]) }
    }

    @Test("check --json lists the findings with their tasks")
    func checkJSON() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try run(["check", "\(folder)/deadlock.weft", "--json"])
        #expect(result.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["clean"] as? Bool == false)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["lint"] as? String } == ["deadlock"])
        #expect(findings.first?["tasks"] as? [Int] == [1, 2])
    }

    @Test("stats prints the run, task and mutex tables; --json and --critical-path work")
    func stats() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = try run(["stats", "\(folder)/clean.weft", "--critical-path"])
        #expect(text.code == 0)
        for expected in ["wall time", "30 ns", "tasks (by running time)", "t1 left", "mutexes (by acquisitions)",
                         "mu1 fork A", "scheduler latency", "critical path:"] {
            #expect(text.output.contains(expected), "missing \(expected)")
        }
        let json = try run(["stats", "\(folder)/clean.weft", "--json", "--task", "right"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let stats = try #require(object["stats"] as? [String: Any])
        let tasks = try #require(stats["tasks"] as? [[String: Any]])
        #expect(tasks.map { $0["name"] as? String } == ["right"])
        #expect(try run(["stats", "\(folder)/garbage.weft"]).code == 2)
    }
}

@Suite("weft stats: the scheduler line")
struct StatsSchedulerLineTests {
    @Test("a thread-per-task run is not said to have 0 workers; a multiplexed one names its workers")
    func schedulerLine() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, workers) in [("thread-per-task", 0), ("multiplexed", 2)] {
            let text = StatsCheckCommandTests.clean.replacingOccurrences(
                of: "0 T1 - threadStart tid=800 role=worker index=0\n",
                with: "0 T1 - threadStart tid=800 role=worker index=0\n0 T1 - metadata key=\"scheduler\" value=\"\(name)\"\n0 T1 - metadata key=\"workers\" value=\"\(workers)\"\n")
            try text.write(toFile: "\(folder)/\(name).txt", atomically: true, encoding: .utf8)
            let result = try WeftProcess.run(["stats", "\(name).txt"], in: folder)
            #expect(result.status == 0, "\(result.standardError)")
            let line = result.standardOutput.split(separator: "\n").first { $0.contains("scheduler") }.map(String.init) ?? ""
            if workers == 0 {
                #expect(line.hasSuffix("thread-per-task"), "\(line)")
                #expect(!result.standardOutput.contains("0 workers"))
            } else {
                #expect(line.hasSuffix("multiplexed, 2 workers"), "\(line)")
            }
        }
    }
}
