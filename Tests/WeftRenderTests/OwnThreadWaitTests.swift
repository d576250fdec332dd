import Testing
import WeftAnalysis
import WeftRender
import WeftTestSupport
import WeftTrace

/// Under thread-per-task a ready task waits for its new thread's first run, then for the OS to run its own thread; the
/// panel header sums every runnable stretch, and says how much of it was before the new thread started.
@Suite struct OwnThreadWaitTests {
    /// Main on its thread spawns a child at 1 µs; the child's thread starts at 5 µs and runs it at 6 µs; the child
    /// sleeps at 7 µs, is woken at 8 µs, and its thread runs it again at 11 µs.
    static func trace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.thread(0, 1, tid: 101, role: .taskThread, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "child")
        s.thread(5_000, 2, tid: 102, role: .taskThread, index: 2)
        s.begin(6_000, on: 2, 2)
        s.block(7_000, on: 2, .sleep)
        s.end(7_000, on: 2, .blocked)
        s.unblock(8_000, on: 1, 2)
        s.begin(11_000, on: 2, 2)
        s.finish(12_000, on: 2)
        s.finish(13_000, on: 1)
        s.runFinish(14_000, .completed)
        return s
    }

    @Test func everyRunnableStretchIsSummedWithTheNewThreadsShareApart() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let child = try #require(render.tasks.first { $0.name.hasSuffix("child") })
        let ready = child.spans.filter { $0.state.isReady }.map { "\($0.state) \($0.start)-\($0.end)" }
        #expect(ready == ["waiting for its new thread to start 1000-5000", "runnable 5000-6000", "runnable 8000-11000"])
        #expect(render.facts.runnable == TaskSum(total: 8_000, tasks: 2))
        #expect(render.facts.awaitingThread == 4_000)
        #expect(render.facts.wakeLatency.total == 0)
    }
}
