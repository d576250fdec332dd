import Foundation
import Testing

/// The README's commands leave a checkout clean: `weft run`, `weft compare` and `weft explore` write only into
/// `weft-out/`, which the repository's `.gitignore` ignores, and `scripts/demo` runs only such commands.
@Suite("A clean checkout stays clean", .serialized)
struct CleanCheckoutTests {
    /// The package's root (this file is Tests/WeftCommandsTests/CleanCheckoutTests.swift).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    @Test("weft run, compare and explore by default leave git status clean in a repository with Weft's .gitignore")
    func defaultOutputsAreIgnored() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: Self.root + "/.gitignore", toPath: folder + "/.gitignore")
        try git(["init", "-q"], in: folder)
        try git(["add", ".gitignore"], in: folder)
        try git(["-c", "user.name=weft", "-c", "user.email=weft@localhost", "commit", "-qm", "ignore"], in: folder)
        for arguments in [["run", "workers", "--sleep-ms", "1"],
                          ["run", "workers", "--sleep-ms", "1", "--scheduler", "thread-per-task"],
                          ["compare", "workers", "--sleep-ms", "1", "--workers", "2"],
                          ["explore", "philosophers", "--runs", "20"]] {
            let result = try WeftProcess.run(arguments, in: folder)
            #expect(result.status == 0 || (arguments[0] == "explore" && result.status == 1), "\(arguments): \(result.standardError)")
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0 != ".git" && $0 != ".gitignore" }
        #expect(written == ["weft-out"], "written beside weft-out/: \(written)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/weft-out").contains("workers-compare.png"))
        #expect(try git(["status", "--porcelain", "--untracked-files=all"], in: folder).isEmpty)
    }

    @Test("scripts/demo runs weft only as demos and compare, with no output path: its files go to weft-out/")
    func demoScriptWritesOnlyTheOutputFolder() throws {
        let script = try String(contentsOfFile: Self.root + "/scripts/demo", encoding: .utf8)
        let calls = script.split(separator: "\n").filter { $0.hasPrefix("\"$weft\"") }.map(String.init)
        #expect(calls == ["\"$weft\" demos", "\"$weft\" compare workers"], "\(calls)")
        #expect(!script.contains("traces/") || script.contains("traces/ is written only by scripts/regenerate-traces"))
    }

    /// Runs git in `folder` and returns what it printed.
    @discardableResult
    private func git(_ arguments: [String], in folder: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments)")
        return String(decoding: output, as: UTF8.self)
    }
}
