import ArgumentParser
import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftCommands

@Suite("weft export")
struct ExportCommandTests {
    /// A small consistent trace in the text form: main spawns a worker, sends it one message, joins it.
    static let text = """
        0 T1 - threadStart tid=700 role=worker index=0
        0 T2 - threadStart tid=701 role=worker index=1
        1 T1 - metadata key="scheduler" value="multiplexed"
        10 T1 - taskCreate task=t1 parent=- name="main" site=""
        20 T1 t1 runBegin task=t1
        30 T1 t1 channelMake channel=ch1 capacity=1 name="jobs"
        40 T1 t1 taskCreate task=t2 parent=t1 name="worker" site=""
        50 T1 t1 send channel=ch1 seq=1
        60 T1 t1 block reason=join object=o2
        61 T1 t1 runEnd task=t1 reason=blocked
        70 T2 t2 runBegin task=t2
        80 T2 t2 receive channel=ch1 seq=1
        90 T2 t2 unblock task=t1
        95 T2 t2 runEnd task=t2 reason=finished
        96 T2 - taskEnd task=t2 outcome=returned message=""
        100 T1 t1 runBegin task=t1
        110 T1 t1 runEnd task=t1 reason=finished
        111 T1 - taskEnd task=t1 outcome=returned message=""
        120 T1 - runFinish outcome=completed message=""
        """

    /// A folder holding the trace as `run.weft` and as `run.txt`.
    static func folder() throws -> String {
        let folder = try TemporaryFiles.folder("export-command")
        try TraceFileWriter.write(try TraceText.parse(text), to: "\(folder)/run.weft")
        try text.write(toFile: "\(folder)/run.txt", atomically: true, encoding: .utf8)
        return folder
    }

    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try ExportCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return ExportCommand.exitCode(for: error).rawValue
        }
    }

    func json(_ path: String) throws -> [[String: Any]] {
        let top = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return try #require(top?["traceEvents"] as? [[String: Any]])
    }

    @Test("chrome export of a .weft file: slices, flows, names; the text form gives the same file")
    func chrome() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(exitCode(["\(folder)/run.weft", "-o", "\(folder)/run.json"]) == 0)
        let events = try json("\(folder)/run.json")
        #expect(events.filter { $0["ph"] as? String == "X" }.count == 3)
        #expect(events.filter { $0["ph"] as? String == "s" }.count == 2)  // one message, one spawn
        #expect(events.filter { $0["ph"] as? String == "f" && $0["bp"] as? String == "e" }.count == 2)
        let names = events.filter { $0["name"] as? String == "thread_name" }.compactMap { ($0["args"] as? [String: Any])?["name"] as? String }
        #expect(names.sorted() == ["pool thread 0", "pool thread 1"])
        #expect(exitCode(["\(folder)/run.txt", "-o", "\(folder)/text.json"]) == 0)
        #expect(FileManager.default.contents(atPath: "\(folder)/text.json") == FileManager.default.contents(atPath: "\(folder)/run.json"))
        #expect(exitCode(["\(folder)/run.weft", "-o", "\(folder)/tasks.json", "--lanes", "tasks", "--no-instants"]) == 0)
        let tasks = try json("\(folder)/tasks.json")
        #expect(tasks.filter { $0["ph"] as? String == "i" }.isEmpty)
        #expect(Set(tasks.filter { $0["ph"] as? String == "X" }.compactMap { $0["tid"] as? Int }) == [1, 2])
    }

    @Test("perfetto export writes a protobuf trace: packets of the Trace message, smaller than the JSON")
    func perfetto() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(exitCode(["\(folder)/run.weft", "--format", "perfetto", "-o", "\(folder)/run.pftrace"]) == 0)
        #expect(exitCode(["\(folder)/run.weft", "--format", "perfetto", "--lanes", "tasks", "-o", "\(folder)/tasks.pftrace"]) == 0)
        #expect(exitCode(["\(folder)/run.weft", "-o", "\(folder)/run.json"]) == 0)
        let bytes = try #require(FileManager.default.contents(atPath: "\(folder)/run.pftrace"))
        let json = try #require(FileManager.default.contents(atPath: "\(folder)/run.json"))
        #expect(bytes.first == 0x0A) // field 1 (Trace.packet), length-delimited
        #expect(bytes.count * 2 < json.count, "\(bytes.count) bytes of protobuf, \(json.count) of JSON")
        let tasks = try #require(FileManager.default.contents(atPath: "\(folder)/tasks.pftrace"))
        #expect(tasks.count > 0 && tasks != bytes)
        // --no-instants is for chrome only: Perfetto's instants carry its flows.
        #expect(exitCode(["\(folder)/run.weft", "--format", "perfetto", "--no-instants", "-o", "\(folder)/x.pftrace"]) == 2)
    }

    @Test("jsonl export holds the dump's lines")
    func jsonl() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(exitCode(["\(folder)/run.weft", "--format", "jsonl", "-o", "\(folder)/run.jsonl"]) == 0)
        let lines = try String(contentsOfFile: "\(folder)/run.jsonl", encoding: .utf8).split(separator: "\n").map(String.init)
        let reader = try TraceReader(path: "\(folder)/run.weft")
        var expected: [String] = []
        while let e = try reader.next() { expected.append(TraceJSON.line(e, strings: reader.string)) }
        #expect(lines == expected && lines.count == 19)
    }

    @Test("unreadable traces and wrong flags exit with status 2")
    func badInput() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a trace".write(toFile: "\(folder)/bad.weft", atomically: true, encoding: .utf8)
        #expect(exitCode(["\(folder)/missing.weft", "-o", "\(folder)/x.json"]) == 2)
        #expect(exitCode(["\(folder)/bad.weft", "-o", "\(folder)/x.json"]) == 2)
        #expect(exitCode(["\(folder)/run.weft", "-o", "\(folder)/no-such-dir/x.json"]) == 2)
        #expect(exitCode(["\(folder)/run.weft", "--format", "jsonl", "--lanes", "tasks", "-o", "\(folder)/x.json"]) == 2)
        #expect(exitCode(["\(folder)/run.weft", "--format", "svg", "-o", "\(folder)/x.json"]) != 0)
        try "0 T1 - nonsense".write(toFile: "\(folder)/bad.txt", atomically: true, encoding: .utf8)
        #expect(exitCode(["\(folder)/bad.txt", "-o", "\(folder)/x.json"]) == 2)
    }
}
