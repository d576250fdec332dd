import Foundation
import Testing
import WeftAnalysis
import WeftRender
import WeftTestSupport
import WeftTrace

/// Under thread-per-task, the picture's yellow "woken, for the OS to run its thread while a core was free" stretches
/// are exactly the stretches `weft stats` sums as wake-up latency, and the figure the panel prints is stats' figure;
/// under multiplexed, the panel's "for an idle pool thread to wake up" figure is what its lanes draw.
@Suite struct WokenLatencyAgreementTests {
    static let ms: UInt64 = 1_000_000

    /// The wake-up latency the picture draws for `run`, summed over its task lanes (ns).
    static func drawn(_ run: RenderTimeline) -> UInt64 {
        run.tasks.reduce(0) { sum, task in
            task.spans.reduce(sum) { $0 + ($1.state == .wakeLatency ? $1.end - $1.start : 0) }
        }
    }

    /// On 2 cores: t1 woken at 2 ms and running at 5 ms on thread 1; t2 and t3 running over 3–4 ms on threads 2 and
    /// 3. Three threads want a CPU over 3–4 ms, more than the cores, so t1's latency is 2–3 and 4–5 ms: 2 ms.
    static func crowded() -> Timeline {
        let ms = Self.ms
        let woken = TaskTimeline(id: TaskID(1), name: "woken", created: 0, ended: 6 * ms, intervals: IntervalList(sorted: [
            StateInterval(start: 0, end: 1 * ms, state: .running(ThreadID(1))),
            StateInterval(start: 1 * ms, end: 2 * ms, state: .sleeping(duration: ms)),
            StateInterval(start: 2 * ms, end: 5 * ms, state: .runnable(.woken(by: .none))),
            StateInterval(start: 5 * ms, end: 6 * ms, state: .running(ThreadID(1))),
        ]))
        func busy(_ id: UInt64) -> TaskTimeline {
            TaskTimeline(id: TaskID(id), name: "busy", created: 0, ended: 4 * ms, intervals: IntervalList(sorted: [
                StateInterval(start: 0, end: 3 * ms, state: .sleeping(duration: 3 * ms)),
                StateInterval(start: 3 * ms, end: 4 * ms, state: .running(ThreadID(id))),
            ]))
        }
        let threads = [
            ThreadTimeline(id: ThreadID(1), started: 0, slices: IntervalList(sorted: [
                RunSlice(start: 0, end: 1 * ms, task: TaskID(1), endReason: .blocked),
                RunSlice(start: 5 * ms, end: 6 * ms, task: TaskID(1), endReason: nil),
            ])),
        ] + [2, 3].map { id in
            ThreadTimeline(id: ThreadID(id), started: 0, slices: IntervalList(sorted: [
                RunSlice(start: 3 * ms, end: 4 * ms, task: TaskID(id), endReason: nil),
            ]))
        }
        let info = RunInfo(metadata: [MetadataEntry(key: "scheduler", value: "thread-per-task"),
                                      MetadataEntry(key: "cores", value: "2")], start: 0, end: 6 * ms)
        return Timeline(run: info, tasks: [woken, busy(2), busy(3)], threads: threads)
    }

    @Test("threads running count against the cores in the picture as in stats: a known answer")
    func knownAnswer() throws {
        let model = Self.crowded()
        #expect(RunStats(model).run.wokenThreadLatency == 2 * Self.ms)
        let render = RenderTimeline(timeline: model)
        let woken = try #require(render.tasks.first { $0.task == TaskID(1) })
        #expect(woken.spans.filter { $0.state == .wakeLatency }.map { $0.start ..< $0.end }
            == [2 * Self.ms ..< 3 * Self.ms, 4 * Self.ms ..< 5 * Self.ms])
        #expect(Self.drawn(render) == 2 * Self.ms)
        #expect(render.facts.wakeLatency.total == 2 * Self.ms)
    }

    @Test("in every committed thread-per-task trace, the drawn wake-up latency is the latency stats sums",
          arguments: CommittedTraces.names.filter { $0.hasSuffix("-thread-per-task.weft") })
    func committed(_ name: String) throws {
        let path = CommittedTraces.folder.appendingPathComponent(name).path
        let model = try TimelineBuilder.build(from: TraceReader(path: path))
        let stats = try TimelineBuilder.summarize(from: TraceReader(path: path)).stats
        let latency = stats.run.wokenThreadLatency ?? 0
        let spans = WokenThreadLatency.spans(in: model)
        #expect(WokenThreadLatency.total(spans) == latency)
        #expect(RunStats(model).run.wokenThreadLatency ?? 0 == latency)
        let origin = model.run.start
        let render = RenderTimeline(timeline: model)
        // The printed figure is stats' figure, over the same tasks as stats' runnable row.
        #expect(render.facts.wakeLatency.total == latency)
        #expect(render.facts.runnable.tasks == stats.tasks.count)
        // Drawn: exactly those stretches, except that after a deadlock is detected every task is drawn cancelled.
        let cut = render.deadlock?.detected ?? .max
        for task in render.tasks {
            let drawn = task.spans.filter { $0.state == .wakeLatency }.map { $0.start ..< $0.end }
            let counted = (spans[task.task] ?? []).compactMap { span -> Range<UInt64>? in
                let start = span.lowerBound - origin, end = min(span.upperBound - origin, cut)
                return start < end ? start ..< end : nil
            }
            #expect(drawn == counted, "\(task.task)")
        }
        if render.deadlock == nil { #expect(Self.drawn(render) == latency) }
    }

    @Test("in every committed multiplexed trace, the idle-pool wake-up figure the panel prints is what it draws",
          arguments: CommittedTraces.names.filter { $0.hasSuffix("-multiplexed.weft") })
    func multiplexed(_ name: String) throws {
        let path = CommittedTraces.folder.appendingPathComponent(name).path
        let render = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
        let cut = render.deadlock?.detected ?? .max
        var latency: UInt64 = 0, osShare: UInt64 = 0
        for task in render.tasks {
            for span in task.spans where span.start < cut {
                let length = min(span.end, cut) - span.start
                if span.state == .wakeLatency || span.state == .osWakeDelay { latency += length }
                if span.state == .osWakeDelay { osShare += length }
            }
        }
        if render.deadlock == nil {
            #expect(render.facts.wakeLatency.total == latency)
            #expect(render.facts.osWakeDelay == osShare)
        } else {
            #expect(render.facts.wakeLatency.total >= latency)
        }
    }
}
