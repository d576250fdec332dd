import Testing
@testable import WeftTrace
import WeftTestSupport

@Suite("Binary round-trips")
struct RoundTripTests {
    static let pingPong = """
        0 T1 - metadata key="scheduler" value="multiplexed"
        10 T1 - threadStart tid=100 role=worker index=0
        20 T1 - taskCreate task=t1 parent=- name="main" site="main.swift:1"
        30 T1 - channelMake channel=ch1 capacity=0 name="ping"
        40 T1 - taskCreate task=t2 parent=t1 name="pong" site="main.swift:5"
        50 T1 t1 runBegin task=t1
        60 T1 t1 send channel=ch1 seq=1
        70 T1 t1 block reason=receive object=o1
        80 T1 t1 runEnd task=t1 reason=blocked
        90 T1 t2 runBegin task=t2
        100 T1 t2 receive channel=ch1 seq=1
        110 T1 t2 unblock task=t1
        120 T1 t2 send channel=ch1 seq=2
        130 T1 t2 runEnd task=t2 reason=finished
        135 T1 - taskEnd task=t2 outcome=returned message=""
        140 T1 t1 runBegin task=t1
        150 T1 t1 receive channel=ch1 seq=2
        160 T1 t1 log category="app" message="tab\\there \\"quoted\\" ünï"
        170 T1 t1 runEnd task=t1 reason=finished
        180 T1 - runFinish outcome=completed message=""

        """

    @Test("text -> binary -> events gives the same events and strings")
    func listRoundTrip() throws {
        let original = try list(Self.pingPong)
        let bytes = try TraceFileWriter.encode(original)
        let reader = try TraceReader(bytes: bytes)
        let events = try readAll(reader)
        #expect(events == original.events)
        #expect(reader.warnings.isEmpty)
        #expect(reader.trailer?.events == UInt64(original.events.count))
        #expect(reader.trailer?.count(.send) == 2)
        #expect(reader.version == 1)
        #expect(reader.eventTable == EventSpec.all)
        for e in events where e.kind == .log {
            #expect(reader.string(StringID(e.args.a1)) == "tab\there \"quoted\" ünï")
        }
    }

    @Test("text -> binary -> text is exact")
    func textRoundTrip() throws {
        let bytes = try TraceFileWriter.encode(try list(Self.pingPong))
        // The raw `o1` reads back spelled by its kind, as the channel's own events spell it.
        #expect(try text(try TraceReader(bytes: bytes)) == Self.pingPong.replacingOccurrences(of: "object=o1", with: "object=ch1"))
    }

    @Test("large values and many events split into several batches round-trip")
    func largeValues() throws {
        let l = EventList()
        let name = l.intern("x")
        for i in 0..<20_000 {
            let thread = ThreadID(UInt64(i % 3 + 1))
            l.append(Event(kind: .sample, time: UInt64(i) * 1_000_000_007, thread: thread, args: EventArguments(name.rawValue, TraceFormat.maxUnsigned - UInt64(i))))  // the largest a reader accepts
        }
        let reader = try TraceReader(bytes: try TraceFileWriter.encode(l))
        let events = try readAll(reader)
        #expect(events.count == l.events.count)
        #expect(events == l.events)
    }
}

/// A long list written by `TraceFileWriter` is read with the look-ahead of a recorded trace, not held whole.
@Suite("Written lists are read in rounds")
struct WrittenRoundsTests {
    /// Two threads taking turns, `count` samples in all, in time order (about 9 bytes each).
    static func turns(_ count: Int) -> EventList {
        let l = EventList()
        let name = l.intern("x")
        for i in 0..<count {
            let thread = ThreadID(UInt64(i / 1_000 % 2 + 1))
            l.append(Event(kind: .sample, time: UInt64(i) * 1_000, thread: thread, args: EventArguments(name.rawValue, UInt64(i) * 7_919)))
        }
        return l
    }

    @Test("a list of 9 MiB is read back in order holding a few MiB of batches at most, not the whole list")
    func boundedLookahead() throws {
        let list = Self.turns(1_000_000)
        let bytes = try TraceFileWriter.encode(list)
        #expect(bytes.count > 8 << 20)
        let reader = try TraceReader(bytes: bytes)
        var held = 0
        var index = 0
        var inOrder = true
        while let event = try reader.next() {
            held = max(held, reader.heldBatchBytes)
            if index >= list.events.count || event != list.events[index] { inOrder = false }
            index += 1
        }
        #expect(inOrder)
        #expect(index == list.events.count)
        #expect(held <= 7 << 20, "held \(held) bytes of batches")
    }

    @Test("a list smaller than a round is written without round markers, as before")
    func smallListHasNoRounds() throws {
        let bytes = try TraceFileWriter.encode(Self.turns(10_000))
        let framer = RecordFramer(input: ByteInput(bytes: bytes))
        _ = framer.input.ensure(TraceFormat.preambleSize)
        framer.input.skip(TraceFormat.preambleSize)
        var rounds = 0, batches = 0
        while case .record(let tag, _, _) = framer.next().record {
            if tag == TraceFormat.Tag.round.rawValue { rounds += 1 }
            if tag == TraceFormat.Tag.batch.rawValue { batches += 1 }
        }
        #expect(batches == 10)
        #expect(rounds == 0)
    }
}
