import Testing
@testable import WeftTrace

/// The reader's heap of lanes: pops in (time, offset) order, and its top's key kept beside the items agrees with the
/// top after every change, ties of time included.
@Suite("Lane heap")
struct LaneHeapTests {
    @Test("random pushes and pops: pops come in (time, offset) order and the kept top key is always the top's")
    func agreesWithSortedList() {
        var seed: UInt64 = 11
        func random(_ n: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % n
        }
        var heap = LaneHeap()
        var reference: [(time: UInt64, offset: Int, lane: Int)] = []
        var nextOffset = 0
        var mismatches = 0
        for _ in 0..<20_000 {
            if reference.isEmpty || random(3) != 0 {
                // Few distinct times: many ties, broken by the offset (distinct, in no particular order).
                nextOffset += 1
                let item = (time: random(8), offset: (nextOffset * 7919) % 100_003, lane: nextOffset)
                heap.push(time: item.time, offset: item.offset, lane: item.lane)
                reference.append(item)
            } else {
                reference.sort { $0.time != $1.time ? $0.time < $1.time : $0.offset < $1.offset }
                let expected = reference.removeFirst()
                if heap.pop() != expected.lane { mismatches += 1 }
            }
            let first = reference.min { $0.time != $1.time ? $0.time < $1.time : $0.offset < $1.offset }
            if heap.topTime != (first?.time ?? .max) || heap.topOffset != (first?.offset ?? .max) || heap.top?.lane != first?.lane {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        while !reference.isEmpty {
            reference.removeFirst()
            _ = heap.pop()
        }
        #expect(heap.isEmpty && heap.topTime == .max && heap.topOffset == .max)
    }
}
