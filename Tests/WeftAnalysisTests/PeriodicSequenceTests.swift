import Testing
@testable import WeftAnalysis

/// `PeriodicSequence` keeps repeats as a pattern and a count, and must read back exactly what was appended.
@Suite("Periodic sequence")
struct PeriodicSequenceTests {
    /// A deterministic mix of repeating stretches (periods 1 to 9) and irregular ones.
    static func mixed(seed: UInt64, length: Int) -> [Int] {
        var state = seed | 1
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        var out: [Int] = []
        while out.count < length {
            if next(3) == 0 {
                for _ in 0..<next(30) { out.append(next(5)) }
            } else {
                let pattern = (0..<(1 + next(9))).map { _ in next(4) }
                for i in 0..<(pattern.count * (1 + next(40)) + next(pattern.count)) { out.append(pattern[i % pattern.count]) }
            }
        }
        return Array(out.prefix(length))
    }

    @Test("reads back every element, in order and by position")
    func readsBack() {
        for seed in 1...40 as ClosedRange<UInt64> {
            let items = Self.mixed(seed: seed, length: 3_000)
            let sequence = PeriodicSequence(items)
            #expect(sequence.count == items.count)
            #expect(Array(sequence) == items, "seed \(seed)")
            #expect(sequence.elements(in: 100..<120) == Array(items[100..<120]))
        }
    }

    @Test("repeats cost a pattern: a million elements of period 3 store 3")
    func compact() {
        var sequence = PeriodicSequence<Int>()
        for i in 0..<1_000_000 { sequence.append(i % 3) }
        #expect(sequence.count == 1_000_000 && sequence.storedCount <= 6)
        #expect(sequence[999_999] == 0 && sequence[500_000] == 500_000 % 3)
    }

    @Test("the first difference is where element-by-element comparison finds it")
    func firstDifference() {
        for seed in 1...60 as ClosedRange<UInt64> {
            let a = Self.mixed(seed: seed, length: 2_000)
            var b = a
            // Change one element, cut the end, or leave it alone.
            switch seed % 3 {
            case 0: b[Int(seed * 31) % b.count] += 1
            case 1: b.removeLast(Int(seed))
            default: break
            }
            let naive = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? (a.count == b.count ? nil : min(a.count, b.count))
            let found = PeriodicSequence(a).firstDifference(PeriodicSequence(b)) { _, x, y in x == y }
            #expect(found == naive, "seed \(seed)")
        }
    }
}
