import Foundation
import Testing

/// Every command that reads a trace gives the reader's own error for the damaged files (a corrupted byte, values
/// the analysis cannot take), exit status 2, and no crash: the analysis only ever sees events the reader has validated.
@Suite("Damaged input through every command")
struct DamagedInputCommandTests {
    static var corpus: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("WeftTraceTests/Damaged").path
    }

    /// The damaged files and a phrase of the reader's message for each.
    static let reproductions: [(file: String, says: String)] = [
        ("pingpong-byte-1651.weft", "send argument seq is 18446744073709550681"),
        ("send-huge-seq.weft", "send argument seq is 18446744073709550681"),
        ("task-id-max.weft", "taskCreate argument task is 18446744073709551615"),
        ("sample-max.weft", "sample argument value is 18446744073709551615"),
        ("time-delta-max.weft", "later than the latest time a trace may hold"),
        ("base-time-max.weft", "a batch starts at time 18446744073709551615"),
        ("run-end-reason-unknown.weft", "runEnd argument reason is 9"),
    ]

    @Test("dump, stats, check, render, export and diff refuse each with the reader's message and exit 2",
          arguments: reproductions.map(\.file))
    func refused(file: String) throws {
        let says = Self.reproductions.first { $0.file == file }!.says
        let path = Self.corpus + "/" + file
        let folder = try WeftProcess.temporaryFolder()
        let commands: [[String]] = [
            ["dump", path],
            ["stats", path],
            ["stats", "--json", path],
            ["check", path],
            ["render", path, "-o", folder + "/picture.png"],
            ["export", path, "-o", folder + "/chrome.json"],
            ["export", "--format", "jsonl", path, "-o", folder + "/lines.jsonl"],
            ["diff", path, path],
        ]
        for arguments in commands {
            let run = try WeftProcess.run(arguments)
            let command = arguments.joined(separator: " ")
            #expect(run.status == 2, "\(command): status \(run.status)\n\(run.standardError)")
            #expect(run.standardError.contains(says), "\(command): \(run.standardError)")
            #expect(!run.standardError.contains("Fatal error"), "\(command)")
        }
    }
}
