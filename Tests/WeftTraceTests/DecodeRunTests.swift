import Testing
@testable import WeftTrace

/// The reader's two decoding paths: the fast run over a batch (`ReaderEngine.decodeRun`) and the careful path that
/// takes over for an event of a skipped kind or a damaged one, then hands back.
@Suite("Decoding runs of a batch")
struct DecodeRunTests {
    /// A kind code the header lists but this reader does not know: its events are skipped.
    static let futureCode: UInt8 = 200

    /// A one-batch trace on thread 1: `events` (in the file's units, 1 ns), with a skipped two-argument event of
    /// `futureCode` after every `skipEvery`-th of them; with a trailer that counts them all when `trailer`.
    static func trace(_ events: [Event], skipEvery: Int, trailer: Bool = true) -> [UInt8] {
        var encoder = RecordEncoder()
        encoder.preamble()
        encoder.header(nanosecondsPerUnit: 1, extraKinds: [(futureCode, "futureKind", 2)])
        let memory = UnsafeMutableRawPointer.allocate(byteCount: (events.count * 2 + 1) * EventCoding.maxEventBytes, alignment: 8)
        defer { memory.deallocate() }
        var state = EventCoding.State()
        var o = 0
        var count = 0
        var counts: [UInt8: UInt64] = [:]
        for (i, e) in events.enumerated() {
            let a = e.args
            o = EventCoding.encode(e.kind, time: e.time, a.a0, a.a1, a.a2, a.a3, state: &state, into: memory, at: o)
            count += 1
            counts[e.kind.rawValue, default: 0] += 1
            if skipEvery > 0 && (i + 1) % skipEvery == 0 {
                // Code, a zero time delta, and two one-byte arguments.
                for byte in [futureCode, 0, 7, UInt8(i % 100)] {
                    memory.storeBytes(of: byte, toByteOffset: o, as: UInt8.self)
                    o += 1
                }
                count += 1
                counts[futureCode, default: 0] += 1
            }
        }
        encoder.batch(thread: 1, base: EventCoding.State(), count: count, events: UnsafeRawBufferPointer(start: memory, count: o))
        if trailer {
            encoder.trailer(TraceTrailer(events: UInt64(count), threads: 1, countsByCode: counts), endTime: events.last?.time ?? 0)
        }
        return encoder.bytes
    }

    /// A channel and `sends` sends on it (each message number a delta from the last), every 10 ns.
    static func sends(_ sends: Int) throws -> EventList {
        var text = "0 T1 - channelMake channel=ch1 capacity=0 name=\"\"\n"
        for seq in 1...sends { text += "\(seq * 10) T1 - send channel=ch1 seq=\(seq)\n" }
        return try list(text)
    }

    /// All events of `bytes`, with the reader.
    static func readAll(_ bytes: [UInt8]) throws -> (events: [Event], reader: TraceReader) {
        let reader = try TraceReader(bytes: bytes)
        var events: [Event] = []
        while let e = try reader.next() { events.append(e) }
        return (events, reader)
    }

    @Test("skipped events between known ones, within and across slices, leave the known ones and their deltas intact")
    func skippedKindsInTheMiddle() throws {
        let source = try Self.sends(700)  // several slices of `ReaderEngine.sliceSize` events
        for skipEvery in [1, 3, 127, 128, 129] {
            let (events, reader) = try Self.readAll(Self.trace(source.events, skipEvery: skipEvery))
            #expect(events == source.events, "skipping after every \(skipEvery)")
            #expect(reader.warnings.map(\.kind) == [.unknownKind])
            #expect(reader.trailer?.events == UInt64(701 + 701 / skipEvery))
        }
    }

    @Test("a damaged event after many good ones in a batch: the good ones are read, then the error names its byte")
    func damagedEventMidBatch() throws {
        var events = try Self.sends(300).events
        // A runEnd whose reason is no reason (9): refused where it is decoded.
        let bad = 200
        events.insert(Event(kind: .runEnd, time: events[bad - 1].time, thread: ThreadID(1), args: EventArguments(1, 9)), at: bad)
        let bytes = Self.trace(events, skipEvery: 0)
        let reader = try TraceReader(bytes: bytes)
        var read: [Event] = []
        var failure: TraceError?
        do {
            while let e = try reader.next() { read.append(e) }
        } catch {
            failure = error
        }
        #expect(read.count == bad)
        #expect(read == Array(events[..<min(bad, read.count)]))
        let error = try #require(failure)
        #expect(error.kind == .corrupt)
        let offset = try #require(error.byteOffset)
        #expect(bytes[offset] == EventKind.runEnd.rawValue)
        #expect(error.message.contains("reason"))
    }

    @Test("an event cut at the end of its batch after good ones: the good ones are read, then the batch is refused")
    func cutEventAtBatchEnd() throws {
        let source = try Self.sends(150).events
        var bytes = Self.trace(source, skipEvery: 0, trailer: false)
        // The batch claims one event more than it holds: the fast run stops at the end, the careful path refuses.
        let records = DamagedCorpusTests.recordOffsets(bytes)
        let batch = try #require(records.last { $0.tag == TraceFormat.Tag.batch.rawValue })
        // Payload: thread 1, base time 0, then the count (two bytes for 151), then the delta bases.
        #expect(bytes[batch.payload + 2] == 0x80 | UInt8(151 & 0x7F) && bytes[batch.payload + 3] == 1)
        bytes[batch.payload + 2] = 0x80 | UInt8(152 & 0x7F)
        let reader = try TraceReader(bytes: bytes)
        var read = 0
        var failure: TraceError?
        do {
            while try reader.next() != nil { read += 1 }
        } catch {
            failure = error
        }
        #expect(read == 151)
        #expect(failure?.kind == .corrupt)
        #expect(failure?.message.contains("events missing") == true)
    }
}
