import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

@Suite("Periodic memory and thread samples", .serialized)
struct PeriodicSampleTests {
    /// 40 tasks that all wait until main, once every one has started, has slept 30 ms: under thread-per-task 40
    /// threads are alive at once for 30 ms, however slowly a loaded machine creates them.
    static func waiters(_ rt: Runtime) async throws {
        let started = rt.waitGroup("started"), gate = rt.waitGroup("gate")
        started.add(40)
        gate.add(1)
        let tasks = (0..<40).map { i in
            rt.spawn("waiter \(i)") {
                started.done()
                try await gate.wait()
            }
        }
        try await started.wait()
        try await rt.sleep(for: .milliseconds(30))
        gate.done()
        for task in tasks { try await task.value }
    }

    @Test("a traced run samples resident memory and threads alive every few ms, on the timer thread",
          arguments: [SchedulerKind.multiplexed(workers: 2), .threadPerTask])
    func samplesRecorded(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "samples", Self.waiters)
        let timeline = trace.timeline
        let resident = try #require(timeline.run.counter(.residentBytes))
        let threads = try #require(timeline.run.counter(.threadsAlive))
        // 30 ms at one sample per millisecond: 25 to 35 here, and at least 3 even when a loaded machine leaves the
        // timer thread unscheduled for most of the run.
        #expect(resident.points.count >= 3 && threads.points.count >= 3)
        #expect(resident.points.allSatisfy { $0.value > 1_000_000 })
        let timer = try #require(timeline.threads.first { $0.role == .timer })
        let samplers = Set(trace.of(.sample).filter { trace.strings(StringID($0.args.a0)) == "threads_alive" }.map(\.thread))
        #expect(samplers == [timer.id])
        let peak = try #require(threads.peak)
        switch scheduler {
        case .threadPerTask: #expect(peak >= 40)  // the waiters' threads and the timer
        default: #expect(peak == 3)               // two workers and the timer, however many tasks
        }
        #expect(peak <= UInt64(timeline.run.sample("peak_threads_alive") ?? 0))
        // The peak the runtime records is never below a sample it took, whatever the kernel's lazy mark says.
        #expect(try #require(timeline.run.sample(SampleName.peakRSSBytes.rawValue)) >= resident.peak!)
        let stats = RunStats(timeline)
        #expect(stats.run.sampledPeakThreads == peak && stats.run.sampledPeakRSSBytes == resident.peak)
        #expect(StatsReport().runTable(stats.run).render().contains("sampled peak"))
    }

    @Test("a traced run's samples stay inside the run: none after runFinish")
    func samplesInsideTheRun() async throws {
        let trace = try await RecordedTrace.record(.multiplexed(workers: 1), name: "samples-span") { rt in
            try await rt.sleep(for: .milliseconds(5))
        }
        let timeline = trace.timeline
        let finished = try #require(timeline.run.finished)
        let series = timeline.run.counters
        #expect(series.map(\.name) == ["rss_bytes", "threads_alive"])
        for s in series { #expect(s.points.allSatisfy { $0.time <= finished }) }
    }

    @Test("a counter series answers its peak and its value at a time")
    func counterSeries() {
        let series = CounterSeries(name: "rss_bytes", points: [Sample(time: 10, name: "rss_bytes", value: 5),
                                                               Sample(time: 20, name: "rss_bytes", value: 9),
                                                               Sample(time: 30, name: "rss_bytes", value: 7)])
        #expect(series.peak == 9)
        #expect(series.value(at: 5) == nil)
        #expect(series.value(at: 10) == 5 && series.value(at: 25) == 9 && series.value(at: 99) == 7)
    }

    @Test("the Chrome export carries the samples as counters")
    func exportedAsCounters() throws {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 1, role: .timer, index: 0)
        let name = s.list.intern("rss_bytes").rawValue
        s.raw(.sample, 10, on: 1, name, 4096)
        s.raw(.sample, 20, on: 1, name, 8192)
        s.list.rewind()
        let out = JSONOutput()
        try ChromeTrace.export(s.list, to: out)
        try out.close()
        let text = String(decoding: out.memory, as: UTF8.self)
        #expect(text.components(separatedBy: "\"name\":\"rss_bytes\"").count - 1 == 2)
        #expect(text.contains("\"ph\":\"C\""))
    }
}
