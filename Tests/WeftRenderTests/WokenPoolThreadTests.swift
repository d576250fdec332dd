import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// A pool thread the pool signalled, woken (`threadWake`) but not yet run by the OS, is drawn woken, waiting for a
/// CPU, from the signal to its next run slice: not free for any task, which the tasks waiting then would contradict.
@Suite struct WokenPoolThreadTests {
    /// Pool thread 0 runs main 0–1 ms, which spawns t2 at 100 µs; pool thread 1, parked, is signalled at 200 µs,
    /// records `threadWake` at 230 µs (delay 30 µs), and runs t2 only at 800 µs.
    static func trace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 101, role: .worker, index: 0)
        s.thread(0, 2, tid: 102, role: .worker, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(100_000, on: 1, 2, parent: 1, name: "child")
        s.raw(.threadWake, 230_000, on: 2, 30_000)
        s.begin(800_000, on: 2, 2)
        s.finish(900_000, on: 2)
        s.finish(1_000_000, on: 1)
        s.runFinish(1_100_000, .completed)
        return s
    }

    @Test func theModelHoldsTheWokenStretchFromTheSignalToTheNextSlice() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let woken = try #require(render.threads.first { $0.label == "pool thread 1" })
        #expect(woken.woken == [TimeSpan(200_000, 800_000)])
        #expect(try #require(render.threads.first { $0.label == "pool thread 0" }).woken.isEmpty)
        // The child waited for that thread: the OS's share, the whole stretch, not an idle thread's.
        let child = try #require(render.tasks.first { $0.name.hasSuffix("child") })
        let ready = child.spans.filter { $0.state.isReady }.map { "\($0.state) \($0.start)-\($0.end)" }
        #expect(ready == ["waiting for an idle pool thread or a woken thread to run 100000-200000",
                          "waiting for the OS to run a woken pool thread 200000-800000"])
        #expect(render.facts.osWakeDelay == 600_000)
    }

    @Test func theLaneDrawsItWokenOverExactlyThatStretchAndNotFree() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let scene = try TimelineLayout.scene(render, options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let items = scene.layers.flatMap(\.items)
        let woken = try #require(scene.layer("lanes")).items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == Palette.wokenPoolThread { rect } else { nil }
        }
        // The bar, then the box its words sit on, inside it.
        let bar = try #require(woken.first)
        #expect(woken.count == 2 && woken[1].x >= bar.x && woken[1].maxX <= bar.maxX)
        // The stretch ends where t2's slice on the thread begins, and is 600/100 as wide as that 100 µs slice.
        let childColor = TaskColoring(render.tasks.map(\.task)).color(TaskID(2))
        let slice = try #require(items.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == childColor, abs(rect.y + 4 - bar.y) < 0.01 { rect } else { nil }
        }.first)
        #expect(abs(bar.maxX - slice.x) < 0.01)
        #expect(abs(bar.width - 6 * slice.width) < 0.05, "\(bar) vs \(slice)")
        // The free line of pool thread 1 stops where the woken bar starts and does not run through it.
        let free = items.compactMap { item -> (Double, Double)? in
            if case let .line(from, to, _, _, dash) = item, dash == [6, 3], abs(from.y - (bar.y + bar.height / 2)) < 0.01 {
                (from.x, to.x)
            } else { nil }
        }
        #expect(free.contains { abs($0.1 - bar.x) < 0.01 }, "\(free)")
        #expect(!free.contains { $0.0 < bar.maxX - 0.01 && $0.1 > bar.x + 0.01 }, "\(free)")
        let texts = items.compactMap { item -> String? in if case let .text(text) = item { text.text } else { nil } }
        #expect(texts.contains("woken, waiting for a CPU"))
        #expect(texts.contains { $0.hasPrefix("pool thread woken, waiting for a CPU") })
    }
}
