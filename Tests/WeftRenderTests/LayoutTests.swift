import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftRuntime
import WeftTestSupport
@testable import WeftRender

@Suite("Layout")
struct LayoutTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    /// Compares `text` with the golden file; WEFT_UPDATE_GOLDEN=1 rewrites it (refused under CI).
    func golden(_ name: String, _ text: String) throws {
        try GoldenFile.compare(text, with: name, in: URL(fileURLWithPath: Self.goldenFolder))
    }

    @Test("the small run's scene matches its golden text")
    func goldenSmall() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 900), measurer: measurer)
        try golden("small.scene.txt", scene.dump())
    }

    @Test("the small run's threads view matches its golden text")
    func goldenThreads() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 700, view: .threads, theme: .dark),
                                             measurer: measurer)
        try golden("small-threads-dark.scene.txt", scene.dump())
    }

    @Test("text stays in its box and never overlaps", arguments: [400, 640, 1600])
    func textFits(width: Int) throws {
        let small = Fixtures.small()
        let big = try Fixtures.synthetic(tasks: 300, bursts: 3, workers: 2)
        let per = try Fixtures.synthetic(tasks: 300, bursts: 3, workers: nil)
        var scenes: [(String, Scene)] = []
        for view in TimelineView.allCases {
            scenes.append(("small \(view)", try TimelineLayout.scene(small, options: RenderOptions(width: width, view: view), measurer: measurer)))
            scenes.append(("big \(view)", try TimelineLayout.scene(big, options: RenderOptions(width: width, view: view), measurer: measurer)))
        }
        scenes.append(("contrast", try TimelineLayout.contrast(big, per, options: RenderOptions(width: width), measurer: measurer)))
        scenes.append(("long title", try TimelineLayout.scene(small, options: RenderOptions(width: width, title: String(repeating: "a very long title ", count: 20)), measurer: measurer)))
        for (name, scene) in scenes {
            let problems = SceneChecks.textProblems(scene)
            #expect(problems.isEmpty, "\(name) at \(width) px: \(problems.prefix(5))")
            #expect(!scene.texts.isEmpty)
        }
    }

    @Test("labels that do not fit are shortened with an ellipsis or left out")
    func fitting() throws {
        let full = measurer.width("producer 1234", size: 10)
        #expect(measurer.fit("producer 1234", maxWidth: full + 1, size: 10) == "producer 1234")
        let short = try #require(measurer.fit("producer 1234", maxWidth: full / 2, size: 10))
        #expect(short.hasSuffix("…") && short.count < 13)
        #expect(measurer.width(short, size: 10) <= full / 2)
        #expect(measurer.fit("producer 1234", maxWidth: 3, size: 10) == nil)
        #expect(measurer.fit("t12", maxWidth: measurer.width("t12", size: 10) - 0.5, size: 10, minimumCharacters: 3) == nil)
    }

    @Test("slices are labelled with their task when they are wide enough")
    func sliceLabels() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 1600, view: .threads), measurer: measurer)
        let labels = Set(scene.texts.map(\.text))
        #expect(labels.isSuperset(of: ["t1 main", "t2 sender", "t3 receiver", "worker 1", "worker 2", "timer thread"]))
        let narrow = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 400, view: .threads), measurer: measurer)
        #expect(!narrow.texts.contains { $0.text == "t3 receiver" })
        #expect(narrow.texts.contains { $0.text.hasPrefix("t3") && $0.text.hasSuffix("…") })
    }

    @Test("slices narrower than a pixel fold into at most one piece per pixel column")
    func levelOfDetail() throws {
        let n = 200_000
        let slices = (0..<n).map { i in ThreadSlice(start: UInt64(i) * 100, end: UInt64(i) * 100 + 60, task: TaskID(UInt64(i % 50 + 1))) }
        let run = RenderTimeline(
            facts: RunFacts(program: "dense", scheduler: "multiplexed", taskCount: 50, threadCount: 1, wallTime: UInt64(n) * 100, eventCount: 2 * n),
            threads: [ThreadTrack(thread: ThreadID(1), label: "worker 1", slices: slices)])
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 800, view: .threads), measurer: measurer)
        let rects = try #require(scene.layer("lanes")).items.count
        #expect(rects > 50 && rects <= 800, "\(rects) rectangles for \(n) slices")
        #expect(scene.texts.contains { $0.text.hasPrefix("slices < 2 px") })
        // The thread is busy 60% of the time: each folded column is 60% as tall as the lane's bar (18 px).
        let heights = try #require(scene.layer("lanes")).items.compactMap { item -> Double? in
            if case let .rect(r, _, _) = item { r.height } else { nil }
        }
        #expect(heights.allSatisfy { $0 > 0.5 * 18 && $0 < 0.7 * 18 }, "\(Set(heights))")
    }

    @Test("past the lane limit, lanes become one density row with a count")
    func aggregation() throws {
        let run = try Fixtures.synthetic(tasks: 500, bursts: 2, workers: nil)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200, maxThreadLanes: 10, maxTaskLanes: 20), measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("482 more tasks"))
        #expect(texts.contains("493 more threads"))
        // Ten thread lanes: the timer thread and the threads of nine representative tasks.
        #expect(texts.filter { $0.hasPrefix("thread of") }.count == 9 && texts.contains("timer thread"))
        #expect(texts.contains { $0.contains("the threads of the tasks chosen as: first and last spawned") })
        #expect(scene.height < 1200)
    }

    @Test("arrows thin out when they would cover the picture")
    func arrowThinning() throws {
        var run = Fixtures.small()
        run.links = (0..<5_000).map { i in
            Link(kind: .message, from: TaskID(2), at: UInt64(i) * 20, to: TaskID(3), at: UInt64(i) * 20 + 10)
        }
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 800), measurer: measurer)
        let arrows = try #require(scene.layer("arrows")).items.count
        #expect(arrows > 10 && arrows <= 200, "\(arrows) arrows")
        #expect(scene.texts.contains { $0.text == "\(arrows) of 5,000 arrows shown" })
    }

    @Test("--tasks keeps matching task lanes and dims other tasks' slices")
    func taskPattern() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 1200, taskPattern: "*send*"), measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("t2 sender"))
        #expect(!texts.contains("t3 receiver") && !texts.contains("t1 main"))
        #expect(TaskPattern("t1?").matches(name: "worker", id: "t12"))
        #expect(!TaskPattern("t1?").matches(name: "main", id: "t1"))
        #expect(TaskPattern("worker").matches(name: "worker", id: "t12"))
        // A glob matches the name itself, as the README's `--tasks 'worker*'` means.
        #expect(TaskPattern("worker*").matches(name: "worker 1", id: "t2"))
    }

    @Test("a time window keeps only what happens inside it")
    func window() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 900, from: 40_000, to: 60_000, time: .linear), measurer: measurer)
        let ticks = scene.texts.filter { $0.text.hasSuffix("µs") }.map(\.text)
        #expect(ticks.first == "40 µs" && ticks.last == "60 µs")
        #expect(throws: RenderError.emptyWindow(from: 50_000, to: 40_000)) {
            try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(from: 50_000, to: 40_000), measurer: measurer)
        }
    }

    @Test("the contrast picture puts both runs on one time scale")
    func contrastScale() throws {
        let a = try Fixtures.synthetic(tasks: 50, bursts: 3, workers: 2)
        let b = try Fixtures.synthetic(tasks: 50, bursts: 3, workers: nil)
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1000), measurer: measurer)
        let titles = scene.texts.filter { $0.size == 16 }.map(\.text)
        #expect(titles.count == 2)
        #expect(titles[0].hasPrefix("multiplexed: 51 tasks + main on 3 OS threads (2 pool threads + timer) · peak RSS"), "\(titles[0])")
        #expect(titles[1].hasPrefix("thread-per-task: 51 tasks + main on 53 OS threads (one per task + timer) · peak RSS"),
                "\(titles[1])")
        // The picture opens with the verdict computed from both runs' figures.
        let verdict = ContrastVerdict.verdict(a.facts.figures, b.facts.figures)
        let drawn = scene.texts.filter { $0.size == 13 && $0.weight == .bold }.map(\.text).joined(separator: " ")
        #expect(drawn == verdict.headline && verdict.text.contains("hread-per-task used 53 OS threads instead of 3"))
        // The subtitles leave the thread count and peak RSS to the titles, which give the verdict's count.
        let subtitles = scene.texts.filter { $0.text.hasPrefix("program ") }.map(\.text)
        #expect(subtitles.count == 2 && subtitles.allSatisfy { !$0.contains("OS thread") && !$0.contains("pool thread") && !$0.contains("peak RSS") },
                "\(subtitles)")
        // Both Tasks headers open with all runnable time summed over the tasks, defined alike.
        // (A header wraps at words onto further rows: joined, the rows give it back.)
        let all = scene.texts.map(\.text).joined(separator: " ")
        // Said to be task-time summed over the tasks, never to be taken for a stretch of the wall time.
        let headers = all.components(separatedBy: " · waiting to run: ").dropFirst()
        #expect(headers.count == 2)
        #expect(headers.allSatisfy { $0.hasPrefix("each task waited ") && $0.contains(" on average (") && $0.contains(" over 52 tasks)") },
                "\(headers)")
        #expect(all.components(separatedBy: "; of it,").count == 1)
        // Repeated runs: the verdict gives medians, so each panel's peak RSS says it is that run's.
        var repeated = RenderOptions(width: 1600)
        repeated.wallTimeRuns = [WallTimeRuns([1_000_000, 2_000_000, 3_000_000])!, WallTimeRuns([1_500_000, 2_500_000, 3_500_000])!]
        let repeatedTitles = try TimelineLayout.contrast(a, b, options: repeated, measurer: measurer).texts
            .filter { $0.size == 16 }.map(\.text)
        #expect(repeatedTitles.count == 2 && repeatedTitles.allSatisfy { $0.contains(" in this run · ") }, "\(repeatedTitles)")
        #expect(!titles.contains { $0.contains("in this run") })
        // Given a description and a verdict (weft compare's, over repeated runs), the picture draws those, in that
        // order, under the title.
        var told = RenderOptions(width: 1000, title: "weft compare demo")
        told.description = "demo: what the program does"
        told.verdict = VerdictText(headline: "Thread-per-task finished neither reliably sooner nor later.")
        let toldScene = try TimelineLayout.contrast(a, b, options: told, measurer: measurer)
        let lines = toldScene.texts.map(\.text)
        let at = { (text: String) in lines.firstIndex(of: text) ?? -1 }
        #expect(at("weft compare demo") >= 0 && at("weft compare demo") < at("demo: what the program does"))
        #expect(at("demo: what the program does") < at("Thread-per-task finished neither reliably sooner nor later."))
        #expect(!lines.contains(verdict.headline))
        // Tick labels at the same x in both panels: one scale.
        let ticks = scene.texts.filter { $0.text.hasSuffix(" ms") && $0.size == 10 }
        let xs = Dictionary(grouping: ticks, by: \.text).mapValues { Set($0.map { Int($0.box.x * 10) }) }
        #expect(!xs.isEmpty && xs.values.allSatisfy { $0.count == 1 })
        #expect(xs.values.allSatisfy { _ in true } && ticks.count == 2 * xs.count)
    }
}

@Suite("Lock lanes")
struct LockLaneTests {
    @Test("a mutex lane shows holds in the holder's colour and a strip where tasks wait")
    func lockLane() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("lock mu7 stats"))
        #expect(texts.contains { $0.hasPrefix("1 mutex, 1 waited for") })
        let lanes = try #require(scene.layer("lanes")).items
        let senderColor = LaneSelection(Fixtures.small(), options: RenderOptions(width: 1200)).coloring.color(TaskID(2))
        let holdBars = lanes.filter { if case let .rect(_, fill, _) = $0 { fill == senderColor } else { false } }
        #expect(holdBars.count == 2)  // the sender's run slice and its hold of the lock
        let strips = try #require(scene.layer("holds")).items.filter {
            if case let .rect(r, fill, _) = $0 { fill == Palette.color(of: .mutex) && r.height == 3 } else { false }
        }
        #expect(strips.count == 1)
        let none = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 1200, maxLockLanes: 0), measurer: TextMeasurer())
        #expect(!none.texts.contains { $0.text == "lock mu7 stats" })
    }
}

@Suite("Edge cases")
struct EdgeCaseTests {
    @Test("an empty run draws its header and says there is nothing to draw")
    func empty() throws {
        let run = RenderTimeline(facts: RunFacts(program: "nothing", scheduler: "multiplexed", taskCount: 0, threadCount: 0,
                                                 wallTime: 0, eventCount: 0))
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 600), measurer: TextMeasurer())
        #expect(scene.texts.contains { $0.text.hasPrefix("nothing to draw") })
        #expect(SceneChecks.textProblems(scene).isEmpty)
        _ = try ScenePainter.image(scene)
    }

    @Test("a run that ended badly says so in its header")
    func problem() throws {
        var run = Fixtures.small()
        run.facts.problem = "deadlocked"
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: TextMeasurer())
        #expect(scene.texts.contains { $0.text.contains("ended deadlocked") })
    }

    @Test("a long problem message is drawn line by line, wrapped at word boundaries, never cut off")
    func problemLines() throws {
        var run = Fixtures.small()
        let cycle = (0..<6).map { "t\($0 + 2) \"philosopher \($0 + 1)\" waits on mutex mu\($0 + 2) \"fork \($0 + 2)\", held by t\($0 + 3)" }
        run.facts.problem = "deadlocked: deadlock: all 6 live tasks are blocked and no timer is pending.\n"
            + cycle.joined(separator: "\n") + "\n" + String(repeating: "a rather long line of words ", count: 12)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 900), measurer: TextMeasurer())
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("program pingpong · ended deadlocked ·") })
        for line in cycle { #expect(texts.contains(line), "missing \(line)") }
        // The long last line wraps into whole words: no ellipsis, no control characters.
        #expect(!texts.contains { $0.contains("\n") || ($0.contains("rather") && $0.hasSuffix("…")) })
        #expect(texts.filter { $0.contains("rather") }.count >= 2)
        #expect(SceneChecks.textProblems(scene).isEmpty)
    }

    @Test("wrapping keeps words whole and honours line breaks")
    func wrapping() throws {
        let m = try TextMeasurer()
        let width = m.width("alpha beta", size: 12) + 1
        #expect(m.wrap("alpha beta gamma\ndelta", maxWidth: width, size: 12) == ["alpha beta", "gamma", "delta"])
        #expect(m.wrap("", maxWidth: width, size: 12) == [])
    }
}

@Suite("Header of a deterministic run")
struct VirtualTimeHeaderTests {
    @Test("a trace recorded under the deterministic scheduler says virtual time in its header, not wall")
    func saysVirtualTime() async throws {
        let path = temporaryTracePath("virtual-header")
        defer { TemporaryFiles.remove(path) }
        _ = try await Weft.run(RunOptions(scheduler: .deterministic(seed: 3), tracePath: path, programName: "sleeper")) { rt in
            try await rt.sleep(for: .milliseconds(20))
        }
        let trace = try RecordedTrace(path: path)
        let facts = RenderTimeline(timeline: trace.timeline).facts
        #expect(facts.virtualTime)
        let line = TimelineLayout.factsLine(facts)
        #expect(line.contains("virtual time 20.0 ms"), "\(line)")
        #expect(!line.contains("wall "))
        #expect(TimelineLayout.contrastTitle(facts).contains("virtual time 20.0 ms"))
    }
}
