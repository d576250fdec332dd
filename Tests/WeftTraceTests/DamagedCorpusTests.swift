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
        // Values the analysis cannot take: refused where they are read.
        "send-huge-seq.weft": .error(.corrupt, offset: nil),
        "task-id-max.weft": .error(.corrupt, offset: nil),
        "sample-max.weft": .error(.corrupt, offset: nil),
        "time-delta-max.weft": .error(.corrupt, offset: nil),
        "base-time-max.weft": .error(.corrupt, offset: nil),
        "run-end-reason-unknown.weft": .error(.corrupt, offset: nil),
    ]

    /// Damaged files kept as they were found (not made by `build`), and what reading each must give.
    static let found: [String: Outcome] = [
        // traces/pingpong-multiplexed.weft with byte 1651 set to 0xd1: a send's seq delta becomes 2^64 − 936.
        // Stats, check, render, export and diff died on it in the analysis while dump refused it.
        "pingpong-byte-1651.weft": .error(.corrupt, offset: 1648),
    ]

    /// The bytes of a trace holding the events of `text`.
    static func encode(_ text: String) throws -> [UInt8] { try TraceFileWriter.encode(TraceText.parse(text)) }

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
        let channel = "0 T1 - channelMake channel=ch1 capacity=0 name=\"\"\n"
        out["send-huge-seq.weft"] = try encode(channel + "1 T1 - send channel=ch1 seq=18446744073709550681\n")
        out["task-id-max.weft"] = try encode("0 T1 - taskCreate task=t18446744073709551615 parent=- name=\"\" site=\"\"\n")
        out["sample-max.weft"] = try encode("0 T1 - sample name=\"peak_rss_bytes\" value=18446744073709551615\n")
        // Without its trailer, whose end time would be refused first.
        let delta = try encode(channel + "18446744073709551615 T1 - close channel=ch1\n")
        out["time-delta-max.weft"] = Array(delta[0..<Self.recordOffsets(delta).last!.offset])
        out["run-end-reason-unknown.weft"] = Self.withByte(try encode("0 T1 - runEnd task=t1 reason=finished\n"), replacing: 2, by: 9)
        // A batch whose base time is 2^64 − 1 (the writer never makes one: it is built record by record).
        var late = RecordEncoder()
        late.preamble()
        late.header(nanosecondsPerUnit: 1)
        let stop: [UInt8] = [EventKind.threadStop.rawValue, 0]
        stop.withUnsafeBytes { late.batch(thread: 1, base: EventCoding.State(time: .max), count: 1, events: $0) }
        out["base-time-max.weft"] = late.bytes
        return out
    }

    /// `bytes` with the last occurrence of byte `old` in the last batch's events replaced by `new`.
    static func withByte(_ bytes: [UInt8], replacing old: UInt8, by new: UInt8) -> [UInt8] {
        let batch = recordOffsets(bytes).last { $0.tag == TraceFormat.Tag.batch.rawValue }!
        let trailer = recordOffsets(bytes).last!
        var out = bytes
        let i = (batch.payload..<trailer.offset).last { bytes[$0] == old }!
        out[i] = new
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
        for (name, outcome) in Self.expected.merging(Self.found, uniquingKeysWith: { a, _ in a }) {
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
