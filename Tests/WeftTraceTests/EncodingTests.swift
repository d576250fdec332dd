import Testing
@testable import WeftTrace

@Suite("Varints and event encoding")
struct EncodingTests {
    @Test("varints round-trip at every size boundary and reject overlong input")
    func varints() {
        let values: [UInt64] = [0, 1, 127, 128, 16383, 16384, 1 << 35, .max - 1, .max]
        for v in values {
            var bytes: [UInt8] = []
            Varint.append(v, to: &bytes)
            #expect(bytes.count == Varint.size(v))
            var o = 0
            let back = bytes.withUnsafeBytes { Varint.read($0, &o, end: bytes.count) }
            #expect(back == v)
            #expect(o == bytes.count)
            if bytes.count > 1 {
                var cut = 0
                #expect(bytes.withUnsafeBytes { Varint.read($0, &cut, end: bytes.count - 1) } == nil)
            }
        }
        let overlong = [UInt8](repeating: 0xFF, count: 11)
        var o = 0
        #expect(overlong.withUnsafeBytes { Varint.read($0, &o, end: overlong.count) } == nil)
        let tooBig: [UInt8] = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02]
        o = 0
        #expect(tooBig.withUnsafeBytes { Varint.read($0, &o, end: tooBig.count) } == nil)
    }

    @Test("the coding switches agree with the event table")
    func codingMatchesTable() {
        for spec in EventSpec.all {
            #expect(EventCoding.argumentCount(spec.kind) == spec.arguments.count, "\(spec.name)")
            let slot = EventCoding.deltaSlot(spec.kind)
            if slot >= 0 {
                #expect(spec.arguments[EventCoding.deltaArgument].name == "seq", "\(spec.name)")
            }
        }
    }

    @Test("a send encodes its sequence number as a one-byte delta")
    func seqDelta() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 8)
        defer { memory.deallocate() }
        var state = EventCoding.State()
        var end = EventCoding.encode(.send, time: 10, 1, 100_000, 0, 0, state: &state, into: memory, at: 0)
        let first = end
        end = EventCoding.encode(.send, time: 20, 1, 100_001, 0, 0, state: &state, into: memory, at: end)
        #expect(end - first == 4)  // code, dt, channel, delta
        var walked = EventCoding.State()
        var counts = [UInt64](repeating: 0, count: 256)
        let n = EventWalker.walk(UnsafeRawBufferPointer(start: memory, count: end), state: &walked, counts: &counts)
        #expect(n == 2)
        #expect(counts[Int(EventKind.send.rawValue)] == 2 && counts.reduce(0, +) == 2)
        #expect(walked == state)
    }
}
