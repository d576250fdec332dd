import Testing
import WeftTrace
import WeftAnalysis

@Suite("Timeline lookups")
struct TimelineIndexTests {
    static func task(_ id: UInt64) -> TaskTimeline {
        TaskTimeline(id: TaskID(id), name: "t\(id)", created: id, intervals: IntervalList(sorted: []))
    }
    static func thread(_ id: UInt64) -> ThreadTimeline { ThreadTimeline(id: ThreadID(id), started: 0, slices: IntervalList(sorted: [])) }

    @Test("tasks and threads are found by id whether ids are dense, sparse, or handed over out of order")
    func lookups() {
        let dense = Timeline(run: RunInfo(), tasks: (1...5).map(Self.task), threads: (1...3).map(Self.thread))
        for id in 1...5 { #expect(dense.index(of: TaskID(UInt64(id))) == id - 1) }
        #expect(dense.index(of: TaskID(6)) == nil && dense.index(of: TaskID(0)) == nil)

        let ids: [UInt64] = [9, 2, 40, 1, 7]
        let sparse = Timeline(run: RunInfo(), tasks: ids.map(Self.task), threads: [5, 1, 3].map(Self.thread))
        #expect(sparse.tasks.map(\.id.rawValue) == ids.sorted())
        #expect(sparse.threads.map(\.id.rawValue) == [1, 3, 5])
        for id in ids { #expect(sparse.task(TaskID(id))?.name == "t\(id)") }
        for id in [UInt64(1), 3, 5] { #expect(sparse.thread(ThreadID(id))?.id == ThreadID(id)) }
        #expect(sparse.index(of: TaskID(3)) == nil && sparse.index(of: ThreadID(2)) == nil)
        #expect(sparse.name(of: TaskID(40)) == "t40" && sparse.name(of: TaskID(41)) == "")
        #expect(sparse.label(of: TaskID(41)) == TaskID(41).description)
    }
}
