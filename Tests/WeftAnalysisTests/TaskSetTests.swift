import Testing
import WeftTrace
@testable import WeftAnalysis

/// The wait-for graph's sets of tasks: hashed while small, bits once dense, always the same members as a `Set`.
@Suite("Task sets")
struct TaskSetTests {
    @Test("dense ids, many and repeated: the same members and count as a Set, each added once")
    func denseIds() {
        var set = TaskSet()
        var reference = Set<TaskID>()
        for raw in (1 ... 5_000).reversed() + Array(1 ... 100) {
            #expect(set.insert(TaskID(UInt64(raw))) == reference.insert(TaskID(UInt64(raw))).inserted)
        }
        #expect(set.count == 5_000 && Set(set) == reference)
        #expect(set.contains(TaskID(4_999)) && !set.contains(TaskID(5_001)) && !set.contains(TaskID(0)))
    }

    @Test("far-out ids beside dense ones stay hashed and are still members")
    func sparseIds() {
        var set = TaskSet()
        var reference = Set<TaskID>()
        var random = SystemRandomNumberGenerator()
        for i in 0 ..< 3_000 {
            // Mostly dense, now and then far out (too far for the bits).
            let raw: UInt64 = i % 50 == 0 ? UInt64.random(in: 1 << 40 ... 1 << 50, using: &random) : UInt64(i % 1_700 + 1)
            #expect(set.insert(TaskID(raw)) == reference.insert(TaskID(raw)).inserted)
        }
        #expect(set.count == reference.count && Set(set) == reference)
        for task in reference { #expect(set.contains(task)) }
        #expect(!set.contains(TaskID(1_701)))
    }

    @Test("a few ids, or ids spread thin: kept hashed; literal and sequence forms agree")
    func smallSets() {
        let set: TaskSet = [TaskID(9), TaskID(1 << 30), TaskID(9)]
        #expect(set.count == 2 && Set(set) == [TaskID(9), TaskID(1 << 30)])
        let spread = TaskSet((1 ... 100).map { TaskID(UInt64($0) << 20) })
        #expect(spread.count == 100 && Set(spread) == Set((1 ... 100).map { TaskID(UInt64($0) << 20) }))
        #expect(Array(TaskSet()).isEmpty)
    }
}
