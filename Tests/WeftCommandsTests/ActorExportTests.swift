import ArgumentParser
import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftCommands

/// Actors in the exports and the dump: each names the actor by its type.
@Suite("Actors in exports and the dump")
struct ActorExportTests {
    static func folder() throws -> String {
        let folder = NSTemporaryDirectory() + "weft-actor-export-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try TraceFileWriter.write(try TraceText.parse(ActorTraceText.text), to: "\(folder)/run.weft")
        return folder
    }

    func run(_ command: ParsableCommand.Type, _ arguments: [String]) throws {
        var parsed = try command.parseAsRoot(arguments)
        try parsed.run()
    }

    @Test("chrome: a task's code on an actor is a slice named \"… on Cache\" with the actor as argument")
    func chrome() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run(ExportCommand.self, ["\(folder)/run.weft", "-o", "\(folder)/run.json"])
        let top = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/run.json")))
        let events = try #require((top as? [String: Any])?["traceEvents"] as? [[String: Any]])
        let onActor = events.filter { $0["ph"] as? String == "X" && $0["cat"] as? String == "actor" }
        #expect(onActor.compactMap { $0["name"] as? String } == ["caller a on Cache", "caller b on Cache"])
        #expect(onActor.allSatisfy { ($0["args"] as? [String: Any])?["actor"] as? String == "ac5 Cache" })
        let made = try #require(events.first { $0["name"] as? String == "actorMake" })
        #expect((made["args"] as? [String: Any])?["actor_name"] as? String == "Cache")
    }

    @Test("perfetto: the actor's job events are instants named after the actor")
    func perfetto() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try run(ExportCommand.self, ["\(folder)/run.weft", "--format", "perfetto", "-o", "\(folder)/run.pftrace"])
        let bytes = try #require(FileManager.default.contents(atPath: "\(folder)/run.pftrace"))
        let text = String(decoding: bytes, as: UTF8.self)
        for name in ["actorJobBegin Cache (ac5)", "actorSlice Cache (ac5)", "actorJobEnd Cache (ac5)"] {
            #expect(text.contains(name), "\(name)")
        }
    }

    @Test("the dump spells actors ac5 and reads back exactly")
    func dump() throws {
        let bytes = try TraceFileWriter.encode(try TraceText.parse(ActorTraceText.text))
        let again = try TraceText.format(try TraceReader(bytes: bytes))
        #expect(again.contains("100 T1 - actorJobBegin actor=ac5"))
        #expect(again.contains("150 T1 - actorSlice actor=ac5 task=t2"))
        #expect(again.contains("60 T1 t2 actorMake actor=ac5 type=\"Cache\""))
        #expect(again.split(separator: "\n").count == ActorTraceText.text.split(separator: "\n").count)
    }
}
