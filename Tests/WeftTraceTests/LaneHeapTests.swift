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

    @Test("replacing the top with an entry that does not come before it gives what a push then a pop gives")
    func replaceTopIsPushThenPop() {
        var seed: UInt64 = 5
        func random(_ n: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % n
        }
        var replaced = LaneHeap()
        var pushedAndPopped = LaneHeap()
        var nextOffset = 0
        var mismatches = 0
        var replacements = 0
        for _ in 0..<20_000 {
            nextOffset += 1
            let time = random(16), offset = (nextOffset * 7919) % 100_003
            let comesAfterTop = time != replaced.topTime ? time > replaced.topTime : offset > replaced.topOffset
            if !replaced.isEmpty && comesAfterTop && random(2) == 0 {
                let a = replaced.replaceTop(time: time, offset: offset, lane: nextOffset)
                pushedAndPopped.push(time: time, offset: offset, lane: nextOffset)
                if a != pushedAndPopped.pop() { mismatches += 1 }
                replacements += 1
            } else if replaced.isEmpty || random(3) != 0 {
                replaced.push(time: time, offset: offset, lane: nextOffset)
                pushedAndPopped.push(time: time, offset: offset, lane: nextOffset)
            } else if replaced.pop() != pushedAndPopped.pop() {
                mismatches += 1
            }
            if replaced.topTime != pushedAndPopped.topTime || replaced.topOffset != pushedAndPopped.topOffset
                || replaced.count != pushedAndPopped.count {
                mismatches += 1
            }
        }
        while let lane = replaced.pop() {
            if lane != pushedAndPopped.pop() { mismatches += 1 }
        }
        #expect(replacements > 1000)
        #expect(mismatches == 0 && pushedAndPopped.isEmpty)
    }
}
