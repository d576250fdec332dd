import Foundation
import Testing
import WeftAnalysis
import WeftRuntime
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// A made-up deadlock, exact for a golden scene: two tasks each hold one fork and wait for the other's; main joins
/// the first. The deadlock is detected at 60 µs and the runtime cancels both tasks. Thread-per-task, so the threads
/// are held while their tasks wait, and from the deadlock to their ends (as the model draws them, whatever of the
/// cancellation ran on them); resident memory and threads alive are sampled.
enum DeadlockFixture {
    static let us: UInt64 = 1_000

    static func run() -> RenderTimeline {
        var facts = RunFacts(program: "forks", scheduler: "thread-per-task", taskCount: 3, threadCount: 4,
                             wallTime: 80 * us, eventCount: 40, peakRSS: 20_000_000,
                             problem: "deadlock: all 3 live tasks are blocked and no timer is pending.")
        facts.outcome = "deadlocked"
        facts.cores = 2
        facts.census = ThreadCensus(taskThreads: 3, timers: 1, caller: true)
        let threads = [
            ThreadTrack(thread: ThreadID(1), label: "thread of t1", slices: [
                ThreadSlice(start: 2 * us, end: 10 * us, task: TaskID(1)),
                ThreadSlice(start: 64 * us, end: 70 * us, task: TaskID(1)),
            ], lifetime: TimeSpan(1 * us, 72 * us), role: .taskThread,
               held: [TimeSpan(1 * us, 2 * us), TimeSpan(10 * us, 70 * us)], owner: TaskID(1)),
            ThreadTrack(thread: ThreadID(2), label: "thread of t2", slices: [
                ThreadSlice(start: 12 * us, end: 30 * us, task: TaskID(2)),
                ThreadSlice(start: 62 * us, end: 66 * us, task: TaskID(2)),
            ], lifetime: TimeSpan(11 * us, 68 * us), role: .taskThread, held: [TimeSpan(30 * us, 66 * us)], owner: TaskID(2)),
            ThreadTrack(thread: ThreadID(3), label: "thread of t3", slices: [
                ThreadSlice(start: 14 * us, end: 32 * us, task: TaskID(3)),
                ThreadSlice(start: 63 * us, end: 67 * us, task: TaskID(3)),
            ], lifetime: TimeSpan(13 * us, 68 * us), role: .taskThread, held: [TimeSpan(32 * us, 67 * us)], owner: TaskID(3)),
            ThreadTrack(thread: ThreadID(4), label: "timer thread", slices: [], lifetime: TimeSpan(0, 75 * us), role: .timer),
            ThreadTrack(thread: ThreadID(5), label: "caller thread", slices: [], lifetime: TimeSpan(0, 80 * us), role: .main),
        ]
        let tasks = [
            TaskTrack(task: TaskID(1), name: "main", spans: [
                StateSpan(start: 0, end: 2 * us, state: .awaitingThread),
                StateSpan(start: 2 * us, end: 10 * us, state: .running),
                StateSpan(start: 10 * us, end: 60 * us, state: .join),
                StateSpan(start: 60 * us, end: 70 * us, state: .cancelled),
            ], marks: [Mark(time: 4 * us, kind: .spawn), Mark(time: 4 * us, kind: .spawn), Mark(time: 4 * us, kind: .spawn)]),
            TaskTrack(task: TaskID(2), name: "philosopher 1", spans: [
                StateSpan(start: 4 * us, end: 11 * us, state: .awaitingThread),
                StateSpan(start: 11 * us, end: 12 * us, state: .runnable),
                StateSpan(start: 12 * us, end: 30 * us, state: .running),
                StateSpan(start: 30 * us, end: 60 * us, state: .mutex),
                StateSpan(start: 60 * us, end: 66 * us, state: .cancelled),
            ], marks: [Mark(time: 20 * us, kind: .lock)], holds: [TimeSpan(20 * us, 60 * us)]),
            TaskTrack(task: TaskID(3), name: "philosopher 2", spans: [
                StateSpan(start: 4 * us, end: 13 * us, state: .awaitingThread),
                StateSpan(start: 13 * us, end: 14 * us, state: .runnable),
                StateSpan(start: 14 * us, end: 32 * us, state: .running),
                StateSpan(start: 32 * us, end: 60 * us, state: .mutex),
                StateSpan(start: 60 * us, end: 67 * us, state: .cancelled),
            ], marks: [Mark(time: 22 * us, kind: .lock)], holds: [TimeSpan(22 * us, 60 * us)]),
        ]
        let locks = [
            LockTrack(mutex: MutexID(1), label: "fork 1", holds: [ThreadSlice(start: 20 * us, end: 60 * us, task: TaskID(2))],
                      waits: [TimeSpan(32 * us, 60 * us)]),
            LockTrack(mutex: MutexID(2), label: "fork 2", holds: [ThreadSlice(start: 22 * us, end: 60 * us, task: TaskID(3))],
                      waits: [TimeSpan(30 * us, 60 * us)]),
        ]
        let deadlock = DeadlockDrawing(detected: 60 * us, cycle: [
            .init(task: TaskID(2), taskLabel: "t2 philosopher 1", objectLabel: "mu2 fork 2", mutex: MutexID(2), relation: "held by"),
            .init(task: TaskID(3), taskLabel: "t3 philosopher 2", objectLabel: "mu1 fork 1", mutex: MutexID(1), relation: "held by"),
        ])
        let counters = [
            CounterTrack(kind: .residentBytes, points: [(0, 16_000_000), (10 * us, 17_000_000), (20 * us, 20_000_000)]),
            CounterTrack(kind: .threads, points: [(0, 2), (10 * us, 3), (20 * us, 4), (70 * us, 2)]),
        ]
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks, locks: locks, deadlock: deadlock, counters: counters)
    }
}

@Suite("Pictures that teach", .serialized)
struct TeachingPictureTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("a deadlocked run's scene matches its golden text: the instant, the wait-for graph, held threads, counters")
    func goldenDeadlock() throws {
        let scene = try TimelineLayout.scene(DeadlockFixture.run(), options: RenderOptions(width: 1200), measurer: measurer)
        try GoldenFile.compare(scene.dump(), with: "deadlock.scene.txt", in: URL(fileURLWithPath: LayoutTests.goldenFolder))
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let texts = scene.texts.map(\.text)
        // Every member of the cycle is a node of the graph, and the instant is labelled.
        for node in ["t2 philosopher 1", "t3 philosopher 2", "mu2 fork 2", "mu1 fork 1"] {
            #expect(texts.contains(node), "no graph node \(node)")
        }
        #expect(texts.contains { $0.hasPrefix("deadlock detected at 60.0 µs") })
        // Both forks have a lane, the threads are counted as stats counts them, and the header says it once.
        #expect(texts.contains("lock mu1 fork 1") && texts.contains("lock mu2 fork 2"))
        #expect(texts.contains { $0.hasPrefix("4 scheduler threads: 3 (one per task) + timer thread") })
        #expect(!texts.contains { $0.contains("deadlocked: deadlock") })
        // Held threads and the two hatched states are drawn; the legend names them.
        let hatches = scene.layers.flatMap(\.items).filter { if case .hatch = $0 { true } else { false } }
        #expect(hatches.count >= 8)
        for entry in ["runnable: its new thread has not started yet", "cancelled by the runtime after the deadlock",
                      "resident memory", "scheduler threads alive"] {
            #expect(texts.contains(entry), "legend lacks \(entry)")
        }
        #expect(texts.contains { $0.hasPrefix("held by its task") })
        // Three spawns at one instant are one marker, counted.
        #expect(texts.contains("×3"))
    }

    @Test("a real deadlock: nothing runs, waits or holds after the detected instant except the cancellation")
    func realDeadlock() async throws {
        for scheduler: SchedulerKind in [.multiplexed(workers: 2), .threadPerTask] {
            let trace = try await RecordedTrace.record(scheduler, name: "render-deadlock", threeDeadlockingPhilosophers)
            let timeline = trace.timeline
            let run = RenderTimeline(timeline: timeline)
            let deadlock = try #require(run.deadlock, "\(scheduler)")
            #expect(deadlock.cycle.count == 3 && Set(deadlock.cycle.compactMap(\.mutex)).count == 3)
            // The message counts main among the blocked tasks; the graph's title says it waits outside the cycle.
            #expect(deadlock.outside == ["main waits on t2"], "\(scheduler)")
            #expect(deadlock.summary == ": a cycle of 3 tasks; main waits on t2, outside the cycle")
            for task in run.tasks {
                for span in task.spans where span.end > deadlock.detected {
                    #expect(span.state == .cancelled || span.start < deadlock.detected && span.state != .cancelled,
                            "\(scheduler): \(task.label) \(span.state) after the deadlock")
                    if span.start >= deadlock.detected { #expect(span.state == .cancelled) }
                }
                #expect(task.holds.allSatisfy { $0.end <= deadlock.detected })
            }
            for lock in run.locks {
                #expect(lock.holds.allSatisfy { $0.end <= deadlock.detected } && lock.waits.allSatisfy { $0.end <= deadlock.detected })
            }
            #expect(run.facts.problem?.hasPrefix("deadlock: all") == true && run.facts.problemSummary == "deadlocked")
            // One truth: the picture's figures are the verdict's figures of the model.
            #expect(run.facts.figures == RunFigures(timeline))
            if scheduler == .threadPerTask {
                #expect(run.threads.contains { !$0.held.isEmpty }, "a waiting task keeps its thread")
            } else {
                #expect(run.threads.allSatisfy { $0.held.isEmpty }, "a pool thread is never held")
            }
            // Every lock of the cycle has a lane, even when the picture keeps few lock lanes.
            var options = RenderOptions()
            options.maxLockLanes = 1
            let lanes = LaneSelection(run, options: options)
            #expect(Set(lanes.shownLocks.map(\.mutex)) == Set(deadlock.cycle.compactMap(\.mutex)))
        }
    }

    @Test("runnable is split by what the task waits for; relabelling keeps the spans contiguous")
    func relabel() {
        let spans = [StateSpan(start: 0, end: 10, state: .running), StateSpan(start: 10, end: 50, state: .runnable),
                     StateSpan(start: 50, end: 60, state: .sleeping)]
        let out = SpanRelabel.relabel(spans, inside: [TimeSpan(5, 20), TimeSpan(30, 40), TimeSpan(45, 70)],
                                      as: .wakeLatency) { $0 == .runnable }
        #expect(out.map(\.state) == [.running, .wakeLatency, .runnable, .wakeLatency, .runnable, .wakeLatency, .sleeping])
        #expect(out.map(\.start) == [0, 10, 20, 30, 40, 45, 50])
        for (a, b) in zip(out, out.dropFirst()) { #expect(a.end == b.start) }
        // A pool thread idle only between two slices for less than the minimum is handing over, not idle.
        let pool = [
            ThreadTrack(thread: ThreadID(1), label: "pool thread 0", slices: [ThreadSlice(start: 0, end: 100, task: TaskID(1)),
                ThreadSlice(start: 105, end: 200, task: TaskID(2)), ThreadSlice(start: 500, end: 600, task: TaskID(1))],
                        lifetime: TimeSpan(0, 600), role: .worker),
        ]
        #expect(SpanRelabel.poolIdle(pool, minimum: 20) == [TimeSpan(200, 500)])
    }

    @Test("folded task lanes represent the run: first, last, the slowest, every cycle member, the rest spread")
    func representativeLanes() {
        let tasks = (1...100).map { i in
            TaskTrack(task: TaskID(UInt64(i)), name: "", spans: [StateSpan(start: 0, end: i == 40 ? 1_000 : 10, state: .running)])
        }
        let keys = TaskChoice.keys(tasks)
        let choice = TaskChoice.choose([tasks], keys: [keys], cycles: [[TaskID(77)]], limit: 12)
        let (shown, rest) = choice?.split(tasks, keys: keys) ?? ([], [])
        let how = choice?.reason
        let ids = shown.map(\.task.rawValue)
        #expect(shown.count == 12 && rest.count == 88)
        #expect(ids.contains(1) && ids.contains(100) && ids.contains(40) && ids.contains(77))
        #expect(ids == ids.sorted())
        #expect(how?.contains("first and last spawned") == true && how?.contains("slowest") == true)
    }

    @Test("lane labels too long for the gutter are cut at a word boundary")
    func abbreviation() {
        let label = "t3 primes 50000..<100000 and more"
        let width = measurer.width("t3 primes …", size: 11) + 1
        #expect(measurer.abbreviate(label, maxWidth: width, size: 11) == "t3 primes …")
        #expect(measurer.abbreviate("t3 main", maxWidth: 500, size: 11) == "t3 main")
    }

    @Test("more threads running than cores is said, with how long")
    func coreUse() {
        let threads = (1...3).map { i in
            ThreadTrack(thread: ThreadID(UInt64(i)), label: "thread of t\(i)",
                        slices: [ThreadSlice(start: 0, end: UInt64(100 * i), task: TaskID(UInt64(i)))])
        }
        let use = CoreUse(threads, cores: 2)
        #expect(use.peak == 3 && use.oversubscribed == 100)
        #expect(CoreUse(threads, cores: 4).peak == 0)
    }
}

/// Many sleeping tasks under thread-per-task: each task's thread is held while it sleeps.
enum HeldThreadsFixture {
    static func run(tasks count: Int = 40) -> RenderTimeline {
        let us: UInt64 = 1_000
        let end = 1_000 * us
        let facts = RunFacts(program: "sleepers", scheduler: "thread-per-task", taskCount: count, threadCount: count + 1,
                             wallTime: end, eventCount: 10 * count)
        var threads: [ThreadTrack] = []
        var tasks: [TaskTrack] = []
        for i in 1...count {
            let id = TaskID(UInt64(i)), start = UInt64(i) * 10 * us, wake = start + 500 * us
            threads.append(ThreadTrack(thread: ThreadID(UInt64(i)), label: "thread of \(id)", slices: [
                ThreadSlice(start: start, end: start + 5 * us, task: id), ThreadSlice(start: wake, end: wake + 5 * us, task: id),
            ], lifetime: TimeSpan(start, wake + 5 * us), role: .taskThread, held: [TimeSpan(start + 5 * us, wake)], owner: id))
            tasks.append(TaskTrack(task: id, name: i == 1 ? "main" : "sleeper \(i)", spans: [
                StateSpan(start: start, end: start + 5 * us, state: .running),
                StateSpan(start: start + 5 * us, end: wake, state: .sleeping),
                StateSpan(start: wake, end: wake + 5 * us, state: .running),
            ]))
        }
        threads.append(ThreadTrack(thread: ThreadID(1_000), label: "timer thread", slices: [], lifetime: TimeSpan(0, end),
                                   role: .timer))
        return RenderTimeline(facts: facts, threads: threads, tasks: tasks)
    }
}

@Suite("Thread-per-task lanes tell one story")
struct HeldThreadLaneTests {
    @Test("a section's detail too long for its row wraps onto further rows, whole, and the lanes move down")
    func sectionDetailWraps() throws {
        var options = RenderOptions(width: 700)
        options.maxThreadLanes = 12
        options.maxTaskLanes = 12
        let narrow = try TimelineLayout.scene(HeldThreadsFixture.run(), options: options, measurer: TextMeasurer())
        options.width = 1600
        let wide = try TimelineLayout.scene(HeldThreadsFixture.run(), options: options, measurer: TextMeasurer())
        #expect(SceneChecks.textProblems(narrow).isEmpty)
        let detail = "drawn one by one: the threads of the tasks drawn below"
        #expect(wide.texts.contains { $0.text.contains(detail) })
        // At 700 px the detail spans several rows: joined, the rows give the whole sentence, none cut with "…".
        let rows = narrow.texts.filter { $0.size == Metrics.factsSize && $0.box.y > (narrow.texts.first { $0.text == "Threads" }?.box.y ?? 0) - 4 }
        let joined = rows.prefix(6).map(\.text).joined(separator: " ")
        #expect(joined.contains(detail), "\(rows.prefix(6).map(\.text))")
        #expect(!rows.contains { $0.text.hasSuffix("…") })
        // The lanes under the section start lower than they would with one row.
        func firstLaneLabel(_ scene: Scene) -> Double? { scene.texts.first { $0.text == "thread of t1" }?.box.y }
        let headerDrop = try #require(firstLaneLabel(narrow)) - (narrow.texts.first { $0.text == "Threads" }?.box.y ?? 0)
        let wideDrop = try #require(firstLaneLabel(wide)) - (wide.texts.first { $0.text == "Threads" }?.box.y ?? 0)
        #expect(headerDrop >= wideDrop + Metrics.sectionWrapRow)
    }

    @Test("the thread lanes drawn one by one are the threads of the task lanes drawn, and the header says so")
    func threadsFollowTasks() throws {
        let run = HeldThreadsFixture.run()
        var options = RenderOptions(width: 1200)
        options.maxThreadLanes = 12
        options.maxTaskLanes = 12
        let lanes = LaneSelection(run, options: options)
        let tasks = Set(lanes.shownTasks.map(\.task))
        #expect(lanes.shownTasks.count == 12 && lanes.restTasks.count == 28)
        #expect(Set(lanes.shownThreads.compactMap(\.owner)) == tasks)
        #expect(lanes.shownThreads.contains { $0.role == .timer })
        #expect(lanes.restThreads.allSatisfy { $0.owner.map { !tasks.contains($0) } ?? false })
        let scene = try TimelineLayout.scene(run, options: options, measurer: TextMeasurer())
        #expect(SceneChecks.textProblems(scene).isEmpty)
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.contains("drawn one by one: the threads of the tasks drawn below") })
    }

    @Test("the thread density row shows the threads held by their sleeping tasks, and the legend names that share")
    func heldShare() throws {
        var options = RenderOptions(width: 1200)
        options.maxThreadLanes = 12
        options.maxTaskLanes = 12
        let scene = try TimelineLayout.scene(HeldThreadsFixture.run(), options: options, measurer: TextMeasurer())
        let held = scene.layers.flatMap(\.items).filter {
            if case let .hatchedArea(_, color) = $0 { color == Palette.heldThreads } else { false }
        }
        #expect(held.count == 1)
        #expect(scene.texts.map(\.text).contains("threads held by their blocked or sleeping task (share)"))
        // Where every task sleeps, the held share fills the row: hatched there, lines of the held colour on its tint.
        guard case let .hatchedArea(points, _)? = held.first else { return }
        let top = try #require(points.map(\.y).min()), bottom = try #require(points.map(\.y).max())
        #expect(bottom - top > 40, "the held share is too thin to see: \(bottom - top) px")
        let full = points.filter { $0.y == top }.map(\.x)
        let image = try ScenePainter.image(scene)
        let x = Int(((full.min() ?? 0) + (full.max() ?? 0)) / 2), y = Int((top + bottom) / 2)
        let pixels = try (0..<8).map { try #require(image.color(x: x + $0, y: y)) }
        let distances = pixels.map { ColorVision.normal.distance($0, Palette.heldThreads) }
        #expect(distances.contains { $0 < 12 }, "no hatching line among \(pixels)")
        #expect(distances.contains { $0 > 25 }, "no tint between the lines among \(pixels)")
    }
}
