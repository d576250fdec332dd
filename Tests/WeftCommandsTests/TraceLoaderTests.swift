import Foundation
import Testing
import WeftTrace

/// Every command opens traces one way: the same forms, the same warnings, the same advice.
@Suite("one trace loader", .serialized)
struct TraceLoaderTests {
    @Test("a folder given as input is called a folder, by every command",
          arguments: [["dump", "."], ["stats", "."], ["check", "."], ["render", ".", "-o", "x.png"],
                      ["export", ".", "-o", "x.json"], ["diff", ".", "."]])
    func folderInput(arguments: [String]) throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("this is a folder, not a trace"), "\(result.standardError)")
        #expect(!result.standardError.contains("too short"))
    }

    @Test("the not-a-trace advice names the real option, -o",
          arguments: ["dump", "stats", "check", "export", "render", "diff"])
    func notATraceAdvice(command: String) throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a trace".write(toFile: "\(folder)/junk.weft", atomically: true, encoding: .utf8)
        var arguments = [command, "junk.weft"]
        if command == "diff" { arguments.append("junk.weft") }
        if command == "export" || command == "render" { arguments += ["-o", command == "render" ? "x.png" : "x.json"] }
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("weft \(command): error:"), "\(result.standardError)")
        #expect(result.standardError.contains("weft run DEMO -o FILE.weft"))
        #expect(!result.standardError.contains("--trace"))
    }

    @Test("the text form is read by every command, not only diff",
          arguments: [["stats", "run.txt"], ["check", "run.txt"], ["render", "run.txt", "-o", "x.png"],
                      ["export", "run.txt", "-o", "x.json"], ["dump", "run.txt"], ["diff", "run.txt", "run.txt"]])
    func textForm(arguments: [String]) throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try StatsCheckCommandTests.clean.write(toFile: "\(folder)/run.txt", atomically: true, encoding: .utf8)
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.status == 0, "\(result.standardError)")
    }

    @Test("a trace cut before its trailer gets the same warning from every command",
          arguments: [["stats", "cut.weft"], ["check", "cut.weft"], ["render", "cut.weft", "-o", "x.png"],
                      ["export", "cut.weft", "-o", "x.json"], ["dump", "cut.weft"], ["diff", "cut.weft", "cut.weft"]])
    func truncatedWarning(arguments: [String]) throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let list = try TraceText.parse(StatsCheckCommandTests.clean)
        try TraceFileWriter.write(list, to: "\(folder)/whole.weft")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/whole.weft"))
        let reader = try TraceReader(path: "\(folder)/whole.weft")
        while try reader.next() != nil {}
        // Cut the file just before its trailer record.
        var cut = bytes
        cut.removeLast(trailerBytes(bytes))
        try cut.write(to: URL(fileURLWithPath: "\(folder)/cut.weft"))
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.standardError.contains("weft \(arguments[0]): warning: cut.weft: byte"), "\(result.standardError)")
        #expect(result.standardError.contains("the trace has no trailer"), "\(result.standardError)")
    }

    /// The size of the trailer record at the end of `bytes`: found by cutting until the reader stops finding one.
    func trailerBytes(_ bytes: Data) -> Int {
        for n in 1..<min(200, bytes.count) {
            guard let reader = try? TraceReader(bytes: Array(bytes.dropLast(n))) else { continue }
            while (try? reader.next()) != nil, reader.eventsRead < 1_000_000 {}
            if reader.warnings.contains(where: { $0.message.contains("no trailer") }) { return n }
        }
        return 0
    }
}
