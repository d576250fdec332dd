import Testing
import WeftAnalysis
import Foundation
import WeftTestSupport
import WeftTrace

/// Under thread-per-task, a woken task's wait while a core was free is wake-up latency; with every core busy it is not.
struct WokenThreadLatencyTests {
    static let ms: UInt64 = 1_000_000

    /// Task 1 is woken at 2 ms and runs at 5 ms on thread 1; task 2 runs on thread 2 over `busy`; 2 cores, or `cores`.
    static func run(cores: Int, scheduler: String = "thread-per-task", busy: Range<UInt64>) -> Timeline {
        let ms = Self.ms
        let woken = TaskTimeline(id: TaskID(1), name: "woken", created: 0, ended: 6 * ms, intervals: IntervalList(sorted: [
            StateInterval(start: 0, end: 1 * ms, state: .running(ThreadID(1))),
            StateInterval(start: 1 * ms, end: 2 * ms, state: .sleeping(duration: ms)),
            StateInterval(start: 2 * ms, end: 5 * ms, state: .runnable(.woken(by: .none))),
            StateInterval(start: 5 * ms, end: 6 * ms, state: .running(ThreadID(1))),
        ]))
        let other = TaskTimeline(id: TaskID(2), name: "other", created: 0, ended: busy.upperBound, intervals: IntervalList(sorted: [
            StateInterval(start: 0, end: busy.lowerBound, state: .sleeping(duration: busy.lowerBound)),
            StateInterval(start: busy.lowerBound, end: busy.upperBound, state: .running(ThreadID(2))),
        ]))
        let threads = [
            ThreadTimeline(id: ThreadID(1), started: 0, slices: IntervalList(sorted: [
                RunSlice(start: 0, end: 1 * ms, task: TaskID(1), endReason: .blocked),
                RunSlice(start: 5 * ms, end: 6 * ms, task: TaskID(1), endReason: nil),
            ])),
            ThreadTimeline(id: ThreadID(2), started: 0, slices: IntervalList(sorted: [
                RunSlice(start: busy.lowerBound, end: busy.upperBound, task: TaskID(2), endReason: nil),
            ])),
        ]
        let info = RunInfo(metadata: [MetadataEntry(key: "scheduler", value: scheduler),
                                      MetadataEntry(key: "cores", value: "\(cores)")], start: 0, end: 6 * ms)
        return Timeline(run: info, tasks: [woken, other], threads: threads)
    }

    @Test("a woken task ready while a core is free waits for the OS to run its thread: wake-up latency")
    func idleCoresAreLatency() {
        // Thread 2 runs from 3 to 4 ms: on 2 cores, one stays free all along.
        let spans = WokenThreadLatency.spans(in: Self.run(cores: 2, busy: 3 * Self.ms ..< 4 * Self.ms))
        #expect(spans[TaskID(1)] == [2 * Self.ms ..< 5 * Self.ms])
        #expect(spans[TaskID(2)] == nil)
    }

    @Test("a woken task ready while every core runs another thread waits for a CPU: runnable, not latency")
    func busyCoresAreRunnable() {
        // One core, busy from 3 to 4 ms: only 2–3 and 4–5 ms are latency.
        let spans = WokenThreadLatency.spans(in: Self.run(cores: 1, busy: 3 * Self.ms ..< 4 * Self.ms))
        #expect(spans[TaskID(1)] == [2 * Self.ms ..< 3 * Self.ms, 4 * Self.ms ..< 5 * Self.ms])
        // Busy through the whole wait: none.
        #expect(WokenThreadLatency.spans(in: Self.run(cores: 1, busy: 1 * Self.ms ..< 6 * Self.ms)).isEmpty)
    }

    @Test("threads ready together beyond the cores wait for a CPU, though few of them run: runnable, not latency")
    func crowdedReadyThreadsAreRunnable() {
        let ms = Self.ms
        // Two cores; task 1 woken 2–5 ms; tasks 3 and 4 ready (woken, yielded) over 2–6 ms and never running.
        func ready(_ id: UInt64, _ cause: RunnableCause) -> TaskTimeline {
            TaskTimeline(id: TaskID(id), name: "t\(id)", created: 0, ended: 6 * ms, intervals: IntervalList(sorted: [
                StateInterval(start: 0, end: 2 * ms, state: .sleeping(duration: 2 * ms)),
                StateInterval(start: 2 * ms, end: 6 * ms, state: .runnable(cause)),
            ]))
        }
        let base = Self.run(cores: 2, busy: 5 * ms ..< 6 * ms)
        let crowded = Timeline(run: base.run, tasks: [base.tasks[0], ready(3, .woken(by: .none)), ready(4, .yielded)],
                               threads: base.threads)
        // Three threads want a CPU on two cores all along: nobody's wait is the OS's latency.
        #expect(WokenThreadLatency.spans(in: crowded).isEmpty)
        #expect(RunStats(crowded).run.wokenThreadLatency == nil)
        // One of them ready only: two wanting on two cores, a core is free for each.
        let one = Timeline(run: base.run, tasks: [base.tasks[0], ready(3, .yielded)], threads: base.threads)
        #expect(WokenThreadLatency.spans(in: one)[TaskID(1)] == [2 * ms ..< 5 * ms])
        #expect(RunStats(one).run.wokenThreadLatency == 3 * ms)
    }

    @Test("stats counts the latency as the picture draws it, and says so in its run table")
    func statsCountIt() {
        let idle = RunStats(Self.run(cores: 2, busy: 3 * Self.ms ..< 4 * Self.ms))
        #expect(idle.run.wokenThreadLatency == 3 * Self.ms)
        #expect(StatsReport().render(idle).contains("while a core was free"))
        #expect(RunStats(Self.run(cores: 1, busy: 3 * Self.ms ..< 4 * Self.ms)).run.wokenThreadLatency == 2 * Self.ms)
        let busy = RunStats(Self.run(cores: 1, busy: 1 * Self.ms ..< 6 * Self.ms))
        #expect(busy.run.wokenThreadLatency == nil)
        #expect(!StatsReport().render(busy).contains("while a core was free"))
    }

    @Test("philosophers-fixed under thread-per-task: the latency read once, from the whole model and as drawn agree")
    func recordedPhilosophers() throws {
        let path = CommittedTraces.folder.appendingPathComponent("philosophers-fixed-thread-per-task.weft").path
        let model = try TimelineBuilder.build(from: TraceReader(path: path))
        let summary = try TimelineBuilder.summarize(from: TraceReader(path: path))
        let latency = try #require(RunStats(model).run.wokenThreadLatency)
        #expect(summary.stats.run.wokenThreadLatency == latency)
        let drawn = WokenThreadLatency.spans(in: model).values.joined().reduce(0) { $0 + $1.count }
        #expect(UInt64(drawn) == latency)
    }

    @Test("under multiplexed, thread-per-task's definition does not apply")
    func onlyThreadPerTask() {
        let multiplexed = Self.run(cores: 2, scheduler: "multiplexed", busy: 3 * Self.ms ..< 4 * Self.ms)
        #expect(WokenThreadLatency.spans(in: multiplexed).isEmpty)
        #expect(RunStats(multiplexed).run.wokenThreadLatency == nil)
    }
}
