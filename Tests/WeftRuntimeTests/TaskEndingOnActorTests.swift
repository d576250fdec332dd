import Testing
import WeftAnalysis
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// A `Task {}` whose last statement is an actor call completes inside the actor's job, where Weft sees no slice of
/// it end: the run must still end, with the task's `taskEnd` recorded once, close after its real end, and under
/// thread-per-task with the task's thread stopped.
@Suite(.serialized) struct TaskEndingOnActorTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask,
                                              .deterministic(seed: 4)]

    /// The actor the tasks end on.
    actor Cache {
        private var entries: [Int: Int] = [:]
        func put(_ key: Int, _ value: Int) { entries[key] = value }
        var count: Int { entries.count }
    }

    /// Programs whose unstructured tasks each end on an actor call.
    enum Program: String, CaseIterable, Sendable, CustomTestStringConvertible {
        /// `Task { await cache.put(…) }`, its handle dropped: main returns at once.
        case handleDropped
        /// The same task, its value awaited by main.
        case valueAwaited
        /// `Task.detached { await cache.put(…) }`, its handle dropped.
        case detached
        /// Eight such tasks on one actor, every other one's value awaited.
        case severalOnOneActor

        var testDescription: String { rawValue }

        /// How many tasks end on the actor.
        var endingTasks: Int { self == .severalOnOneActor ? 8 : 1 }

        var body: @Sendable (Runtime) async throws -> Void {
            switch self {
            case .handleDropped:
                return { _ in
                    let cache = Cache()
                    Task { await cache.put(1, 1) }
                }
            case .valueAwaited:
                return { _ in
                    let cache = Cache()
                    let task = Task { await cache.put(2, 2) }
                    await task.value
                    #expect(await cache.count == 1)
                }
            case .detached:
                return { _ in
                    let cache = Cache()
                    Task.detached { await cache.put(3, 3) }
                }
            case .severalOnOneActor:
                return { _ in
                    let cache = Cache()
                    var kept: [Task<Void, Never>] = []
                    for key in 0..<8 {
                        let task = Task { await cache.put(key, key) }
                        if key.isMultiple(of: 2) { kept.append(task) }
                    }
                    for task in kept { await task.value }
                }
            }
        }
    }

    /// How long a run may take before the test calls it hung (these runs take milliseconds; on a loaded machine the
    /// whole test process has been seen to stand still for 80 s, so the bound is far above that).
    static let hangSeconds = 600

    @Test(arguments: schedulers, Program.allCases)
    func theTracedRunEndsAndEachTaskEndsOnce(_ scheduler: SchedulerKind, _ program: Program) async throws {
        let recorded = try await finishing(within: Self.hangSeconds) {
            Handed(try await RecordedTrace.record(scheduler, name: "actor-end-\(program.rawValue)", program.body))
        }
        guard let trace = recorded?.value else {
            Issue.record("the run did not end within \(Self.hangSeconds) s: it waits for a task that ended on the actor")
            return
        }
        #expect(trace.failure == nil, "\(String(describing: trace.failure))")
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 1 + program.endingTasks, "\(tasks.values.map(\.name))")
        let ends = trace.of(.taskEnd).map { TaskID($0.args.a0) }
        #expect(ends.count == tasks.count, "each task ends exactly once: \(ends)")
        #expect(Set(ends) == Set(tasks.keys))
        #expect(trace.count(.actorJobBegin) >= 1, "the calls ran on the actor")

        // Each end is recorded close after the task's real end: in its last slice, just after that slice blocked,
        // or just after the actor job it completed in.
        for task in tasks.keys {
            #expect(Self.endIsCloseToItsRealEnd(task, in: trace), "\(task) \"\(tasks[task]?.name ?? "")\"")
        }
        #expect(SwiftTaskTests.slicesNeverOverlap(trace))
        let timeline = trace.timeline
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        for lint in [RunOutcomeLint(), DeadlockLint(), LeakLint()] as [any Lint] {
            #expect(lint.run(timeline).isEmpty, "\(lint.name)")
        }
        if scheduler == .threadPerTask {
            // Every task's thread stopped: one threadStop per task thread.
            let taskThreads = Set(trace.of(.threadStart).filter { $0.args.a1 == ThreadRole.taskThread.rawValue }.map(\.thread))
            let stopped = Set(trace.of(.threadStop).map(\.thread))
            #expect(taskThreads.count == tasks.count)
            #expect(taskThreads.isSubset(of: stopped), "every task thread stopped")
        }
    }

    @Test(arguments: schedulers, Program.allCases)
    func theUntracedRunEnds(_ scheduler: SchedulerKind, _ program: Program) async throws {
        let ended = try await finishing(within: Self.hangSeconds) {
            try await runProgram(scheduler, program.body)
            return true
        }
        #expect(ended == true, "the run did not end within \(Self.hangSeconds) s")
    }

    /// A call that runs on the main thread, whose jobs Weft does not run.
    @MainActor static func onTheMainActor(_ value: Int) -> Int { value + 1 }

    /// A `Task {}` whose last statement is a `@MainActor` call completes on the main thread, where no job of the run
    /// ends: the timer thread reads its future status, so the run ends, with the task's end recorded once.
    @Test(arguments: [SchedulerKind.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask],
          [true, false])
    func aTaskEndingOnTheMainActorEnds(_ scheduler: SchedulerKind, _ awaited: Bool) async throws {
        let recorded = try await finishing(within: Self.hangSeconds) {
            Handed(try await RecordedTrace.record(scheduler, name: "main-actor-end") { _ in
                let task = Task { _ = await Self.onTheMainActor(1) }
                if awaited { await task.value }
            })
        }
        guard let trace = recorded?.value else {
            Issue.record("the run did not end within \(Self.hangSeconds) s: it waits for a task that ended on the main actor")
            return
        }
        #expect(trace.failure == nil, "\(String(describing: trace.failure))")
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 2, "\(tasks.values.map(\.name))")
        let ends = trace.of(.taskEnd).map { TaskID($0.args.a0) }
        #expect(ends.count == tasks.count && Set(ends) == Set(tasks.keys), "each task ends exactly once: \(ends)")
        #expect(SwiftTaskTests.slicesNeverOverlap(trace))
        #expect(trace.timeline.run.anomalyCount == 0, "\(trace.timeline.run.anomalies)")

        let untraced = try await finishing(within: Self.hangSeconds) {
            try await runProgram(scheduler) { _ in
                let task = Task { _ = await Self.onTheMainActor(2) }
                if awaited { await task.value }
            }
            return true
        }
        #expect(untraced == true, "the untraced run did not end within \(Self.hangSeconds) s")
    }

    /// Whether `task`'s `taskEnd` sits right next to where it ended, on the thread that recorded it: just before its
    /// slice's `runEnd(finished)`, just after its own `runEnd`, just after an `actorJobEnd`, or on the timer thread
    /// after the last actor job ended (its poll).
    static func endIsCloseToItsRealEnd(_ task: TaskID, in trace: RecordedTrace) -> Bool {
        guard let at = trace.events.firstIndex(where: { $0.kind == .taskEnd && TaskID($0.args.a0) == task }) else {
            return false
        }
        let thread = trace.events[at].thread
        let sameThread = { (event: Event) in event.thread == thread }
        if let next = trace.events[(at + 1)...].first(where: sameThread), next.kind == .runEnd,
           TaskID(next.args.a0) == task {
            return true
        }
        guard let previous = trace.events[..<at].last(where: { sameThread($0) && $0.kind != .taskEnd }) else {
            return false
        }
        if previous.kind == .actorJobEnd || (previous.kind == .runEnd && TaskID(previous.args.a0) == task) {
            return true
        }
        // The timer thread's poll, when the thread that ran the actor's job was held up for 10 ms before it read the
        // task: then after the last actor job ended.
        let timer = trace.events.first { $0.kind == .threadStart && $0.args.a1 == ThreadRole.timer.rawValue }?.thread
        guard thread == timer, let lastJobEnd = trace.events[..<at].lastIndex(where: { $0.kind == .actorJobEnd })
        else { return false }
        return !trace.events[lastJobEnd..<at].contains { $0.kind == .actorJobBegin }
    }
}
