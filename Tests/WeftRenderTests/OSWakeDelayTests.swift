import Testing
import WeftAnalysis
import WeftRender
import WeftTestSupport
import WeftTrace

/// A task ready while a pool thread idles is told apart: before the pool signalled the thread (the pool's latency)
/// and after (`threadWake`: the OS's).
@Suite struct OSWakeDelayTests {
    /// Pool thread 0 runs main, which spawns t2 at 1 µs; pool thread 1, parked, is signalled at 9 µs, runs again at
    /// 49 µs (`threadWake` with a delay of 40 µs) and starts t2 at 50 µs.
    static func trace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 101, role: .worker, index: 0)
        s.thread(0, 2, tid: 102, role: .worker, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "child")
        s.raw(.threadWake, 49_000, on: 2, 40_000)
        s.begin(50_000, on: 2, 2)
        s.finish(60_000, on: 2)
        s.finish(70_000, on: 1)
        s.runFinish(80_000, .completed)
        return s
    }

    @Test func theModelKeepsEachSignalledWake() throws {
        let timeline = Self.trace().timeline()
        let woken = try #require(timeline.threads.first { $0.role == .worker && $0.index == 1 })
        #expect(woken.wakes.elements == [SignalledWake(start: 9_000, end: 49_000)])
        #expect(try #require(timeline.threads.first { $0.index == 0 }).wakes.isEmpty)
    }

    @Test func theOSShareOfTheWakeUpIsLabelledApart() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let child = try #require(render.tasks.first { $0.name.hasSuffix("child") })
        let ready = child.spans.filter { $0.state.isReady }.map { "\($0.state) \($0.start)-\($0.end)" }
        #expect(ready == ["waiting for an idle pool thread or a woken thread to run 1000-9000",
                          "waiting for the OS to run a woken pool thread 9000-49000",
                          "waiting for an idle pool thread or a woken thread to run 49000-50000"])
        #expect(render.facts.wakeLatency.total == 49_000)
        // From the signal to `threadWake` (`PoolThreadWakes`): the child waited in main's thread's own queue, not the
        // shared one, so the microsecond after it is not the OS's.
        #expect(render.facts.osWakeDelay == 40_000)
        // All of the child's runnable time was while a pool thread idled; main never waited.
        #expect(render.facts.runnable == TaskSum(total: 49_000, tasks: 2))
        #expect(render.facts.awaitingThread == 0)
    }

    /// A delay longer than the time since the trace began cannot put the signal before the start.
    @Test func anImpossibleDelayIsClamped() throws {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 101, role: .worker, index: 0)
        s.raw(.threadWake, 5_000, on: 1, UInt64.max)
        let wakes = try #require(s.timeline().threads.first).wakes.elements
        #expect(wakes == [SignalledWake(start: 0, end: 5_000)])
    }
}
