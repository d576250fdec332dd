import Foundation
import Testing
@testable import WeftTrace
import WeftTestSupport

/// The damaged-file corpus in `Damaged/` (also the fuzzer's seeds) and what reading each must give.
/// Regenerate with `WEFT_WRITE_DAMAGED=1 swift test --filter DamagedCorpusTests`.
@Suite("Damaged-file corpus")
struct DamagedCorpusTests {
    enum Outcome {
        /// Reads with these events and a warning of this kind.
        case warning(TraceWarning.Kind, events: Int)
        /// Fails with this kind at this byte offset (nil: any offset, but one must be given).
        case error(TraceError.Kind, offset: Int?)
    }

    static let expected: [String: Outcome] = [
        "good.weft": .warning(.truncated, events: -1),  // not damaged: checked apart below
        "truncated-mid-batch.weft": .warning(.truncated, events: 20),
        "no-trailer.weft": .warning(.truncated, events: 40),
        "unknown-kind.weft": .warning(.unknownKind, events: 40),
        "empty.weft": .error(.notATrace, offset: 0),
        "bad-magic.weft": .error(.notATrace, offset: 1),
        "newer-version.weft": .error(.unsupportedVersion, offset: 8),
        "huge-length.weft": .error(.corrupt, offset: nil),
        "kind-not-in-header.weft": .error(.corrupt, offset: nil),
        "trailer-mismatch.weft": .error(.corrupt, offset: nil),
        "after-trailer.weft": .error(.corrupt, offset: nil),
        "bad-thread.weft": .error(.corrupt, offset: nil),
        "receive-without-send.weft": .error(.invalidEvent, offset: nil),
    ]

    /// Builds every corpus file from the ping-pong golden trace.
    static func build() throws -> [String: [UInt8]] {
        let source = try TraceText.parse(RoundTripTests.pingPong + RoundTripTests.pingPong.split(separator: "\n").map {
            // A second copy on other threads and tasks, later, so that there are several batches.
            let f = $0.split(separator: " ", maxSplits: 3)
            return "\(UInt64(f[0])! + 1000) T\(UInt64(f[1].dropFirst())! + 1) \(f[2]) \(f[3])\n"
        }.joined().replacingOccurrences(of: "t1", with: "t11").replacingOccurrences(of: "t2 ", with: "t12 ").replacingOccurrences(of: "t2\n", with: "t12\n").replacingOccurrences(of: "ch1", with: "ch5"))
        let good = try TraceFileWriter.encode(source)
        let records = Self.recordOffsets(good)
        var out: [String: [UInt8]] = ["good.weft": good]
        let lastBatch = records.last { $0.tag == TraceFormat.Tag.batch.rawValue }!
        let trailer = records.last!
        out["truncated-mid-batch.weft"] = Array(good[0..<(lastBatch.offset + 12)])
        out["no-trailer.weft"] = Array(good[0..<trailer.offset])
        out["empty.weft"] = []
        var badMagic = good
        badMagic[1] = 0x58
        out["bad-magic.weft"] = badMagic
        var newer = good
        newer[8] = 2
        out["newer-version.weft"] = newer
        var huge = Array(good[0..<lastBatch.offset])
        huge += [TraceFormat.Tag.batch.rawValue, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]
        out["huge-length.weft"] = huge
        var badKind = good
        badKind[lastBatch.payload + 4] = 0xEE  // the first event's kind code (thread, base, count, bases = 4 one-byte varints)
        out["kind-not-in-header.weft"] = badKind
        var mismatch = good
        mismatch[trailer.payload] &+= 1  // the trailer's event count
        out["trailer-mismatch.weft"] = mismatch
        out["after-trailer.weft"] = good + [TraceFormat.Tag.round.rawValue, 1, 0]
        var badThread = good
        badThread[lastBatch.payload] = 0  // thread 0
        out["bad-thread.weft"] = badThread
        // A header that lists a kind this reader does not know, and a batch that uses it.
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: 1, extraKinds: [(200, "futureKind", 2)])
        encoder.strings(first: 1, source.strings[1...])
        let extra = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { extra.deallocate() }
        let bytes: [UInt8] = [200, 5, 1, 2]
        extra.copyMemory(from: bytes, byteCount: bytes.count)
        encoder.batch(thread: 9, base: EventCoding.State(), count: 1, events: UnsafeRawBufferPointer(start: extra, count: bytes.count))
        let afterHeader = records.first { $0.tag == TraceFormat.Tag.batch.rawValue }!.offset
        out["unknown-kind.weft"] = encoder.bytes + Array(good[afterHeader..<trailer.offset])
        let inconsistent = try TraceText.parse("0 T1 - channelMake channel=ch1 capacity=0 name=\"\"\n1 T1 - receive channel=ch1 seq=1\n")
        out["receive-without-send.weft"] = try TraceFileWriter.encode(inconsistent)
        return out
    }

    /// Offsets of each record's tag and payload.
    static func recordOffsets(_ bytes: [UInt8]) -> [(tag: UInt8, offset: Int, payload: Int)] {
        var out: [(UInt8, Int, Int)] = []
        var o = TraceFormat.preambleSize
        while o < bytes.count {
            let start = o
            o += 1
            let n = bytes.withUnsafeBytes { Varint.read($0, &o, end: bytes.count) }!
            out.append((bytes[start], start, o))
            o += Int(n)
        }
        return out
    }

    static var folder: URL { URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Damaged") }

    @Test("the committed corpus is what the builder makes (regenerate with WEFT_WRITE_DAMAGED=1)")
    func corpusIsCurrent() throws {
        let built = try Self.build()
        #expect(Set(built.keys) == Set(Self.expected.keys))
        if try GoldenFile.updateRequested("WEFT_WRITE_DAMAGED") {
            for (name, bytes) in built { try Data(bytes).write(to: Self.folder.appendingPathComponent(name)) }
        }
        let bundled = try #require(Bundle.module.url(forResource: "Damaged", withExtension: nil))
        for (name, bytes) in built {
            let committed = try? Data(contentsOf: bundled.appendingPathComponent(name))
            #expect(committed.map(Array.init) == bytes ? true : false, "\(name) differs from the builder: regenerate the corpus")
        }
    }

    @Test("every damaged file reads as expected: usable events with a warning, or an error with its place")
    func corpus() throws {
        let bundled = try #require(Bundle.module.url(forResource: "Damaged", withExtension: nil))
        for (name, outcome) in Self.expected {
            let path = bundled.appendingPathComponent(name).path
            var events = 0
            var reader: TraceReader?
            var failure: TraceError?
            do {
                let r = try TraceReader(path: path)
                reader = r
                events = try readAll(r).count
            } catch {
                failure = error
            }
            switch outcome {
            case .warning(let kind, let count) where count < 0:
                #expect(failure == nil && reader?.warnings.isEmpty == true && reader?.trailer != nil, "\(name)")
                _ = kind
            case .warning(let kind, let count):
                #expect(failure == nil, "\(name): \(failure.map(String.init(describing:)) ?? "")")
                #expect(events == count, "\(name)")
                #expect(reader?.warnings.contains { $0.kind == kind } == true, "\(name): \(reader?.warnings ?? [])")
            case .error(let kind, let offset):
                let e = try #require(failure, "\(name): expected an error")
                #expect(e.kind == kind, "\(name): \(e)")
                #expect(e.path == path)
                if let offset { #expect(e.byteOffset == offset, "\(name): \(e)") } else { #expect(e.byteOffset != nil || e.eventIndex != nil, "\(name): \(e)") }
            }
        }
    }
}
