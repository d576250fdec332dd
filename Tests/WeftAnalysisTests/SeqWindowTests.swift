import Testing
@testable import WeftAnalysis

@Suite("Message pairing window")
struct SeqWindowTests {
    @Test("pairs like a dictionary whatever the order sends and receives arrive in")
    func matchesDictionary() {
        var seed: UInt64 = 7
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for round in 0..<200 {
            // Each seq appears twice (send and receive), shuffled within a small distance; some never pair.
            let count = 1 + random(60)
            var arrivals: [UInt64] = []
            for seq in 1...UInt64(count) {
                arrivals.append(seq)
                if random(10) != 0 { arrivals.append(seq) }
            }
            for i in arrivals.indices {
                let j = min(arrivals.count - 1, i + random(round % 7 + 1))
                arrivals.swapAt(i, j)
            }
            var window = SeqWindow()
            var reference: [UInt64: Int] = [:]
            for (position, seq) in arrivals.enumerated() {
                let expected = reference.removeValue(forKey: seq)
                let got = window.take(seq)
                #expect(got == expected, "round \(round), seq \(seq)")
                if expected == nil {
                    reference[seq] = position
                    window.put(seq, position)
                }
            }
            for (seq, position) in reference { #expect(window.take(seq) == position, "round \(round), leftover \(seq)") }
        }
    }
}
