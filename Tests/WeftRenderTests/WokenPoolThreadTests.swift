import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// A pool thread the pool signalled is drawn woken, waiting for a CPU, over the OS's delay the trace measured: from
/// the signal to `threadWake`. Only where a task waited in the pool's shared queue, which a woken thread looks in
/// first, from `threadWake` until the thread's next slice took it, does the stretch go on to that slice.
@Suite struct WokenPoolThreadTests {
    /// Pool thread 0 (trace thread 2) runs main 0–1 ms, which spawns t2 at 10 µs; t2 runs there and blocks at 20 µs.
    /// Pool thread 1 (trace thread 3), parked, is signalled at 200 µs, records `threadWake` at 230 µs (delay 30 µs)
    /// and runs t2 at 800 µs. `wake(s)` wakes t2 (or not) before that.
    static func trace(_ wake: (ScriptedTrace) -> Void) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 100, role: .main, index: 0)
        s.thread(0, 2, tid: 101, role: .worker, index: 0)
        s.thread(0, 3, tid: 102, role: .worker, index: 1)
        s.thread(0, 4, tid: 103, role: .timer, index: 0)
        s.create(0, on: 2, 1, name: "main")
        s.begin(0, on: 2, 1)
        s.create(10_000, on: 2, 2, parent: 1, name: "child")
        s.end(10_000, on: 2, .yielded)
        s.begin(10_000, on: 2, 2)
        s.wait(20_000, on: 2, .channelReceive, 7)
        s.begin(20_000, on: 2, 1)
        wake(s)
        s.raw(.threadWake, 230_000, on: 3, 30_000)
        s.begin(800_000, on: 3, 2)
        s.finish(900_000, on: 3)
        s.finish(1_000_000, on: 2)
        s.runFinish(1_100_000, .completed)
        return s
    }

    static func render(_ wake: (ScriptedTrace) -> Void) -> RenderTimeline {
        RenderTimeline(timeline: trace(wake).timeline())
    }

    static func woken(_ render: RenderTimeline, _ label: String) throws -> [TimeSpan] {
        try #require(render.threads.first { $0.label == label }).woken
    }

    static func ready(_ render: RenderTimeline) throws -> [String] {
        let child = try #require(render.tasks.first { $0.name.hasSuffix("child") })
        return child.spans.filter { $0.state.isReady }.map { "\($0.state) \($0.start)-\($0.end)" }
    }

    @Test("(a) a thread that woke with no task waiting is woken exactly from the signal to threadWake, then free")
    func wokeAndIdle() throws {
        // t2 is woken by the caller thread only at 500 µs, after the thread ran again: it had nothing to take.
        let render = Self.render { $0.unblock(500_000, on: 1, 2) }
        #expect(try Self.woken(render, "pool thread 1") == [TimeSpan(200_000, 230_000)])
        #expect(try Self.woken(render, "pool thread 0").isEmpty)
        #expect(try Self.ready(render) == ["waiting for an idle pool thread or a woken thread to run 500000-800000"])
        #expect(render.facts.osWakeDelay == 0)
    }

    @Test("(b) a thread that woke while a task waited in the shared queue, taken by no other thread, is woken to its slice")
    func wokeWhileATaskWaitedInTheSharedQueue() throws {
        // The caller thread, outside the pool, wakes t2 at 100 µs: its job waits in the shared queue to 800 µs.
        let render = Self.render { $0.unblock(100_000, on: 1, 2) }
        #expect(try Self.woken(render, "pool thread 1") == [TimeSpan(200_000, 800_000)])
        #expect(try Self.ready(render) == ["waiting for an idle pool thread or a woken thread to run 100000-200000",
                                           "waiting for the OS to run a woken pool thread 200000-800000"])
        #expect(render.facts.osWakeDelay == 600_000)
    }

    @Test("a task another thread took is not one the woken thread failed to take")
    func anotherThreadTookIt() throws {
        // t2, woken at 100 µs from outside the pool, runs on pool thread 0 at 300 µs (after main yields there), and
        // is woken again by the caller at 500 µs; pool thread 1 runs it at 800 µs.
        let render = Self.render { s in
            s.unblock(100_000, on: 1, 2)
            s.end(300_000, on: 2, .yielded)
            s.begin(300_000, on: 2, 2)
            s.wait(310_000, on: 2, .channelReceive, 7)
            s.begin(310_000, on: 2, 1)
            s.unblock(500_000, on: 1, 2)
        }
        #expect(try Self.woken(render, "pool thread 1") == [TimeSpan(200_000, 230_000)])
    }

    @Test("a task queued on a busy pool thread, or woken by the timer, does not extend the stretch: the trace cannot tell")
    func notTheSharedQueue() throws {
        // Woken by main on pool thread 0: its job waits in that thread's own queue, which another thread leaves to
        // its owner for a while (the pool's rule for a lone job).
        let byTask = Self.render { $0.unblock(100_000, on: 2, 2) }
        #expect(try Self.woken(byTask, "pool thread 1") == [TimeSpan(200_000, 230_000)])
        #expect(try Self.ready(byTask) == ["waiting for an idle pool thread or a woken thread to run 100000-200000",
                                           "waiting for the OS to run a woken pool thread 200000-230000",
                                           "waiting for an idle pool thread or a woken thread to run 230000-800000"])
        #expect(byTask.facts.osWakeDelay == 30_000)
        // Woken by the timer thread: for Swift's `Task.sleep` the woken thread first runs a wake-up job Weft does
        // not record.
        let byTimer = Self.render { $0.unblock(100_000, on: 4, 2) }
        #expect(try Self.woken(byTimer, "pool thread 1") == [TimeSpan(200_000, 230_000)])
    }

    @Test func theLaneDrawsItWokenOverExactlyThatStretchAndNotFree() throws {
        let render = Self.render { $0.unblock(500_000, on: 1, 2) }
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let items = scene.layers.flatMap(\.items)
        let woken = try #require(scene.layer("lanes")).items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == Palette.wokenPoolThread { rect } else { nil }
        }
        let bar = try #require(woken.first)
        // The bar is 30 µs of the 100 µs of t2's slice on the thread, and ends 570 µs before that slice begins.
        let childColor = TaskColoring(render.tasks.map(\.task)).color(TaskID(2))
        let slice = try #require(items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == childColor, abs(rect.y + 4 - bar.y) < 0.01 { rect } else { nil }
        }.first)
        #expect(abs(bar.width - 0.3 * slice.width) < 0.05, "\(bar) vs \(slice)")
        #expect(abs((slice.x - bar.maxX) - 5.7 * slice.width) < 0.05, "\(bar) vs \(slice)")
        // The free line of pool thread 1 stops where the woken bar starts, does not run through it, and goes on
        // from its end.
        let free = items.compactMap { item -> (Double, Double)? in
            if case let .line(from, to, _, _, dash) = item, dash == [6, 3], abs(from.y - (bar.y + bar.height / 2)) < 0.01 {
                (from.x, to.x)
            } else { nil }
        }
        #expect(free.contains { abs($0.1 - bar.x) < 0.01 }, "\(free)")
        #expect(free.contains { abs($0.0 - bar.maxX) < 0.01 }, "\(free)")
        #expect(!free.contains { $0.0 < bar.maxX - 0.01 && $0.1 > bar.x + 0.01 }, "\(free)")
        let texts = items.compactMap { item -> String? in if case let .text(text) = item { text.text } else { nil } }
        #expect(texts.contains { $0.hasPrefix("pool thread woken, waiting for a CPU") })
    }

    @Test("the long stretch of (b) is drawn to the slice and labelled")
    func theLongStretchIsLabelled() throws {
        let render = Self.render { $0.unblock(100_000, on: 1, 2) }
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let items = scene.layers.flatMap(\.items)
        let lanes = try #require(scene.layer("lanes"))
        let bar = try #require(lanes.items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == Palette.wokenPoolThread { rect } else { nil }
        }.first)
        let childColor = TaskColoring(render.tasks.map(\.task)).color(TaskID(2))
        let slice = try #require(items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == childColor, abs(rect.y + 4 - bar.y) < 0.01 { rect } else { nil }
        }.first)
        #expect(abs(bar.maxX - slice.x) < 0.01)
        #expect(abs(bar.width - 6 * slice.width) < 0.05, "\(bar) vs \(slice)")
        let texts = items.compactMap { item -> String? in if case let .text(text) = item { text.text } else { nil } }
        #expect(texts.contains("woken, waiting for a CPU"))
    }
}
