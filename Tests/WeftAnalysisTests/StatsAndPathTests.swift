import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Stats and critical path")
struct StatsAndPathTests {
    @Test("per-task times, scheduler latency, threads and channels add up on a known trace")
    func stats() throws {
        let stats = RunStats(TimelineBuilderTests.twoTasks().timeline())
        #expect(stats.run.scheduler == "multiplexed" && stats.run.wallTime == 260 && stats.run.tasks == 2)
        let worker = try #require(stats.tasks.first { $0.id == 2 })
        #expect(worker.lifetime == 230 && worker.running == 50 && worker.runnable == 50)
        #expect(worker.blocked == ["receive": 130] && worker.sleeping == 0 && worker.slices == 2)
        let main = try #require(stats.tasks.first { $0.id == 1 })
        #expect(main.sleeping == 100 && main.running == 80)
        #expect(stats.schedulerLatency.count == 4)
        #expect(stats.schedulerLatency.p50 == 10 && stats.schedulerLatency.max == 40)
        #expect(stats.threads.map(\.migrationsIn) == [1, 1]) // t2 moves to T1, t1 to T2
        #expect(stats.threads.map(\.tasksRun) == [2, 2])
        let jobs = try #require(stats.channels.first)
        #expect(jobs.messages == 1 && jobs.receiversBlocked == 130 && jobs.sendersBlocked == 0 && jobs.inFlight.max == 40)
    }

    @Test("mutex stats count acquisitions, contention and hold times")
    func mutexStats() throws {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1); s.create(0, on: 2, 2)
        s.mutex(0, on: 1, 9, name: "m")
        s.begin(0, on: 1, 1); s.begin(0, on: 2, 2)
        s.request(10, on: 1, 9); s.acquire(10, on: 1, 9)
        s.request(20, on: 2, 9); s.wait(20, on: 2, .mutex, 9)
        s.release(50, on: 1, 9); s.unblock(50, on: 1, 2)
        s.finish(60, on: 1)
        s.begin(70, on: 1, 2); s.acquire(70, on: 1, 9); s.release(80, on: 1, 9)
        s.finish(90, on: 1)
        let timeline = s.timeline()
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
    func criticalPath() {
        let timeline = TimelineBuilderTests.twoTasks().timeline()
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
        #expect(DurationFormat.format(999_999) == "1000 µs")
        #expect(DurationFormat.format(2_000_000_000) == "2.00 s")
        #expect(DurationFormat.parse("10ms") == 10_000_000)
        #expect(DurationFormat.parse("1.5s") == 1_500_000_000)
        #expect(DurationFormat.parse("250µs") == 250_000)
        #expect(DurationFormat.parse("800") == 800)
        #expect(DurationFormat.parse("ten") == nil && DurationFormat.parse("5 parsecs") == nil)
        #expect(DurationFormat.percent(1, of: 3) == "33.3%")
    }
}
