import Foundation
import Testing
@testable import WeftTrace
import WeftTestSupport

/// A golden trace: readable text, with its expected outcome in a `# expect:` comment
/// (`ok`, or `error KIND "text the message contains"`).
struct GoldenTrace: CustomStringConvertible {
    var name: String
    var text: String

    static func all() throws -> [GoldenTrace] {
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        return try files.map { GoldenTrace(name: $0, text: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
    }

    /// The event lines, without comments.
    var events: String {
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0 + "\n" }.joined()
    }

    /// The expected outcome: nil for ok, else the error kind and a piece of its message.
    var expectedError: (kind: String, message: String)? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("# expect: error ") }) else { return nil }
        let rest = line.dropFirst("# expect: error ".count)
        let kind = rest.prefix { $0 != " " }
        let message = rest.drop { $0 != "\"" }.dropFirst().dropLast()
        return (String(kind), String(message))
    }

    var description: String { name }
}

@Suite("Golden traces")
struct GoldenTests {
    @Test("every golden trace round-trips text -> binary -> text exactly, or fails as it says")
    func goldenTraces() throws {
        let goldens = try GoldenTrace.all()
        #expect(goldens.count >= 7)
        for golden in goldens {
            let bytes = try TraceFileWriter.encode(try TraceText.parse(golden.text))
            let reader = try TraceReader(bytes: bytes, path: golden.name)
            if let expected = golden.expectedError {
                do {
                    _ = try readAll(reader)
                    Issue.record("\(golden.name): expected an error")
                } catch {
                    #expect("\(error.kind)" == expected.kind, "\(golden.name)")
                    #expect(error.message.contains(expected.message), "\(golden.name): \(error)")
                    #expect(error.byteOffset != nil && error.eventIndex != nil, "\(golden.name)")
                    #expect(error.path == golden.name)
                }
            } else {
                #expect(try text(reader) == golden.events, "\(golden.name)")
                #expect(reader.warnings.isEmpty, "\(golden.name)")
            }
        }
    }

    @Test("the text parser names the line and what it expected")
    func syntaxErrors() {
        let cases: [(String, String)] = [
            ("10 T1 - nosuchkind", "unknown event kind"),
            ("x T1 - threadStop", "not a number"),
            ("1 X1 - threadStop", "should look like T1"),
            ("1 T1 q threadStop", "should look like t3"),
            ("1 T1 - send channel=mu1 seq=1", "should be a channel"),
            ("1 T1 - send chanel=ch1", "has no argument"),
            ("1 T1 - log category=\"open", "unterminated"),
            ("1 T1", "found 2 field"),
        ]
        for (line, message) in cases {
            do {
                _ = try TraceText.parse("# comment\n\n" + line)
                Issue.record("\(line): expected a syntax error")
            } catch {
                #expect(error.kind == .syntax)
                #expect(error.line == 3)
                #expect(error.message.contains(message), "\(line): \(error.message)")
            }
        }
    }

    @Test("JSON lines name arguments, quote strings and spell enumerations")
    func jsonLines() throws {
        let l = try TraceText.parse("""
            5 T2 t1 runEnd task=t1 reason=blocked
            6 T2 t1 log category="a\\"b" message="x"
            7 T2 t1 select cases=2 chosen=-1 channel=ch0
            """)
        let lines = l.events.map { TraceJSON.line($0, strings: l.string) }
        #expect(lines[0] == #"{"time":5,"thread":2,"task":1,"kind":"runEnd","args":{"task":1,"reason":"blocked"}}"#)
        #expect(lines[1] == #"{"time":6,"thread":2,"task":1,"kind":"log","args":{"category":"a\"b","message":"x"}}"#)
        #expect(lines[2] == #"{"time":7,"thread":2,"task":1,"kind":"select","args":{"cases":2,"chosen":-1,"channel":0}}"#)
        for line in lines { #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) != nil) }
    }
}
