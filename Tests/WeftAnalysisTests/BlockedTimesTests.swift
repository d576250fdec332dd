import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis

/// A task's blocked time by wait kind: a fixed array indexed by kind, read and encoded as the dictionary from kind
/// name to time that `weft stats` has always printed.
@Suite("Blocked time by kind")
struct BlockedTimesTests {
    @Test("adding by reason reads back by name, in kind order, unknown first; a task that never blocked holds none")
    func addAndRead() {
        var times = BlockedTimes()
        #expect(times.isEmpty && times.keys.isEmpty && times["send"] == nil)
        times.add(5, for: .mutex)
        times.add(7, for: nil)
        times.add(3, for: .mutex)
        times.add(0, for: .select)
        #expect(times["mutex"] == 8 && times["unknown"] == 7 && times["select"] == 0 && times["send"] == nil)
        #expect(times.keys == ["unknown", "select", "mutex"] && times.values == [7, 0, 8] && times.count == 3)
        #expect(times == ["mutex": 8, "unknown": 7, "select": 0])
        #expect(times.total == 15 && BlockedTimes().total == 0)
        times.add(.max, for: .join)
        #expect(times.total == .max)
    }

    @Test("every reason's name and unknown has its own slot")
    func everyKind() {
        var names = BlockReason.allCases.map(\.description)
        names.append("unknown")
        #expect(Set(names).count == BlockedTimes.slots)
        for name in names { #expect(BlockedTimes.slot(named: name).map(BlockedTimes.name(ofSlot:)) == name) }
        #expect(BlockedTimes.slot(named: "nothing") == nil)
    }

    @Test("encodes as the dictionary of name to time, and decodes back")
    func json() throws {
        var times = BlockedTimes()
        times.add(42, for: .waitGroup)
        times.add(1, for: .channelSend)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let dictionary: [String: UInt64] = ["waitgroup": 42, "send": 1]
        #expect(try encoder.encode(times) == encoder.encode(dictionary))
        #expect(try encoder.encode(BlockedTimes()) == encoder.encode([String: UInt64]()))
        #expect(try JSONDecoder().decode(BlockedTimes.self, from: encoder.encode(times)) == times)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BlockedTimes.self, from: Data(#"{"nap":1}"#.utf8)) }
    }
}
