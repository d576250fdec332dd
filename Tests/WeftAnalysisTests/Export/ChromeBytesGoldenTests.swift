import Foundation
import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// The Chrome export of recorded traces (`Golden/bytes/*.weft`: copies of demo runs from traces/, an actor cache, a
/// fan-out on its own threads, a wait group) compared byte for byte with what the export wrote before its JSON
/// writer was made cheaper (prepared fragments, dense per-task tables): the output is a format other tools read, so
/// speeding it up must not change one byte. Set WEFT_UPDATE_GOLDEN=1 to rewrite the files after a deliberate change.
@Suite("Chrome export: byte for byte")
struct ChromeBytesGoldenTests {
    static let traces = ["actor-cache-multiplexed", "fanout-thread-per-task", "waitgroup-multiplexed"]

    static func export(_ trace: String, _ options: ChromeTraceOptions) throws -> [UInt8] {
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let reader = try TraceReader(path: folder.appendingPathComponent("bytes/\(trace).weft").path)
        let out = JSONOutput()
        try ChromeTrace.export(reader, options: options, to: out)
        try out.close()
        return out.memory
    }

    static func expect(_ bytes: [UInt8], _ name: String) throws {
        // The line-by-line comparison names the first difference (and rewrites the file when asked) ...
        try ExportGoldenTests.compare(String(decoding: bytes, as: UTF8.self), with: "bytes/\(name)")
        // ... and this one holds it to every byte.
        let folder = try #require(Bundle.module.url(forResource: "Golden", withExtension: nil))
        let expected = try [UInt8](Data(contentsOf: folder.appendingPathComponent("bytes/\(name)")))
        if try !GoldenFile.updateRequested() {
            #expect(bytes == expected, "\(name): \(bytes.count) bytes, expected \(expected.count)")
        }
    }

    @Test("each trace, each lane layout", arguments: traces, [ExportLanes.threads, .tasks])
    func sameBytes(trace: String, lanes: ExportLanes) throws {
        try Self.expect(try Self.export(trace, ChromeTraceOptions(lanes: lanes)), "\(trace).\(lanes).json")
    }

    @Test("without instants", arguments: ["fanout-thread-per-task", "waitgroup-multiplexed"])
    func sameBytesWithoutInstants(trace: String) throws {
        try Self.expect(try Self.export(trace, ChromeTraceOptions(instants: false)), "\(trace).no-instants.json")
    }
}
