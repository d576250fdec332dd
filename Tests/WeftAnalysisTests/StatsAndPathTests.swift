import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Stats and critical path")
struct StatsAndPathTests {
    @Test("per-task times, scheduler latency, threads and channels add up on a known trace")
    func stats() throws {
        let stats = RunStats(try TimelineBuilderTests.twoTasks())
        #expect(stats.run.scheduler == "multiplexed" && stats.run.wallTime == 260 && stats.run.tasks == 2)
        let worker = try #require(stats.tasks.first { $0.id == 2 })
        #expect(worker.lifetime == 230 && worker.running == 50 && worker.runnable == 50)
        #expect(worker.blocked == ["receive": 130] && worker.sleeping == 0 && worker.slices == 2)
        let main = try #require(stats.tasks.first { $0.id == 1 })
        #expect(main.sleeping == 100 && main.running == 80)
        #expect(stats.schedulerLatency.count == 4)
        #expect(stats.schedulerLatency.p50 == 10 && stats.schedulerLatency.max == 40)
        #expect(stats.threads.map(\.migrationsIn) == [1, 1, 0]) // t2 moves to T1, t1 to T2; T3 is the timer
        #expect(stats.threads.map(\.tasksRun) == [2, 2, 0])
        let jobs = try #require(stats.channels.first)
        #expect(jobs.messages == 1 && jobs.receiversBlocked == 130 && jobs.sendersBlocked == 0 && jobs.inFlight.max == 40)
    }

    @Test("mutex stats count acquisitions, contention and hold times")
    func mutexStats() throws {
        let timeline = try traceFile("mutex-contention")
        let m = try #require(timeline.mutex(MutexID(9)))
        #expect(m.holds.map(\.task) == [TaskID(1), TaskID(2)])
        #expect(m.holds.map(\.contended) == [false, true])
        #expect(m.holds.map(\.wait) == [0, 50])
        #expect(m.holder(at: 30) == TaskID(1) && m.holder(at: 75) == TaskID(2) && m.holder(at: 60) == nil)
        let stats = try #require(RunStats(timeline).mutexes.first)
        #expect(stats.acquisitions == 2 && stats.contended == 1)
        #expect(stats.wait.max == 50 && stats.hold.p50 == 10 && stats.hold.max == 40)
    }

    @Test("the critical path follows the wake edge from the last task back to the start")
    func criticalPath() throws {
        let timeline = try TimelineBuilderTests.twoTasks()
        let path = CriticalPath(timeline)
        #expect(path.segments.map(\.task) == [1, 1, 1, 1, 1, 2, 2].map { TaskID($0) })
        #expect(path.segments.map(\.start) == [0, 10, 50, 150, 160, 170, 210])
        #expect(path.segments.map(\.end) == [10, 50, 150, 160, 170, 210, 250])
        #expect(path.segments[2].state == .sleeping(duration: 100))
        #expect(path.segments[5].state == .runnable(.woken(by: TaskID(1))))
        #expect(path.length == 250)
        let text = CriticalPathReport.render(path, timeline)
        #expect(text.contains("runnable (woken by t1 main)"))
    }

    @Test("durations read well and parse back")
    func durations() {
        #expect(DurationFormat.format(0) == "0 ns")
        #expect(DurationFormat.format(999) == "999 ns")
        #expect(DurationFormat.format(1_500) == "1.50 µs")
        #expect(DurationFormat.format(12_345_678) == "12.3 ms")
        #expect(DurationFormat.format(999_999) == "1.00 ms")
        #expect(DurationFormat.format(2_000_000_000) == "2.00 s")
        #expect(DurationFormat.parse("10ms") == 10_000_000)
        #expect(DurationFormat.parse("1.5s") == 1_500_000_000)
        #expect(DurationFormat.parse("250µs") == 250_000)
        #expect(DurationFormat.parse("800") == 800)
        #expect(DurationFormat.parse("ten") == nil && DurationFormat.parse("5 parsecs") == nil)
        #expect(DurationFormat.percent(1, of: 3) == "33.3%")
    }
}

@Suite("Percentiles")
struct PercentileTests {
    /// Nearest rank on a sorted copy: the definition the histogram approximates.
    static func byRank(_ values: [UInt64], _ p: Double) -> UInt64 {
        let sorted = values.sorted()
        return sorted[min(max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)]
    }

    /// Whether `got` is at most 1/128 below `exact`, and not above it.
    static func close(_ got: UInt64, _ exact: UInt64) -> Bool {
        got <= exact && Double(exact - got) <= Double(exact) * Percentiles.relativeError
    }

    @Test("the histogram's percentiles are within 1/128 below nearest rank, exact below 128 ns, for many sizes and shapes")
    func matchesSorting() {
        var seed: UInt64 = 42
        func random(_ n: UInt64) -> UInt64 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return (seed >> 33) % n
        }
        for size in [1, 2, 3, 9, 10, 11, 99, 100, 101, 1000, 4321] {
            for spread: UInt64 in [1, 5, 100, 1_000_000, 1 << 40] {
                let values = (0..<size).map { _ in random(spread) }
                let p = Percentiles(values)
                #expect(p.count == size && p.max == values.max() && p.total == values.reduce(0, +))
                for (got, rank) in [(p.p50, 0.5), (p.p90, 0.9), (p.p99, 0.99)] {
                    let exact = Self.byRank(values, rank)
                    #expect(Self.close(got, exact), "size \(size) spread \(spread) p\(rank): \(got) for \(exact)")
                    if spread <= 128 { #expect(got == exact) }
                }
            }
        }
        // A value read back is its bucket's lowest: never above, and the bound is reached at most.
        #expect(Percentiles([1000]).p50 == 1000 && Percentiles([1001]).p50 == 1000 && Percentiles([1003]).p50 == 1000 && Percentiles([1004]).p50 == 1004)
        #expect(Percentiles([UInt64.max]).p99 > UInt64.max - UInt64.max / 128 && Percentiles([UInt64.max, 1]).total == .max)
        #expect(Percentiles([]) == Percentiles([]))
        #expect(Percentiles([]).p99 == 0 && Percentiles([]).count == 0)
        #expect(Percentiles([5, 1, 9]).p50 == 5)
    }
}
