import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// The counting structures `weft stats` uses instead of sets and full sorts agree with the set and the sort.
@Suite("Stats counted without sets or full sorts")
struct StatsCountingTests {
    @Test("DistinctThreads says a position is new exactly when a set would, and counts what the set holds",
          arguments: [UInt64(1), 2, 3])
    func distinctThreadsAgreeWithASet(seed: UInt64) {
        var random = SplitMix(seed: seed)
        for _ in 0..<200 {
            var distinct = DistinctThreads()
            var set: Set<Int> = []
            // Positions both below and past the 64 kept as bits, some repeated many times.
            let range = [8, 70, 300][Int(random.next() % 3)]
            for _ in 0..<Int(random.next() % 100) {
                let position = Int(random.next() % UInt64(range))
                #expect(distinct.insert(position) == set.insert(position).inserted)
            }
            #expect(distinct.count == set.count)
            #expect(Set(distinct.positions) == set && distinct.positions.count == set.count)
        }
    }

    @Test("a thread's tasks run count each task once, however its slices move between threads, and only the model's tasks")
    func tasksRunPerThread() {
        var accumulator = RunStatsAccumulator()
        var random = SplitMix(seed: 11)
        var perThread: [UInt64: Set<UInt64>] = [:]
        for i in 0..<5_000 {
            let task = 1 + random.next() % 300
            let thread = 1 + random.next() % 90
            let start = UInt64(i) * 10
            accumulator.add(RunSlice(start: start, end: start + 5, task: TaskID(task), endReason: .yielded), on: ThreadID(thread))
            perThread[thread, default: []].insert(task)
        }
        // Tasks 1 ... 150 are the model's; the others are not counted.
        let counts = accumulator.tasksRun { $0.rawValue <= 150 }
        for (thread, tasks) in perThread {
            guard let position = accumulator.threadPosition(ThreadID(thread)) else {
                Issue.record("thread \(thread) has no tally")
                continue
            }
            #expect(accumulator.threads[position].tasks == tasks.count)
            #expect(counts[position] == tasks.filter { $0 <= 150 }.count, "thread \(thread)")
        }
    }

    @Test("the top rows picked without a full sort are the first rows of the sorted table, ties and all",
          arguments: [1, 3, 10, 250])
    func topRowsAgreeWithASort(top: Int) {
        var random = SplitMix(seed: UInt64(top))
        let rows = (0..<2_000).map { i in (running: random.next() % 50, id: UInt64(i), order: i) }
        // Only `running` decides: equal rows keep the order they came in, as a stable sort keeps them.
        let precedes: @Sendable ((running: UInt64, id: UInt64, order: Int), (running: UInt64, id: UInt64, order: Int)) -> Bool = {
            $0.running > $1.running
        }
        var picked = EarliestFindings(limit: top, by: precedes)
        for row in rows { picked.add(row) }
        let sorted = rows.enumerated().sorted { precedes($0.element, $1.element) || (!precedes($1.element, $0.element) && $0.offset < $1.offset) }
        #expect(picked.first.map(\.order) == sorted.prefix(top).map(\.element.order))
        #expect(picked.count == rows.count)
    }

    @Test("the task table lists the busiest tasks, as sorting every task would")
    func taskTableTopRows() {
        var random = SplitMix(seed: 5)
        let tasks = (1...3_000).map { i in
            TaskStats(id: UInt64(i), name: "w\(i)", lifetime: 1_000, running: random.next() % 40, runnable: 0, blocked: [:],
                      sleeping: 0, slices: 1, finished: true)
        }
        let table = StatsReport(top: 7).taskTable(tasks)
        let expected = tasks.sorted { $0.running != $1.running ? $0.running > $1.running : $0.id < $1.id }.prefix(7)
        #expect(table.rows.map { $0[0] } == expected.map { "t\($0.id) w\($0.id)" })
        #expect(table.footer == "… 2993 more; use --top 3000 to see all")
    }
}
