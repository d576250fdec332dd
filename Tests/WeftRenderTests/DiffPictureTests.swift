import Testing
import WeftAnalysis
@testable import WeftRender
import WeftTestSupport
import WeftTrace

/// The diff picture says what each run ran and draws each task's time as shares of its lifetime, not on a time axis.
@Suite struct DiffPictureTests {
    /// `weft run demo --tasks 1` under `scheduler`: main spawns "worker", which runs `work` ns, then sleeps `sleep` ns,
    /// then runs 1 µs more; main waits for it.
    static func run(_ scheduler: String, workers: Int, work: UInt64, sleep: UInt64) throws -> TracedRun {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", scheduler)
        s.meta(0, "workers", "\(workers)")
        s.meta(0, "program", "weft run demo")
        s.meta(0, "arguments", "--tasks 1")
        s.meta(0, "cores", "2")
        let role: ThreadRole = workers > 0 ? .worker : .taskThread
        s.thread(0, 1, tid: 101, role: role, index: workers > 0 ? 0 : 1)
        s.thread(0, 2, tid: 102, role: role, index: workers > 0 ? 1 : 2)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "worker")
        s.block(2_000, on: 1, .join)
        s.end(2_000, on: 1, .blocked)
        s.begin(3_000, on: 2, 2)
        s.block(3_000 + work, on: 2, .sleep)
        s.end(3_000 + work, on: 2, .blocked)
        s.unblock(3_000 + work + sleep, on: 2, 2)
        s.begin(4_000 + work + sleep, on: 2, 2)
        s.finish(5_000 + work + sleep, on: 2)
        s.unblock(5_000 + work + sleep, on: 2, 1)
        s.begin(6_000 + work + sleep, on: 1, 1)
        s.finish(7_000 + work + sleep, on: 1)
        s.runFinish(8_000 + work + sleep, .completed)
        s.list.rewind()
        return try TracedRun.build(from: s.list)
    }

    static func scene() throws -> Scene {
        let a = try run("multiplexed", workers: 2, work: 4_000, sleep: 10_000)
        let b = try run("thread-per-task", workers: 0, work: 12_000, sleep: 10_000)
        let diff = TraceDiff(a: a, b: b, nameA: "a.weft", nameB: "b.weft")
        var options = DiffPictureOptions(width: 1200)
        options.description = "demo: one worker that works, then sleeps"
        return try DiffRenderer.scene(diff, a: a.timeline, b: b.timeline, options: options)
    }

    @Test("the scene matches its golden text")
    func golden() throws {
        try LayoutTests().golden("diff.scene.txt", try Self.scene().dump())
    }

    @Test("under the title, what each run ran: the program's description, then command, scheduler, cores, workers")
    func workloadLines() throws {
        let texts = try Self.scene().texts.map(\.text)
        #expect(texts.contains("demo: one worker that works, then sleeps"))
        let a = try #require(texts.first { $0.hasPrefix("A: ") })
        let b = try #require(texts.first { $0.hasPrefix("B: ") })
        #expect(a.hasPrefix("A: program weft run demo --tasks 1 · scheduler multiplexed · 2 cores · 2 pool threads"))
        #expect(b.hasPrefix("B: program weft run demo --tasks 1 · scheduler thread-per-task · 2 cores"))
        #expect(!b.contains("pool thread"))
    }

    @Test("the legend lists exactly the kinds of change the rows draw: no B faster where nothing was faster")
    func legendListsDrawnChanges() throws {
        let scene = try Self.scene()
        let changes = [ChangeColor.slower, ChangeColor.faster, ChangeColor.neutral]
        func fills(_ layer: String) -> Set<Color> {
            Set((scene.layer(layer)?.items ?? []).compactMap { item -> Color? in
                if case let .rect(_, fill, _) = item, changes.contains(fill) { fill } else { nil }
            })
        }
        let drawn = fills("lanes")
        #expect(!drawn.isEmpty)
        #expect(fills("legend") == drawn)
        let labels = (scene.layer("legend")?.items ?? []).compactMap { item -> String? in
            if case let .text(t) = item { t.text } else { nil }
        }
        #expect(labels.contains { $0.hasPrefix("B faster") } == drawn.contains(ChangeColor.faster))
        #expect(labels.contains { $0.hasPrefix("B slower") } == drawn.contains(ChangeColor.slower))
        #expect(labels.contains { $0.hasPrefix("within") } == drawn.contains(ChangeColor.neutral))
    }

    @Test("under the whole run's row, what its wall time holds besides main: start-up, main's lifetime, the run's end")
    func wallTimeParts() throws {
        let a = try Self.run("multiplexed", workers: 2, work: 4_000, sleep: 10_000)
        let parts = try #require(WallTimeParts(a.timeline))
        // main was created at the first event and ended 1 µs before runFinish.
        #expect(parts == WallTimeParts(beforeMain: 0, main: 21_000, afterMain: 1_000))
        #expect(parts.wallTime == a.timeline.run.wallTime)
        // (The line wraps at words: joined, its rows give it back.)
        let all = try Self.scene().texts.map(\.text).joined(separator: " ")
        #expect(all.contains("wall time = start-up before main + main's lifetime + the run's end after main returned"))
        #expect(all.contains("A: 0 ns + 21.0 µs + 1.00 µs · B: 0 ns + 29.0 µs + 1.00 µs"), "\(all)")
    }

    @Test("under the title, why B's wall time differs; the headings name each side's scheduler and how the rows were chosen")
    func verdictAndSides() throws {
        let texts = try Self.scene().texts.map(\.text)
        let verdict = try #require(texts.first { $0.hasPrefix("B, thread-per-task, finished") })
        // Microseconds apart: within run-to-run noise, and said so.
        #expect(verdict.hasSuffix("as A, multiplexed (30.0 µs vs 22.0 µs): a tie within run-to-run noise."))
        #expect(texts.contains { $0.hasPrefix("In each row, A (multiplexed) is the upper bar and B (thread-per-task) the "
            + "lower. Rows: the whole run, then all 2 matched tasks") })
        // Every task drawn: main, which waited for the worker, and the worker, B's longer run first.
        #expect(texts.contains("main") && texts.contains("worker"))
        #expect(!texts.contains("median"))
    }

    @Test("bars are shares, not time: A's and B's bars are equally long whatever their lifetimes, no grid, percentages on them")
    func barsAreShares() throws {
        let scene = try Self.scene()
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("share of task time") })
        // No time-axis ticks: no grid lines, no duration written above the bars.
        let grid = scene.layer("grid")?.items.filter {
            if case let .line(from, to, _, _, _) = $0 { from.x == to.x } else { false }
        } ?? []
        #expect(grid.count == 1, "only the change column's centre line")
        // The worker's bars: framed boxes, A's and B's the same width though B lived longer.
        let frames = scene.layer("lanes")?.items.compactMap { item -> Rect? in
            if case let .rect(r, _, stroke) = item, stroke != nil { r } else { nil }
        } ?? []
        #expect(frames.count == 6, "A and B for the whole run and both tasks")
        #expect(Set(frames.map(\.width)).count == 1)
        // Each bar's pieces fill its frame.
        let lanes = scene.layer("lanes")?.items ?? []
        for frame in frames {
            let inside = lanes.compactMap { item -> Rect? in
                if case let .rect(r, _, nil) = item, r.y == frame.y + 1, r.x >= frame.x, r.maxX <= frame.maxX + 0.01 { r } else { nil }
            }
            let covered = inside.reduce(0) { $0 + $1.width }
            #expect(covered > frame.width - 2 - 4 - 1 && covered <= frame.width - 2 + 0.01)
        }
        // Percentages on the bars; the lifetime written beside them.
        #expect(texts.contains { $0.hasSuffix("%") && Int($0.dropLast().drop { $0 == "<" || $0 == ">" }) != nil })
        #expect(texts.contains("wall 22.0 µs") && texts.contains("wall 30.0 µs"))
        // The picture paints a share: inside the first frame, running's blue.
        let image = try ScenePainter.image(scene)
        let first = try #require(frames.min { $0.y < $1.y })
        let pixel = try #require(image.color(x: Int(first.x + 3), y: Int(first.y + first.height / 2)))
        #expect(ColorVision.normal.distance(pixel, Palette.color(of: .running)) < 3)
    }

    @Test("a share is written as a whole percentage, a sliver as <1%, all but a sliver as >99%")
    func shareText() {
        #expect(DiffLayout.shareText(1, of: 3) == "33%")
        #expect(DiffLayout.shareText(1, of: 1_000) == "<1%")
        #expect(DiffLayout.shareText(5, of: 5) == "100%")
        #expect(DiffLayout.shareText(999, of: 1_000) == ">99%")
        #expect(DiffLayout.shareText(0, of: 5) == "0%")
    }
}
