import Foundation
import Testing
import WeftAnalysis
import WeftRuntime
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// A run drawn for its marks: twelve tasks (so that two task colours are worn twice), a main task whose sends,
/// receives and wake-ups fall a fraction of a pixel apart, a select timeout, and a thread lane that runs t1 and t11.
enum MarkFixture {
    static let us: UInt64 = 1_000

    static func run() -> RenderTimeline {
        let end = 200 * us
        let facts = RunFacts(program: "dense", scheduler: "multiplexed", workers: 1, taskCount: 12, threadCount: 1,
                             wallTime: end, eventCount: 400)
        let threads = [
            ThreadTrack(thread: ThreadID(1), label: "pool thread 0", slices: [
                ThreadSlice(start: 0, end: 60 * us, task: TaskID(1)),
                ThreadSlice(start: 60 * us, end: 120 * us, task: TaskID(11)),
                ThreadSlice(start: 120 * us, end: 180 * us, task: TaskID(12)),
            ], lifetime: TimeSpan(0, end)),
        ]
        // Main: 30 rounds of send, receive and wake 200 ns apart (a fraction of a pixel), then a timeout at 150 µs.
        var marks: [Mark] = []
        for round in 0..<30 {
            let t = 20 * us + UInt64(round) * 600
            marks += [Mark(time: t, kind: .send), Mark(time: t + 200, kind: .receive), Mark(time: t + 400, kind: .wake)]
        }
        marks.append(Mark(time: 150 * us, kind: .timeout))
        var tasks = [TaskTrack(task: TaskID(1), name: "main", spans: [
            StateSpan(start: 0, end: 140 * us, state: .running),
            StateSpan(start: 140 * us, end: 150 * us, state: .channel),
            StateSpan(start: 150 * us, end: end, state: .running),
        ], marks: marks)]
        for id in 2...12 {
            tasks.append(TaskTrack(task: TaskID(UInt64(id)), name: "worker \(id - 1)", spans: [
                StateSpan(start: 10 * us, end: end, state: .sleeping),
            ]))
        }
        let links = (0..<30).map { round in
            let t = 20 * us + UInt64(round) * 600
            return Link(kind: .message, from: TaskID(1), at: t, to: TaskID(2), at: t + 200)
        }
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks, links: links)
    }

    static func scene() throws -> Scene {
        try TimelineLayout.scene(run(), options: RenderOptions(width: 900, time: .linear), measurer: TextMeasurer())
    }
}

@Suite("Marks and task colours a newcomer reads right")
struct MarkCrowdTests {
    @Test("the marks' scene matches its golden text")
    func golden() throws {
        let scene = try MarkFixture.scene()
        if let folder = Gallery.folder { try ScenePainter.write(scene, to: "\(folder)/marks.png") }
        try GoldenFile.compare(scene.dump(), with: "marks.scene.txt", in: URL(fileURLWithPath: LayoutTests.goldenFolder))
    }

    @Test("marks within a few pixels are one marker per kind with a count; no marker or count overlaps another, and every mark is counted once")
    func crowds() throws {
        let scene = try MarkFixture.scene()
        #expect(SceneChecks.textProblems(scene).isEmpty, "\(SceneChecks.textProblems(scene).prefix(3))")
        let layer = try #require(scene.layer("markers"))
        var boxes: [(String, Rect)] = []
        var counted = 0
        for item in layer.items {
            switch item {
            case let .marker(shape, center, size, color):
                // A timeout's halo is drawn under its own marker: not a marker of its own.
                if color == Theme.light.background { continue }
                boxes.append((shape.rawValue, Rect(x: center.x - size / 2, y: center.y - size / 2, width: size, height: size)))
                counted += 1
            case let .text(text):
                boxes.append((text.text, text.box))
                guard text.text.hasPrefix("×") else { continue }  // the word "timeout" beside its marker
                counted += Int(text.text.dropFirst()) ?? 0
                counted -= 1  // its marker counted one already
            default:
                break
            }
        }
        for i in boxes.indices {
            for j in boxes.indices where j > i {
                #expect(!boxes[i].1.intersects(boxes[j].1), "\(boxes[i].0) \(boxes[i].1) overlaps \(boxes[j].0) \(boxes[j].1)")
            }
        }
        // 90 sends, receives and wakes, and one timeout.
        #expect(counted == 91)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains("×30"))
        #expect(texts.contains { $0.hasPrefix("×N: N marks of one kind within a few pixels") })
    }

    @Test("the legend's arrow count is the arrows drawn, of the arrows between drawn lanes")
    func arrowCount() throws {
        let scene = try MarkFixture.scene()
        let drawn = try #require(scene.layer("arrows")).items.count
        #expect(drawn < 30)
        #expect(scene.texts.contains { $0.text == "\(drawn) of 30 arrows shown" })
    }

    @Test("a fired timeout has its own marker, larger than the rest on a halo, labelled in the lane and named in the legend")
    func timeoutMark() throws {
        let scene = try MarkFixture.scene()
        let background = Theme.light.background
        let markers = scene.layers.flatMap(\.items).compactMap { item -> (MarkerShape, Double, Color)? in
            if case let .marker(shape, _, size, color) = item { (shape, size, color) } else { nil }
        }
        let hourglasses = markers.filter { $0.0 == .hourglass && $0.2 != background }
        let halos = markers.filter { $0.0 == .hourglass && $0.2 == background }
        // The lane's and the legend's, each on its halo, both as large, and larger than every other kind of mark.
        #expect(hourglasses.count == 2 && halos.count == 2)
        #expect(hourglasses.allSatisfy { $0.1 == Metrics.timeoutMarkerSize } && halos.allSatisfy { $0.1 > Metrics.timeoutMarkerSize })
        let others = try #require(scene.layer("markers")).items.compactMap { item -> Double? in
            if case let .marker(shape, _, size, _) = item, shape != .hourglass { size } else { nil }
        }
        #expect(!others.isEmpty && others.allSatisfy { $0 < Metrics.timeoutMarkerSize })
        // The word in the lane, beside its marker, and the legend's entry saying so.
        let lane = try #require(scene.layer("markers")).items.compactMap { item -> String? in
            if case let .text(text) = item { text.text } else { nil }
        }
        #expect(lane.contains("timeout"))
        #expect(scene.texts.contains { $0.text.hasPrefix("timeout: went on without a message (\"timeout\" beside it)") })
    }

    @Test("where task colours repeat, the legend says every how many; the repeat's slice carries a stripe and its label")
    func repeatedColours() throws {
        let scene = try MarkFixture.scene()
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("colours repeat every \(Palette.taskColors.count) tasks") })
        // t11 wears t1's colour: its slice is labelled and striped (a band of the background across it).
        #expect(texts.contains("t11 worker 10") && texts.contains("t1 main"))
        let lanes = try #require(scene.layer("lanes")).items
        let indigo = Palette.taskColors[0]
        let slices = lanes.compactMap { item -> Rect? in
            if case let .rect(rect, fill, _) = item, fill == indigo { rect } else { nil }
        }
        #expect(slices.count == 2)
        let stripes = lanes.filter { item in
            if case let .rect(rect, fill, _) = item { fill == Theme.light.background && rect.height == 2 } else { false }
        }
        #expect(stripes.count == 2)  // t11 and t12
    }
}

@Suite("Fired timeouts in the model", .serialized)
struct FiredTimeoutTests {
    @Test("a select's timeout case and a receive(timeout:) that gave up are fired timeouts; a message or the default case is not")
    func model() async throws {
        let trace = try await RecordedTrace.record(.deterministic(seed: 1), name: "timeouts") { rt in
            let channel = rt.channel(of: Int.self, capacity: 1, name: "items")
            let waited: Int = try await rt.select(.receive(channel) { $0 ?? -1 }, .after(.milliseconds(1)) { -2 })
            try await channel.send(7)
            let got: Int = try await rt.select(.receive(channel) { $0 ?? -1 }, .after(.milliseconds(1)) { -2 })
            let fallback: Int = try await rt.select(.receive(channel) { $0 ?? -1 }, .otherwise { -3 })
            guard case .timedOut = try await channel.receive(timeout: .milliseconds(1)) else { throw CancellationError() }
            let results: [Int] = [waited, got, fallback]
            #expect(results == [-2, 7, -3])
        }
        #expect(trace.failure == nil)
        let timeline = trace.timeline
        #expect(timeline.timeouts.count == 2)
        #expect(timeline.timeouts.map { $0.channel == nil } == [true, false])
        #expect(timeline.timeouts.allSatisfy { $0.task == TaskID(1) })
        let run = RenderTimeline(timeline: timeline)
        let main = try #require(run.tasks.first { $0.task == TaskID(1) })
        #expect(main.marks.filter { $0.kind == .timeout }.map(\.time) == timeline.timeouts.map { $0.time - timeline.run.start })
    }
}
