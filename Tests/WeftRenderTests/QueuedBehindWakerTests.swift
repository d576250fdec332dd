import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// A task woken by a task on a pool thread, which runs next on that same thread as its waker's slice ends, waited
/// behind its waker, not for an idle pool thread to wake: pool thread 1 idles throughout and is never signalled.
@Suite struct QueuedBehindWakerTests {
    /// Pool thread 0 runs main (t1), which spawns t2 and blocks at 2 µs; t2 runs on pool thread 0 from 3 µs, wakes
    /// main at 10 µs and ends at 40 µs; main runs on pool thread 0 from 40 µs (`sameThread`) or, woken again, on pool
    /// thread 1 (otherwise) to 50 µs. Pool thread 1 idles until then.
    static func trace(sameThread: Bool, signal: Bool = false) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 101, role: .worker, index: 0)
        s.thread(0, 2, tid: 102, role: .worker, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "child")
        s.block(2_000, on: 1, .join, 2)
        s.end(2_000, on: 1, .blocked)
        s.begin(3_000, on: 1, 2)
        s.unblock(10_000, on: 1, 1)
        // Pool thread 1 signalled at 20 µs, running again at 30 µs: perhaps for main.
        if signal { s.raw(.threadWake, 30_000, on: 2, 10_000) }
        s.finish(40_000, on: 1)
        let thread: UInt64 = sameThread ? 1 : 2
        s.begin(40_000, on: thread, 1)
        s.finish(50_000, on: thread)
        s.runFinish(60_000, .completed)
        return s
    }

    static func main(_ render: RenderTimeline) throws -> [String] {
        let main = try #require(render.tasks.first { $0.task == TaskID(1) })
        return main.spans.filter { $0.state.isReady }.map { "\($0.state) \($0.start)-\($0.end)" }
    }

    @Test func aTaskRunNextOnItsWakersThreadWaitedBehindIt() throws {
        let render = RenderTimeline(timeline: Self.trace(sameThread: true).timeline())
        #expect(try Self.main(render) == ["queued behind the task that woke it, on that task's pool thread 10000-40000"])
        #expect(render.facts.queuedBehindWaker == 30_000)
        // Only the child's start (1–3 µs, pool thread 1 idle) is an idle pool thread's wake-up.
        #expect(render.facts.wakeLatency.total == 2_000)
        #expect(render.facts.runnable.total == 32_000)
    }

    @Test func aTaskRunOnAnotherThreadWaitedForAnIdleOneToWake() throws {
        let render = RenderTimeline(timeline: Self.trace(sameThread: false).timeline())
        #expect(try Self.main(render) == ["waiting for an idle pool thread or a woken thread to run 10000-40000"])
        #expect(render.facts.queuedBehindWaker == 0)
        #expect(render.facts.wakeLatency.total == 32_000)
    }

    @Test func aWaitInWhichAThreadWasSignalledIsLeftToTheWakeUpRule() throws {
        let render = RenderTimeline(timeline: Self.trace(sameThread: true, signal: true).timeline())
        #expect(render.facts.queuedBehindWaker == 0)
        #expect(try Self.main(render).allSatisfy { !$0.hasPrefix("queued") })
    }

    @Test func theHeaderCountsItApart() throws {
        let render = RenderTimeline(timeline: Self.trace(sameThread: true).timeline())
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 1400, time: .linear),
                                             measurer: try TextMeasurer())
        let texts = scene.layers.flatMap(\.items).compactMap { item -> String? in
            if case let .text(t) = item { return t.text }
            return nil
        }
        #expect(texts.contains { $0.contains("of it queued behind the task that woke it, on that task's pool thread") })
        #expect(texts.contains { $0.contains("runnable: queued behind its waker on the waker's pool thread") })
    }
}
