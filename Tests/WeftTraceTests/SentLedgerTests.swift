import Testing
import WeftTestSupport
@testable import WeftTrace

/// The reader's record of messages sent per channel (`SentLedger`) and the in-place update of its id tables
/// (`DenseTable.update`): the same answers as a plain set of (channel, message) pairs, in any order of sends.
@Suite("Messages sent, per channel")
struct SentLedgerTests {
    @Test("messages sent in order are contained, later ones are not")
    func inOrder() {
        var ledger = SentLedger()
        var fresh = false  // what an insert returned (outside `#expect`, whose closure cannot mutate)
        #expect(!ledger.contains(channel: 1, message: 1))
        fresh = ledger.insert(channel: 1, message: 1)
        #expect(fresh)
        fresh = ledger.insert(channel: 1, message: 2)
        #expect(fresh)
        #expect(ledger.contains(channel: 1, message: 1))
        #expect(ledger.contains(channel: 1, message: 2))
        #expect(!ledger.contains(channel: 1, message: 3))
        #expect(!ledger.contains(channel: 2, message: 1))
    }

    @Test("a message sent twice is refused, message 0 counts as sent")
    func duplicates() {
        var ledger = SentLedger()
        var fresh = false  // what an insert returned (outside `#expect`, whose closure cannot mutate)
        fresh = ledger.insert(channel: 3, message: 1)
        #expect(fresh)
        fresh = ledger.insert(channel: 3, message: 1)
        #expect(!fresh)
        fresh = ledger.insert(channel: 3, message: 5)
        #expect(fresh)
        fresh = ledger.insert(channel: 3, message: 5)
        #expect(!fresh)
        fresh = ledger.insert(channel: 3, message: 0)
        #expect(!fresh)
        #expect(ledger.contains(channel: 3, message: 0))
        #expect(ledger.contains(channel: 9, message: 0))
    }

    @Test("sends out of order fill the gap, and the mark moves past every message sent ahead")
    func outOfOrder() {
        var ledger = SentLedger()
        var fresh = false  // what an insert returned (outside `#expect`, whose closure cannot mutate)
        fresh = ledger.insert(channel: 1, message: 3)
        #expect(fresh)
        fresh = ledger.insert(channel: 1, message: 4)
        #expect(fresh)
        fresh = ledger.insert(channel: 1, message: 6)
        #expect(fresh)
        #expect(ledger.contains(channel: 1, message: 3))
        #expect(!ledger.contains(channel: 1, message: 1))
        #expect(!ledger.contains(channel: 1, message: 5))
        fresh = ledger.insert(channel: 1, message: 2)
        #expect(fresh)
        fresh = ledger.insert(channel: 1, message: 1)
        #expect(fresh)
        for seq: UInt64 in 1...4 { #expect(ledger.contains(channel: 1, message: seq)) }
        #expect(!ledger.contains(channel: 1, message: 5))
        #expect(ledger.contains(channel: 1, message: 6))
        fresh = ledger.insert(channel: 1, message: 3)
        #expect(!fresh)
        fresh = ledger.insert(channel: 1, message: 5)
        #expect(fresh)
        fresh = ledger.insert(channel: 1, message: 6)
        #expect(!fresh)
        fresh = ledger.insert(channel: 1, message: 7)
        #expect(fresh)
    }

    @Test("random sends on a few channels: the same answers as a set of pairs")
    func matchesASet() {
        var generator = SplitMix(seed: 7)
        var ledger = SentLedger()
        var truth = Set<[UInt64]>()
        for _ in 0..<5_000 {
            let channel = generator.next() % 4 + 1
            let seq = generator.next() % 40
            let fresh = seq != 0 && !truth.contains([channel, seq])
            let inserted = ledger.insert(channel: channel, message: seq)
            #expect(inserted == fresh)
            if seq != 0 { truth.insert([channel, seq]) }
            let probe = generator.next() % 40 + 1
            #expect(ledger.contains(channel: channel, message: probe) == truth.contains([channel, probe]))
        }
    }

    @Test("channels past the dense ids are kept apart from the dense ones")
    func sparseChannels() {
        var ledger = SentLedger()
        var fresh = false  // what an insert returned (outside `#expect`, whose closure cannot mutate)
        let far = DenseTable<UInt64>.denseLimit + 5
        fresh = ledger.insert(channel: far, message: 1)
        #expect(fresh)
        #expect(ledger.contains(channel: far, message: 1))
        #expect(!ledger.contains(channel: 5, message: 1))
    }

    @Test("DenseTable.update changes a known value in place and starts an unknown one from its default")
    func denseUpdate() {
        var table = DenseTable<[Int]>()
        table.update(3, default: [1]) { $0.append(2) }
        #expect(table[3] == [1, 2])
        table.update(3, default: [9]) { $0.append(3) }
        #expect(table[3] == [1, 2, 3])
        #expect(table[2] == nil)
        let far = DenseTable<[Int]>.denseLimit + 1
        table.update(far, default: []) { $0.append(7) }
        table.update(far, default: []) { $0.append(8) }
        #expect(table[far] == [7, 8])
    }
}
