import Foundation
import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// Every stretch of a picture's time axis says where the time went: the machine's stalls, a pool thread the OS did
/// not run, the start-up before main and the end after it; and its labels never crowd.
@Suite("Where the time went")
struct TimeAccountTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }
    let us: UInt64 = 1_000

    /// The stall marks of `scene`: rects in the stall colour as tall as a mark (not the legend's swatch).
    static func stallMarks(_ scene: Scene) -> [Rect] {
        scene.layers.flatMap(\.items).compactMap { item -> Rect? in
            if case let .rect(rect, color, nil) = item, color == Theme.light.stallBand, rect.height == Metrics.stallMark {
                rect
            } else { nil }
        }
    }

    @Test("a stall is a labelled grey mark under the axis, never across the lanes, and the legend says what it is")
    func stallMark() throws {
        var run = Fixtures.small()
        run.stalls = [TimeSpan(62 * us, 88 * us)]
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1000), measurer: measurer)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let label = try #require(scene.texts.first { $0.text.hasPrefix("machine stall 26.0 µs") })
        #expect(label.text == "machine stall 26.0 µs: no thread of the process ran")
        #expect(scene.texts.contains { $0.text.hasPrefix("machine stall (grey mark under the axis)") })
        let marks = Self.stallMarks(scene)
        #expect(marks.count == 1)
        let mark = try #require(marks.first)
        // Under the label's row, above every lane: a note about the machine, not something a lane did.
        let lanes = scene.texts.filter { ["worker 1", "receiver"].contains($0.text) || $0.text.hasSuffix("receiver") }
        #expect(!lanes.isEmpty && lanes.allSatisfy { $0.box.y >= mark.maxY }, "\(lanes.map(\.box)) \(mark)")
        #expect(mark.height <= Metrics.stallMark && mark.y >= label.box.y)
        #expect(label.box.x <= mark.maxX && label.box.maxX >= mark.x)
        // No stall: no mark, no legend entry.
        let plain = try TimelineLayout.scene(Fixtures.small(), options: RenderOptions(width: 1000), measurer: measurer)
        #expect(!plain.texts.contains { $0.text.hasPrefix("machine stall") })
        #expect(Self.stallMarks(plain).isEmpty)
    }

    @Test("several stalls are labelled once with their count and summed length; marks closer than a few pixels merge")
    func stallsLabelledOnce() throws {
        var run = Fixtures.small()
        // Two stalls a pixel apart at this width (merged into one mark), one far off.
        run.stalls = [TimeSpan(20 * us, 22 * us), TimeSpan(22_500, 24_500), TimeSpan(80 * us, 90 * us)]
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1000, time: .linear), measurer: measurer)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let labels = scene.texts.filter { $0.text.hasPrefix("machine stall") && !$0.text.contains("grey mark") }
        #expect(labels.map(\.text) == ["machine stalls: 3, 14.0 µs in all; no thread of the process ran"], "\(labels.map(\.text))")
        #expect(Self.stallMarks(scene).count == 2, "\(Self.stallMarks(scene))")
    }

    @Test("the stall mark is painted: pixels inside it are grey, just outside it not")
    func stallMarkPainted() throws {
        var run = Fixtures.small()
        run.stalls = [TimeSpan(62 * us, 88 * us)]
        let options = RenderOptions(width: 1000)
        let scene = try TimelineLayout.scene(run, options: options, measurer: measurer)
        let mark = try #require(Self.stallMarks(scene).first)
        let label = try #require(scene.texts.first { $0.text.hasPrefix("machine stall 26.0 µs") })
        let image = try ScenePainter.image(scene)
        let y = Int(mark.y + mark.height / 2)
        let inside = (Int(mark.x) + 1 ..< Int(mark.maxX) - 1).compactMap { image.color(x: $0, y: y) }
        // Beyond the label's text and halo, the row is background.
        let clear = Int(max(mark.maxX, label.box.maxX)) + 6
        let outside = (clear ..< clear + 16).compactMap { image.color(x: $0, y: y) }
        #expect(!inside.isEmpty && inside.allSatisfy { $0.red < 0.9 })
        #expect(!outside.isEmpty && outside.allSatisfy { $0.red > 0.9 })
    }

    @Test("a real trace's stall is found and drawn: main 'running' on 2 cores while nothing of the process ran")
    func stallFromATrace() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(Self.runningStall))
        let run = RenderTimeline(timeline: timeline)
        #expect(run.stalls == [TimeSpan(3_500_000, 10_500_000)])
        #expect(run.facts.stalled == 7_000_000)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200, time: .linear), measurer: measurer)
        #expect(scene.texts.contains { $0.text == "machine stall 7.00 ms: no thread of the process ran" })
        // main keeps its state through the stall.
        #expect(run.tasks[0].spans.contains { $0.state == .running && $0.start <= 3_500_000 && $0.end >= 10_500_000 })
    }

    @Test("a pool thread that had work in its queue and was not run by the OS is drawn held, and its task's wait is not wake-up latency")
    func frozenPoolThread() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(Self.frozenWorker))
        let run = RenderTimeline(timeline: timeline)
        let worker0 = try #require(run.threads.first { $0.label == "pool thread 0" })
        #expect(worker0.frozen == [ThreadSlice(start: 400_000, end: 3_400_000, task: TaskID(2))])
        let t2 = try #require(run.tasks.first { $0.name == "yielder" })
        // Ready from its yield (0.4 ms) to its next run (3.4 ms): waiting for the OS to run its pool thread.
        #expect(t2.spans.contains { $0.state == .runnable && $0.start == 400_000 && $0.end == 3_400_000 }, "\(t2.spans)")
        #expect(!t2.spans.contains { ($0.state == .wakeLatency || $0.state == .osWakeDelay) && $0.end > 400_000 })
        #expect(run.facts.frozenPoolThread == 3_000_000)
        // One definition: the verdict's figure is the drawn stretch's.
        let stretches = FrozenPoolThreads(timeline).stretches
        #expect(stretches.map { $0.end - $0.start } == [3_000_000] && stretches.map(\.task) == [TaskID(2)])
        #expect(RunFigures(timeline).frozenPoolThread == 3_000_000)
        // What wake-up latency remains is the start's, before pool thread 1 first ran a task (at 0.15 ms).
        #expect(run.facts.wakeLatency.total < 150_000)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200, time: .linear), measurer: measurer)
        #expect(SceneChecks.textProblems(scene).isEmpty)
        #expect(scene.texts.contains { $0.text.hasPrefix("pool thread not run by the OS while a task waited in its queue") })
        // (The Tasks header wraps at words onto further rows: joined, the rows give it back.)
        #expect(scene.texts.map(\.text).joined(separator: " ").contains("of it for the OS to run the busy pool thread that held the task"))
        // The same gap with a recorded wake-up: the thread parked, was woken and ran late; not frozen.
        let woken = Self.frozenWorker.replacingOccurrences(of: "3390000 T1 - sample", with: "3390000 T1 - threadWake delay=10000ns\n3390001 T1 - sample")
        let parked = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(woken)))
        #expect(parked.threads.allSatisfy { $0.frozen.isEmpty })
    }

    @Test("before main and after main are named: in the facts line, in fold labels and in notes under the axis")
    func startUpAndEnd() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(Self.lateMain))
        let run = RenderTimeline(timeline: timeline)
        #expect(run.facts.wallParts == WallTimeParts(beforeMain: 4_000_000, main: 2_000_000, afterMain: 3_000_000))
        #expect(RunFigures(timeline).wallParts == run.facts.wallParts)
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1200, time: .linear), measurer: measurer)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.contains("wall 9.00 ms = 4.00 ms before main + 2.00 ms main + 3.00 ms after") }, "\(texts)")
        #expect(texts.contains("start-up before main ran: 2 runtime threads starting"), "\(texts)")
        #expect(texts.contains("after main: 3 threads ending"), "\(texts)")
        #expect(SceneChecks.textProblems(scene).isEmpty)
        // Folded, each stretch's fold says the same.
        let folded = try TimelineLayout.scene(run, options: RenderOptions(width: 1200), measurer: measurer)
        #expect(folded.texts.contains { $0.text.contains("start-up before main ran") })
        #expect(folded.texts.contains { $0.text.contains("after main: 3 threads ending") })
        #expect(SceneChecks.textProblems(folded).isEmpty)
    }

    @Test("no tick label, fold label or note overlaps or comes within a few pixels of another, in any recorded picture")
    func axisLabelsKeepApart() throws {
        let folder = CommittedTraces.folder
        let names = CommittedTraces.names.filter { $0.hasSuffix("-multiplexed.weft") }
        for name in names {
            let other = folder.appendingPathComponent(name.replacingOccurrences(of: "-multiplexed", with: "-thread-per-task"))
            guard FileManager.default.fileExists(atPath: other.path) else { continue }
            let a = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: folder.appendingPathComponent(name).path)))
            let b = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: other.path)))
            let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1600), measurer: measurer)
            // Texts in one row (the same baseline) at axis size keep at least 6 px apart.
            let small = scene.texts.filter { text in
                text.size == Metrics.axisSize && (text.text.hasPrefix(FoldLabels.frame) || text.text.hasPrefix("machine stall")
                    || text.text.hasPrefix("start-up") || text.text.hasPrefix("after main")
                    || text.text.range(of: #"^[0-9.]+ (ms|µs|s|ns)$"#, options: .regularExpression) != nil)
            }
            let rows = Dictionary(grouping: small) { Int($0.baseline.rounded()) }
            for (_, row) in rows {
                let sorted = row.sorted { $0.box.x < $1.box.x }
                for (left, right) in zip(sorted, sorted.dropFirst()) {
                    #expect(right.box.x - left.box.maxX >= 6, "\(name): \"\(left.text)\" and \"\(right.text)\" touch")
                }
            }
        }
    }

    /// main runs on pool thread 0 from 1 ms to 11 ms on 2 cores; the 1 ms sampler records at 0.5 … 3.5 ms, then
    /// nothing of the process records anything until 10.5 ms.
    static let runningStall = """
        0 T1 - metadata key="scheduler" value="multiplexed"
        0 T1 - metadata key="workers" value="2"
        0 T1 - metadata key="cores" value="2"
        0 T1 - threadStart tid=100 role=worker index=0
        0 T2 - threadStart tid=101 role=worker index=1
        0 T3 - threadStart tid=102 role=timer index=0
        500000 T3 - sample name="rss_bytes" value=1000000
        900000 T1 - taskCreate task=t1 parent=- name="main" site=""
        1000000 T1 t1 runBegin task=t1
        1500000 T3 - sample name="rss_bytes" value=1000000
        2500000 T3 - sample name="rss_bytes" value=1000000
        3500000 T3 - sample name="rss_bytes" value=1000000
        10500000 T3 - sample name="rss_bytes" value=1000000
        11000000 T1 t1 taskEnd task=t1 outcome=returned message=""
        11000000 T1 t1 runEnd task=t1 reason=finished
        11500000 T3 - sample name="rss_bytes" value=1000000
        12000000 T1 - threadStop
        12000000 T2 - threadStop
        12000000 T3 - threadStop
        12000000 T1 - runFinish outcome=completed message=""
        """

    /// A pool of 2 threads. main (t1) spawns "yielder" (t2) and "busy" (t3). t2 yields on pool thread 0 (T1) at
    /// 0.4 ms, so it waits in T1's own queue; T1 records nothing (no wake-up) until it runs t2 again at 3.4 ms, while
    /// T2 runs t3 throughout.
    static let frozenWorker = """
        0 T1 - metadata key="scheduler" value="multiplexed"
        0 T1 - metadata key="workers" value="2"
        0 T1 - metadata key="cores" value="2"
        0 T1 - threadStart tid=100 role=worker index=0
        0 T2 - threadStart tid=101 role=worker index=1
        100000 T1 - taskCreate task=t1 parent=- name="main" site=""
        110000 T1 t1 runBegin task=t1
        120000 T1 t1 taskCreate task=t2 parent=t1 name="yielder" site=""
        130000 T1 t1 taskCreate task=t3 parent=t1 name="busy" site=""
        140000 T1 t1 block reason=join object=-
        140000 T1 t1 runEnd task=t1 reason=blocked
        150000 T2 t3 runBegin task=t3
        200000 T1 t2 runBegin task=t2
        400000 T1 t2 runEnd task=t2 reason=yielded
        3390000 T1 - sample name="rss_bytes" value=1000000
        3400000 T1 t2 runBegin task=t2
        3500000 T1 t2 taskEnd task=t2 outcome=returned message=""
        3500000 T1 t2 runEnd task=t2 reason=finished
        3600000 T2 t3 taskEnd task=t3 outcome=returned message=""
        3600000 T2 t3 runEnd task=t3 reason=finished
        3600000 T2 - unblock task=t1
        3610000 T2 t1 runBegin task=t1
        3620000 T2 t1 taskEnd task=t1 outcome=returned message=""
        3620000 T2 t1 runEnd task=t1 reason=finished
        3700000 T1 - threadStop
        3700000 T2 - threadStop
        3700000 T1 - runFinish outcome=completed message=""
        """

    /// Thread-per-task: the caller and the timer start at once; main is created at 4 ms and ends at 6 ms; its thread,
    /// the timer and a child's thread stop by 9 ms.
    static let lateMain = """
        0 T1 - metadata key="scheduler" value="thread-per-task"
        0 T1 - threadStart tid=100 role=main index=0
        0 T2 - threadStart tid=101 role=timer index=0
        4000000 T1 - taskCreate task=t1 parent=- name="main" site=""
        4000000 T3 - threadStart tid=102 role=task-thread index=1
        4100000 T3 t1 runBegin task=t1
        4200000 T3 t1 taskCreate task=t2 parent=t1 name="child" site=""
        4300000 T4 - threadStart tid=103 role=task-thread index=2
        4300000 T4 t2 runBegin task=t2
        4400000 T4 t2 taskEnd task=t2 outcome=returned message=""
        4400000 T4 t2 runEnd task=t2 reason=finished
        6000000 T3 t1 taskEnd task=t1 outcome=returned message=""
        6000000 T3 t1 runEnd task=t1 reason=finished
        7000000 T3 - threadStop
        8000000 T4 - threadStop
        8500000 T2 - threadStop
        9000000 T1 - runFinish outcome=completed message=""
        """
}
