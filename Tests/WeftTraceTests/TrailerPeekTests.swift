import Foundation
import Testing
@testable import WeftTrace
import WeftTestSupport

/// The trailer read from the end of a trace before its events (`TraceReader.expectedTotals`): a sizing hint that
/// must equal the trailer the reader reaches, and be absent when the trace has none.
@Suite("The trailer read ahead")
struct TrailerPeekTests {
    static func sample() throws -> [UInt8] {
        try TraceFileWriter.encode(try list(RoundTripTests.pingPong))
    }

    @Test("read ahead from memory and from a file, it is the trailer the reader reaches at the end")
    func sameAsTheTrailer() throws {
        let bytes = try Self.sample()
        let inMemory = try TraceReader(bytes: bytes)
        let ahead = try #require(inMemory.expectedTotals)
        _ = try readAll(inMemory)
        let reached = try #require(inMemory.trailer)
        #expect(ahead.events == reached.events && ahead.countsByCode == reached.countsByCode)
        #expect(ahead.threads == reached.threads && ahead.strings == reached.strings && ahead.dropped == reached.dropped)
        #expect(ahead.count(.runBegin) > 0)

        let path = temporaryTracePath("trailer-peek")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { TemporaryFiles.remove(path) }
        let fromFile = try TraceReader(path: path)
        #expect(fromFile.expectedTotals?.countsByCode == reached.countsByCode)
        #expect(fromFile.expectedTotals?.events == reached.events)
        // Reading ahead did not move the reader: every event still comes.
        #expect(try readAll(fromFile).count == Int(reached.events))
    }

    @Test("a trace cut anywhere before its end has no trailer to read ahead")
    func cutTraces() throws {
        let bytes = try Self.sample()
        for n in 0..<bytes.count {
            #expect(TrailerPeek.parse(tail: Array(bytes[0..<n].suffix(TrailerPeek.maxRecordBytes)), fileBytes: n) == nil,
                    "cut at \(n)")
        }
    }

    @Test("a trailer whose counts by kind do not add up to its event count is not taken")
    func inconsistentCounts() throws {
        var encoder = RecordEncoder()
        encoder.trailer(TraceTrailer(events: 5, threads: 1, countsByCode: [EventKind.runBegin.rawValue: 4]), endTime: 0)
        #expect(TrailerPeek.parse(tail: encoder.bytes, fileBytes: 1000) == nil)
        var consistent = RecordEncoder()
        consistent.trailer(TraceTrailer(events: 5, threads: 1, countsByCode: [EventKind.runBegin.rawValue: 5]), endTime: 0)
        #expect(TrailerPeek.parse(tail: consistent.bytes, fileBytes: 1000)?.count(.runBegin) == 5)
        // More events than the trace has bytes: not a trailer of this trace.
        #expect(TrailerPeek.parse(tail: consistent.bytes, fileBytes: 4) == nil)
    }
}
