import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// Exports of a small hand-written trace (`Golden/small.txt`, in the text form) compared with the expected files
/// byte for byte. Set WEFT_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change, and read the diff
/// (refused under CI).
@Suite("Export goldens")
struct ExportGoldenTests {
    static let sourceFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func golden(_ name: String) throws -> String {
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func small() throws -> EventList { try TraceText.parse(try golden("small.txt")) }

    /// Compares with the expected file, or rewrites it when asked (WEFT_UPDATE_GOLDEN=1, refused under CI).
    static func compare(_ actual: String, with name: String) throws {
        try GoldenFile.compare(actual, with: name, in: sourceFolder)
    }

    static func chrome(_ lanes: ExportLanes) throws -> (String, ChromeTraceChecker) {
        let out = JSONOutput()
        try ChromeTrace.export(try small(), options: ChromeTraceOptions(lanes: lanes), to: out)
        try out.close()
        return (out.text, try ChromeTraceChecker(out.memory))
    }

    @Test("thread lanes", arguments: [ExportLanes.threads, .tasks])
    func chromeGolden(lanes: ExportLanes) throws {
        let (text, check) = try Self.chrome(lanes)
        #expect(check.problems == [])
        #expect(check.flowsByCategory == ["message": 1, "spawn": 1])
        try Self.compare(text, with: "small.\(lanes).json")
    }

    @Test("JSON lines are the dump's lines")
    func jsonLines() throws {
        let list = try Self.small()
        let out = JSONOutput()
        let count = try JSONLinesExport.export(list, to: out)
        try out.close()
        #expect(count == list.events.count)
        let lines = out.text.split(separator: "\n").map(String.init)
        #expect(lines == list.events.map { TraceJSON.line($0, strings: list.string) })
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
        try Self.compare(out.text, with: "small.jsonl")
    }
}
