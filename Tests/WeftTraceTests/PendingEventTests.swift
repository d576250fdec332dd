import Testing
@testable import WeftTrace

/// The reader's packed form of a decoded event (`PendingEvent`): kind and file offset share one word.
@Suite("Pending events")
struct PendingEventTests {
    @Test("every kind and offsets up to 2^56 - 1 come back as they went in, with the time and arguments")
    func packing() {
        var generator = SystemRandomNumberGenerator()
        for kind in EventKind.allCases {
            for offset in [0, 1, 255, 256, 1 << 40, (1 << 56) - 1, Int.random(in: 0..<(1 << 56), using: &generator)] {
                let args = EventArguments(.random(in: 0...UInt64.max), 2, .max, 4)
                let p = PendingEvent(kind: kind, time: 77, args: args, offset: offset)
                #expect(p.kind == kind)
                #expect(p.offset == offset)
                #expect(p.time == 77 && p.args == args)
                #expect(p.event(thread: ThreadID(3), task: TaskID(9)) == Event(kind: kind, time: 77, thread: ThreadID(3), task: TaskID(9), args: args))
            }
        }
        #expect(MemoryLayout<PendingEvent>.stride == 48)
    }

    @Test("precedes orders as (time, offset) tuples do, on random input with many ties in time")
    func ordering() {
        var generator = SystemRandomNumberGenerator()
        let kinds = EventKind.allCases
        for _ in 0..<20_000 {
            let t1 = UInt64.random(in: 0...3, using: &generator), t2 = UInt64.random(in: 0...3, using: &generator)
            let o1 = Int.random(in: 0...5, using: &generator), o2 = Int.random(in: 0...5, using: &generator)
            let p = PendingEvent(kind: kinds.randomElement(using: &generator)!, time: t1, args: EventArguments(), offset: o1)
            #expect(p.precedes(time: t2, offset: o2) == ((t1, o1) < (t2, o2)))
        }
    }
}
