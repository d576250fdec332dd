import Testing
import WeftTrace
@testable import WeftAnalysis

/// The builder's record of a task while it reads: a million-task trace holds one per task until the end, so its size
/// is the builder's memory per task; its rarely used parts live apart and must still behave as values.
@Suite("The builder's task record")
struct TaskBuildTests {
    @Test("the record stays small: rarely used parts apart, one-byte fields in the optionals' spare bytes")
    func recordIsSmall() {
        #expect(MemoryLayout<TaskBuild>.stride <= 280, "TaskBuild is \(MemoryLayout<TaskBuild>.stride) bytes")
    }

    @Test("a record that never used the rare parts reads their defaults and holds none")
    func defaultsWithoutExtras() {
        let task = TaskBuild(id: TaskID(3), created: 0)
        #expect(task.openWait == nil && task.lockRequest == nil)
        #expect(task.openRegions.isEmpty && task.regions.isEmpty && task.selectWaits.isEmpty)
        #expect(task.cellGroup == CellGroup())
    }

    @Test("a copied record's rare parts change on their own: copied on change, never shared")
    func extrasAreValues() {
        var a = TaskBuild(id: TaskID(1), created: 0)
        a.openRegions.append((name: "r", start: 5))
        a.lockRequest = (MutexID(2), 7, false)
        var b = a
        b.openRegions.append((name: "s", start: 6))
        b.lockRequest?.contended = true
        b.selectWaits.append(SelectWaitBuild(blocked: 9, channels: [(channel: 4, send: true)]))
        #expect(a.openRegions.map(\.name) == ["r"] && b.openRegions.map(\.name) == ["r", "s"])
        #expect(a.lockRequest?.contended == false && b.lockRequest?.contended == true)
        #expect(a.selectWaits.isEmpty && b.selectWaits.count == 1)
        a.lockRequest = nil
        #expect(a.lockRequest == nil && b.lockRequest?.time == 7)
    }
}
