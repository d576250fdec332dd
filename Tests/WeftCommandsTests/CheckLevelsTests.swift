import ArgumentParser
import Foundation
import Testing
import WeftTrace
@testable import WeftCommands

/// `weft check`'s levels: errors fail, warnings pass unless --strict, --allow/--warn/--deny adjust; a run that did
/// not complete is never clean, and a trace cut mid-run does not call its waiting tasks leaked.
@Suite("weft check: lint levels and incomplete runs", .serialized)
struct CheckLevelsTests {
    /// Two tasks: t1 holds fork A, t2 waits for it; the trace stops there, without the run's end (killed).
    static let killed = """
        0 T1 - threadStart tid=800 role=worker index=0
        1 T1 - taskCreate task=t1 parent=- name="left" site="main.swift:4"
        2 T1 - taskCreate task=t2 parent=- name="right" site="main.swift:5"
        3 T1 - mutexMake mutex=mu1 name="fork A"
        10 T1 t1 runBegin task=t1
        11 T1 t1 lockRequest mutex=mu1
        12 T1 t1 lockAcquire mutex=mu1
        13 T1 t1 runEnd task=t1 reason=yielded
        20 T1 t2 runBegin task=t2
        21 T1 t2 lockRequest mutex=mu1
        22 T1 t2 block reason=mutex object=o1
        23 T1 t2 runEnd task=t2 reason=blocked
        """

    /// The clean program, whose main task threw at the end.
    static var failed: String {
        StatsCheckCommandTests.clean.replacingOccurrences(
            of: "runFinish outcome=completed message=\"\"", with: "runFinish outcome=failed message=\"the main task threw: boom\"")
    }

    /// Runs `weft check ARGUMENTS` in-process: the exit status and what it prints.
    func check(_ arguments: [String]) throws -> (code: Int32, output: String) {
        do {
            let command = try #require(try WeftCommand.parseAsRoot(["check"] + arguments) as? CheckCommand)
            let (text, status) = try command.report()
            return (status, text)
        } catch let exit as ExitCode {
            return (exit.rawValue, "")
        }
    }

    /// A folder with each trace written as NAME.txt.
    func folder(_ traces: [String: String]) throws -> String {
        let folder = try WeftProcess.temporaryFolder()
        for (name, text) in traces { try text.write(toFile: "\(folder)/\(name).txt", atomically: true, encoding: .utf8) }
        return folder
    }

    @Test("warnings print and pass; --strict and --deny make them errors; --allow leaves the lint out")
    func warningLevels() throws {
        let folder = try folder(["clean": StatsCheckCommandTests.clean])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = "\(folder)/clean.txt"
        let warned = try check([file, "--never-yields", "1ns"])
        #expect(warned.code == 0)
        #expect(warned.output.contains("warning: "))
        #expect(warned.output.contains("2 warnings (never-yields 2)"), "\(warned.output)")
        #expect(try check([file, "--never-yields", "1ns", "--strict"]).code == 1)
        let denied = try check([file, "--never-yields", "1ns", "--deny", "never-yields"])
        #expect(denied.code == 1 && denied.output.contains("error: "))
        let allowed = try check([file, "--never-yields", "1ns", "--allow", "never-yields"])
        #expect(allowed.code == 0 && allowed.output.contains("clean"))
        #expect(!allowed.output.contains("never-yields"))
        #expect(throws: (any Error).self) { try WeftCommand.parseAsRoot(["check", file, "--allow", "nonsense"]) }
    }

    @Test("a deadlock is an error; --warn deadlock --warn leak makes it pass")
    func errorLevels() throws {
        let folder = try folder(["deadlock": StatsCheckCommandTests.deadlock])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dead = try check(["\(folder)/deadlock.txt"])
        #expect(dead.code == 1)
        #expect(dead.output.contains("error: deadlock: 2 tasks wait on one another"))
        #expect(try check(["\(folder)/deadlock.txt", "--warn", "deadlock", "--warn", "leak"]).code == 0)
    }

    @Test("--json gives each finding its level and counts errors and warnings")
    func json() throws {
        let folder = try folder(["clean": StatsCheckCommandTests.clean])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try check(["\(folder)/clean.txt", "--never-yields", "1ns", "--json"])
        #expect(result.code == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 0 && object["warnings"] as? Int == 2)
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { $0["level"] as? String == "warning" })
    }

    @Test("a failed program's trace is not clean")
    func failedRun() throws {
        let folder = try folder(["failed": Self.failed])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try check(["\(folder)/failed.txt"])
        #expect(result.code == 1)
        #expect(result.output.contains("error: the run did not complete: it ended failed"), "\(result.output)")
        #expect(result.output.contains("boom"))
        #expect(!result.output.contains("clean"))
    }

    @Test("a killed run's trace is called incomplete, and its waiting task is not called leaked")
    func killedRun() throws {
        let folder = try folder(["killed": Self.killed])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try check(["\(folder)/killed.txt"])
        #expect(result.code == 1)
        #expect(result.output.contains("the trace is incomplete"), "\(result.output)")
        #expect(!result.output.contains("leaked: "), "\(result.output)")
    }

    @Test("the textbook-correct philosophers (--fixed) pass: eating while holding forks is a warning")
    func fixedPhilosophers() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try WeftProcess.run(["run", "philosophers", "--fixed", "-o", "p.weft"], in: folder)
        #expect(run.status == 0, "\(run.standardError)")
        let result = try WeftProcess.run(["check", "p.weft"], in: folder)
        #expect(result.status == 0, "\(result.standardOutput)")
        #expect(result.standardOutput.contains("warning: lock held across a block"))
    }
}
