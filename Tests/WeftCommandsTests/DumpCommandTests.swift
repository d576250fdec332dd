import ArgumentParser
import Foundation
import Testing
import WeftTrace
@testable import WeftCommands

@Suite("weft dump")
struct DumpCommandTests {
    static let text = """
        0 T1 - threadStart tid=700 role=worker index=0
        10 T1 - taskCreate task=t1 parent=- name="main" site="a.swift:1"
        20 T1 t1 runBegin task=t1
        30 T1 t1 log category="x" message="say \\"hi\\""
        40 T1 t1 runEnd task=t1 reason=finished

        """

    func dump(_ path: String, json: Bool = false) throws(TraceError) -> (lines: [String], notes: [String]) {
        var lines: [String] = [], notes: [String] = []
        try DumpCommand.dump(OpenedTrace(path: path), json: json, summary: true, line: { lines.append($0) }, note: { notes.append($0) })
        return (lines, notes)
    }

    @Test("prints the text form, which is the text the trace was made from")
    func text() throws {
        let path = NSTemporaryDirectory() + "weft-dump-\(UUID().uuidString).weft"
        defer { unlink(path) }
        try TraceFileWriter.write(try TraceText.parse(Self.text), to: path)
        let (lines, notes) = try dump(path)
        #expect(lines.map { $0 + "\n" }.joined() == Self.text)
        #expect(notes == ["weft dump: 5 events; trailer: 5 events, 0 dropped, 1 thread"])
        let json = try dump(path, json: true).lines
        #expect(json[3] == #"{"time":30,"thread":1,"task":1,"kind":"log","args":{"category":"x","message":"say \"hi\""}}"#)
    }

    @Test("a truncated trace prints its complete batches and a warning; a damaged one throws with its offset")
    func damaged() throws {
        let path = NSTemporaryDirectory() + "weft-dump-\(UUID().uuidString).weft"
        defer { unlink(path) }
        let bytes = try TraceFileWriter.encode(try TraceText.parse(Self.text))
        try Data(bytes.dropLast(3)).write(to: URL(fileURLWithPath: path))
        let (lines, notes) = try dump(path)
        #expect(lines.count == 5)
        #expect(notes.first?.contains("warning") == true && notes.first?.contains("trailer") == true)
        var bad = bytes
        bad[0] = 0
        try Data(bad).write(to: URL(fileURLWithPath: path))
        #expect { try dump(path) } throws: { ($0 as? TraceError)?.byteOffset == 0 }
        var command = try DumpCommand.parseAsRoot([path]) as! DumpCommand
        #expect { try command.run() } throws: { ($0 as? ExitCode)?.rawValue == 2 }
        _ = command
    }
}
