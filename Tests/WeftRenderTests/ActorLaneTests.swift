import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// An actor's own lane: its jobs (busy), whose code ran in them, and the tasks waiting to enter it.
@Suite("Actor lanes")
struct ActorLaneTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    /// Two callers on one Cache: t2 runs 100–150, t3 150–200, the job ends at 210; t2 waited 71–100, t3 91–150 (from leaving
    /// their slices).
    func actorRun() throws -> RenderTimeline {
        RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(ActorTraceText.text)))
    }

    func texts(_ scene: Scene) -> [String] {
        scene.layers.flatMap(\.items).compactMap { item -> String? in
            if case let .text(text) = item { text.text } else { nil }
        }
    }

    @Test("the track holds the actor's jobs, the task code in them and the model's waits to enter it")
    func track() throws {
        let run = try actorRun()
        let cache = try #require(run.actors.first)
        #expect(run.actors.count == 1 && cache.actor == ActorID(5) && cache.typeName == "Cache")
        #expect(cache.jobs == [TimeSpan(100, 210)])
        #expect(cache.visits == [ThreadSlice(start: 100, end: 150, task: TaskID(2)), ThreadSlice(start: 150, end: 200, task: TaskID(3))])
        #expect(cache.waits == [TimeSpan(71, 100), TimeSpan(91, 150)])
        let steps = ActorTrack.queueSteps(cache.waits).map { [$0.start, $0.end, UInt64($0.count)] }
        #expect(steps == [[71, 91, 1], [91, 100, 2], [100, 150, 1]])
        #expect(cache.peakQueue == 2)
        // A hand-over at one instant is never two waiting at once.
        #expect(ActorTrack.queueSteps([TimeSpan(0, 10), TimeSpan(10, 20)]).map(\.count).max() == 1)
    }

    @Test("an actor lane draws the jobs, the task code in them and the queue to enter it (golden)")
    func golden() throws {
        let scene = try TimelineLayout.scene(try actorRun(), options: RenderOptions(width: 900), measurer: measurer)
        try LayoutTests().golden("actor-lane.scene.txt", scene.dump())
        let words = texts(scene)
        #expect(words.contains("Actors"))
        #expect(words.contains("Cache"))
        #expect(words.contains("busy 110 ns · up to 2 waiting"))
        // How much of the run the actor was busy (110 of 290 ns), and that its callers queued for it.
        #expect(words.contains { $0.contains("1 actor · busy 110 ns, 37.9% of the run: callers queue for it · each runs one task's code at a time") })
        // The queue's time, beside the waiting to run and not in it.
        #expect(words.contains { $0.contains("waiting to enter a busy actor: 44 ns per task") })
        #expect(words.contains { $0.hasPrefix("actor busy (a job") })
        #expect(words.contains { $0.hasPrefix("waiting to enter a busy actor") && $0.contains("on an actor lane: how many wait") })
    }

    @Test("the painted lane shows the job's box, each task's code in its colour, grey where none is named, and the queue")
    func painted() throws {
        let run = try actorRun()
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 900), measurer: measurer)
        let image = try ScenePainter.image(scene)
        let lanes = try #require(scene.layer("lanes")).items
        let stroke = PanelLayout.actorJobColors(.light).stroke
        let boxes = lanes.compactMap { item -> Rect? in
            if case let .rect(r, _, s) = item, s == stroke { r } else { nil }
        }
        let box = try #require(boxes.first)
        #expect(boxes.count == 1)
        let lanesSelected = LaneSelection(run, options: RenderOptions(width: 900))
        let y = Int(box.y + box.height / 2)
        // t2's code (the job's first 50 of 110 ns), t3's (the next 50): sampled clear of their labels, at the right.
        let perNs = box.width / 110
        for (task, end) in [(TaskID(2), 50.0), (TaskID(3), 100.0)] {
            let color = lanesSelected.coloring.color(task)
            let seen = try #require(image.color(x: Int(box.x + end * perNs) - 4, y: y))
            #expect(close(seen, color), "\(task)'s code: \(seen), expected \(color)")
        }
        // The last 10 ns named no task: grey, neither background nor a task's colour.
        let grey = try #require(image.color(x: Int(box.x + 105 * perNs), y: y))
        #expect(abs(grey.red - grey.green) < 0.05 && abs(grey.green - grey.blue) < 0.08 && grey.red < 0.95 && grey.red > 0.6,
                "unnamed stretch: \(grey)")
        // Two tasks waited at once (91–100 ns): the strip there, full height, is hatched in waiting for an actor's colour.
        let holds = try #require(scene.layer("holds")).items
        let hatches = holds.compactMap { item -> Rect? in
            if case let .hatch(r, color, _) = item, color == Palette.color(of: .actor) { r } else { nil }
        }
        let tallest = try #require(hatches.max { $0.height < $1.height })
        #expect(tallest.y >= box.maxY && tallest.height >= Metrics.actorQueue - 3)
        var vermillion = 0
        for x in Int(tallest.x)..<Int(tallest.maxX) {
            for y in Int(tallest.y)..<Int(tallest.maxY) {
                if let c = image.color(x: x, y: y), close(c, Palette.color(of: .actor), tolerance: 0.12) { vermillion += 1 }
            }
        }
        #expect(vermillion >= 10, "the queue strip's hatching is painted")
    }

    @Test("an actor's jobs too short to see are drawn at least a few pixels wide, at full strength, in their task's colour")
    func shortJobsVisible() throws {
        // A 10 ms run with 5 µs jobs: a fraction of a pixel each at 900 px, as actor-cache's lookups are.
        var jobs: [TimeSpan] = []
        for i in 0..<5 {
            let start = UInt64(1_000_000) + UInt64(i) * 2_000_000
            jobs.append(TimeSpan(start, start + 5_000))
        }
        let visits = jobs.map { ThreadSlice(start: $0.start, end: $0.end, task: TaskID(2)) }
        let tasks = [TaskTrack(task: TaskID(1), name: "main", spans: [StateSpan(start: 0, end: 10_000_000, state: .running)]),
                     TaskTrack(task: TaskID(2), name: "client", spans: [StateSpan(start: 0, end: 10_000_000, state: .sleeping)])]
        let run = RenderTimeline(facts: RunFacts(program: "p", scheduler: "multiplexed", taskCount: 2, threadCount: 1,
                                                 wallTime: 10_000_000, eventCount: 0),
                                 tasks: tasks, actors: [ActorTrack(actor: ActorID(1), typeName: "Cache", jobs: jobs, visits: visits)])
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 900, time: .linear), measurer: measurer)
        let color = LaneSelection(run, options: RenderOptions(width: 900)).coloring.color(TaskID(2))
        let pieces = try #require(scene.layer("lanes")).items.compactMap { item -> Rect? in
            if case let .rect(r, fill, _) = item, fill == color { r } else { nil }
        }
        #expect(pieces.count == 5)
        #expect(pieces.allSatisfy { $0.width >= Metrics.minimumActorSlice }, "\(pieces)")
        #expect(texts(scene).joined(separator: " ").contains("actor busy (a job, at least 3 px wide)"))
    }

    @Test("both panels of a contrast picture list the same actors in the same order, busiest first")
    func sameActorsInBothPanels() throws {
        func run(_ actors: [ActorTrack]) -> RenderTimeline {
            RenderTimeline(facts: RunFacts(program: "p", scheduler: "s", taskCount: 0, threadCount: 0, wallTime: 1_000,
                                           eventCount: 0), actors: actors)
        }
        let a = run([ActorTrack(actor: ActorID(1), typeName: "Cache", jobs: [TimeSpan(0, 100)]),
                     ActorTrack(actor: ActorID(2), typeName: "Log", jobs: [TimeSpan(0, 500)])])
        let b = run([ActorTrack(actor: ActorID(7), typeName: "Log", jobs: [TimeSpan(0, 10)]),
                     ActorTrack(actor: ActorID(9), typeName: "Cache", jobs: [TimeSpan(0, 50)]),
                     ActorTrack(actor: ActorID(12), typeName: "Cache", jobs: [TimeSpan(0, 20)]),
                     ActorTrack(actor: ActorID(13), typeName: "", jobs: [TimeSpan(0, 5)])])
        let order = LaneSelection.actorOrder([a, b])
        #expect(order == ["Log", "Cache", "Cache #2", "an actor"])
        let (lanesA, hiddenA) = LaneSelection.actorLanes(a, order: order, limit: 6)
        let (lanesB, _) = LaneSelection.actorLanes(b, order: order, limit: 6)
        #expect(lanesA.map(\.key) == lanesB.map(\.key) && hiddenA == 0)
        #expect(lanesA.map(\.label) == ["Log", "Cache", "Cache #2", "an actor"])
        #expect(lanesA.map { $0.track?.actor } == [ActorID(2), ActorID(1), nil, nil])
        #expect(lanesB.map(\.label) == ["Log", "Cache ac9", "Cache ac12", "ac13 (an actor)"])
        #expect(LaneSelection.actorQueueNote(lanesA[2]) == "not in this run")
        // In the picture: both panels' actor lanes, labelled in one order.
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1000), measurer: measurer)
        let words = texts(scene)
        // Each panel's section heading, and the legend's group.
        #expect(words.filter { $0 == "Actors" }.count == 3)
        let labels = words.filter { ["Log", "Cache", "Cache ac9", "Cache ac12"].contains($0) }
        #expect(labels == ["Log", "Cache", "Log", "Cache ac9", "Cache ac12"])
    }

    @Test("a run without actors has no Actors section and no actor entries in its legend")
    func noActorsNoSection() throws {
        let scene = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 900), measurer: measurer)
        let words = texts(scene)
        #expect(!words.contains("Actors"))
        #expect(!words.contains { $0.hasPrefix("actor busy") || $0.contains("on an actor lane") })
    }

    func close(_ a: Color, _ b: Color, tolerance: Double = 3 / 255) -> Bool {
        abs(a.red - b.red) <= tolerance && abs(a.green - b.green) <= tolerance && abs(a.blue - b.blue) <= tolerance
    }
}

extension ActorLaneTests {
    @Test("in a threads view the queue strip is named in the legend's Actors group, with no task state drawn")
    func queueEntryWithoutTaskLanes() throws {
        let scene = try TimelineLayout.scene(try actorRun(), options: RenderOptions(width: 900, view: .threads), measurer: measurer)
        let legend = try #require(scene.layer("legend")).items.compactMap { item -> TextItem? in
            if case let .text(text) = item { text } else { nil }
        }
        let headings = legend.filter { $0.weight == .bold }.map(\.text)
        #expect(!headings.contains("Tasks"))
        let actors = try #require(legend.first { $0.text == "Actors" })
        let entry = try #require(legend.first { $0.text == "tasks waiting to enter, as tall as how many" })
        // In the Actors group's rows: from its heading down to the next group's.
        let next = legend.filter { $0.weight == .bold && $0.box.y > actors.box.y }.map(\.box.y).min() ?? .infinity
        #expect(entry.box.y >= actors.box.y - 1 && entry.box.y < next)
    }
}
