import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// A slice during which its thread's CPU clock (the sampler's `threadCPU` readings) stood still is running that the
/// OS gave no CPU: the model keeps such stretches per thread (`CPUStarvation`).
@Suite("Stretches of a slice without CPU", .serialized)
struct CPUStarvationTests {
    /// Thread-per-task: main runs one slice on T2 from 30 ns to 7.5 ms; the timer thread T3 reads T2's CPU clock at
    /// 1, 2, 6 and 7 ms. From 2 to 6 ms it advances by 0.1 ms (of 4 ms); elsewhere by about as much as the wall time.
    /// With `split`, main's slice ends at 3 ms and a second one begins at 3.5 ms.
    static func trace(split: Bool = false) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.meta(0, "cores", "2")
        s.create(10, on: 1, 1, name: "main")
        s.thread(20, 2, tid: 6001, role: .taskThread, index: 1)
        s.begin(30, on: 2, 1)
        s.thread(40, 3, tid: 6002, role: .timer, index: 0)
        s.raw(.threadCPU, 1_000_000, on: 3, 2, 950_000)
        s.raw(.threadCPU, 2_000_000, on: 3, 2, 1_940_000)
        if split {
            s.end(3_000_000, on: 2, .yielded)
            s.begin(3_500_000, on: 2, 1)
        }
        s.raw(.threadCPU, 6_000_000, on: 3, 2, 2_040_000)
        s.raw(.threadCPU, 7_000_000, on: 3, 2, 3_030_000)
        s.finish(7_500_000, on: 2)
        s.runFinish(7_600_000, .completed)
        return s
    }

    @Test("a stretch between two samples of one slice whose CPU clock advanced under a quarter of the wall is starved")
    func stalledClockIsStarved() throws {
        let timeline = Self.trace().timeline()
        let thread = try #require(timeline.threads.first { $0.id == ThreadID(2) })
        #expect(thread.starved.elements == [CPUStarvation(start: 2_000_000, end: 6_000_000, cpu: 100_000)])
        #expect(timeline.run.cpuStarved == 4_000_000)
        // The sampler's own thread is not the one starved.
        #expect(timeline.threads.filter { !$0.starved.isEmpty }.map(\.id) == [ThreadID(2)])
    }

    @Test("samples in different slices of a thread are not compared")
    func samplesAcrossSlicesAreNotPaired() throws {
        let timeline = Self.trace(split: true).timeline()
        let thread = try #require(timeline.threads.first { $0.id == ThreadID(2) })
        #expect(thread.starved.isEmpty)
        #expect(timeline.run.cpuStarved == 0)
    }

    @Test("the threshold is a quarter of the wall time")
    func threshold() {
        #expect(CPUStarvation.isStarved(cpu: 249, wall: 1_000))
        #expect(!CPUStarvation.isStarved(cpu: 250, wall: 1_000))
        #expect(!CPUStarvation.isStarved(cpu: 0, wall: 0))
    }

    @Test("a summarising read counts the same time without CPU as the model")
    func summaryAgrees() throws {
        let s = Self.trace()
        s.list.rewind()
        let summary = try TimelineBuilder.summarize(from: s.list)
        #expect(summary.run.cpuStarved == 4_000_000)
        // weft stats says it, from either read.
        #expect(summary.stats.run.cpuStarved == 4_000_000)
        #expect(RunStats(Self.trace().timeline()).run.cpuStarved == 4_000_000)
        #expect(StatsReport().runTable(summary.stats.run).render().contains("4.00 ms “running” while the thread's CPU clock stood still"))
    }

    /// The calling thread's CPU time (ns).
    static func threadCPU() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    @Test("a traced run reads the CPU clock of a thread inside a long slice, on the timer thread",
          arguments: [SchedulerKind.multiplexed(workers: 2), .threadPerTask])
    func runtimeRecordsThreadCPU(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "thread-cpu") { rt in
            let spinner = rt.spawn("spinner") {
                // Spins for 20 ms of its own CPU time: a slice that takes several ticks of the sampler.
                let start = Self.threadCPU()
                while Self.threadCPU() - start < 20_000_000 {}
            }
            try await spinner.value
        }
        let timeline = trace.timeline
        let spinner = try #require(timeline.tasks.first { $0.name == "spinner" })
        let slice = try #require(timeline.threads.flatMap { t in t.slices.elements.map { (t.id, $0) } }
            .first { $0.1.task == spinner.id && $0.1.duration >= 20_000_000 })
        let timer = try #require(timeline.threads.first { $0.role == .timer })
        let readings = trace.of(.threadCPU).filter {
            ThreadCPUEvent($0)?.thread == slice.0 && $0.time > slice.1.start && $0.time < slice.1.end
        }
        #expect(readings.count >= 2)
        #expect(Set(trace.of(.threadCPU).map(\.thread)) == [timer.id])
        // The clock only goes forward.
        let cpus = readings.compactMap { ThreadCPUEvent($0)?.cpu }
        #expect(cpus == cpus.sorted())
    }
}
