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
    /// The run of `CPUStarvedThreadTrace`: from 2 to 6 ms main's thread got 0.1 ms of CPU.
    static func trace(split: Bool = false) -> ScriptedTrace { CPUStarvedThreadTrace.make(split: split) }

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
