import Testing
@testable import WeftAnalysis
@testable import WeftRender

/// The diff picture's task rows stand for the distribution of the changes, not for its largest few.
@Suite struct DiffRowChoiceTests {
    /// A matched task whose lifetime went from 100 µs by `change` ns.
    static func task(_ name: String, change: Int64) -> TaskDelta {
        let a: UInt64 = 100_000
        let b = UInt64(Int64(a) + change)
        return TaskDelta(identity: name, idA: 1, idB: 1,
                         metrics: [MetricDelta(key: "lifetime", name: "lifetime", unit: .nanoseconds, a: a, b: b)],
                         blockedByReason: [])
    }

    @Test("when the rows hold every task, all are drawn, largest increase first, without rank labels")
    func allFit() {
        let tasks = [Self.task("x", change: -5_000), Self.task("y", change: 9_000), Self.task("z", change: 1_000)]
        let choice = DiffRowChoice(tasks: tasks, top: 10)
        #expect(choice.rows.map(\.task.identity) == ["y", "z", "x"])
        #expect(choice.rows.allSatisfy { $0.rank == nil })
        #expect(choice.hiddenLine == nil)
        #expect(choice.heading == "Rows: the whole run, then all 3 matched tasks, from the largest increase in lifetime "
            + "(B − A) to the largest decrease.")
    }

    @Test("many tasks: the five-number summary of the changes, labelled, and the rest summed up in one line")
    func fiveNumbers() {
        // 101 tasks: one much slower ("main"), the others 0 to -99 µs.
        let tasks = [Self.task("main", change: 30_000)] + (0..<100).map { Self.task("t\($0)", change: -Int64($0) * 1_000) }
        let choice = DiffRowChoice(tasks: tasks.shuffled(), top: 10)
        #expect(choice.rows.map(\.rank) == ["largest increase", "upper quartile", "median", "lower quartile",
                                            "largest decrease"])
        #expect(choice.rows.map(\.task.identity) == ["main", "t24", "t49", "t74", "t99"])
        #expect(choice.hidden.count == 96)
        #expect(choice.heading == "Rows: the whole run, then 5 of the 101 matched tasks, chosen by their change in "
            + "lifetime (B − A): the largest increase, the upper quartile, the median, the lower quartile and the "
            + "largest decrease.")
        #expect(choice.hiddenLine == "96 more matched tasks: changes in lifetime from -98.0 µs to 0 ns, median -48.0 µs "
            + "(--top 101 draws every task)")
    }

    @Test("fewer rows allowed: the largest increase, the median and the largest decrease; or the median alone")
    func smallTop() {
        let tasks = (0..<9).map { Self.task("t\($0)", change: Int64($0) * 1_000) }
        #expect(DiffRowChoice(tasks: tasks, top: 3).rows.map(\.task.identity) == ["t8", "t4", "t0"])
        #expect(DiffRowChoice(tasks: tasks, top: 1).rows.map(\.rank) == ["median"])
        #expect(DiffRowChoice(tasks: tasks, top: 1).rows.map(\.task.identity) == ["t4"])
    }
}
