import Testing
import WeftAnalysis
@testable import WeftRuntime
import WeftTrace
import WeftTestSupport

/// Swift actors inside a traced run: each actor job is recorded with its actor, and each stretch of it that ran a
/// task's code is that task's slice on the actor.
@Suite(.serialized) struct ActorTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask]
    static let callers = 4
    static let callsEach = 5

    /// The actor the callers share.
    actor Tally {
        private(set) var count = 0
        func add() -> Int {
            count += 1
            return count
        }
    }

    @Test("the runtime's actor-job layout is recognised on this toolchain")
    func layoutIsRecognised() {
        #expect(ActorLayout.isRecognized)
    }

    @Test("the runtime's future-status layout of a Task {} is recognised on this toolchain")
    func taskCompletionLayoutIsRecognised() {
        #expect(TaskCompletionLayout.statusOffset != nil)
    }

    @Test(arguments: schedulers)
    func everyCallIsASliceOnTheNamedActor(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "actors") { _ in
            let tally = Tally()
            let results = await withTaskGroup(of: Int.self) { group in
                for _ in 0..<Self.callers {
                    group.addTask {
                        var last = 0
                        for _ in 0..<Self.callsEach { last = max(last, await tally.add()) }
                        return last
                    }
                }
                return await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(results.max() == Self.callers * Self.callsEach)
            #expect(await tally.count == Self.callers * Self.callsEach)
        }
        #expect(trace.failure == nil)

        // One actor, named by its type.
        let made = trace.of(.actorMake)
        #expect(made.count == 1)
        let actor = try #require(made.first.map { ActorID($0.args.a0) })
        #expect(trace.string(made[0].args.a1) == "Tally")

        // Every call of every caller is one slice on it, named after the caller; main's read of the count is one more.
        let children = Set(trace.taskNames.filter { $0.value.hasPrefix("group child") }.keys)
        #expect(children.count == Self.callers)
        let slices = trace.of(.actorSlice).filter { ActorID($0.args.a0) == actor }
        let byTask = Dictionary(grouping: slices) { TaskID($0.args.a1) }.mapValues(\.count)
        for child in children { #expect(byTask[child] == Self.callsEach, "\(child): \(byTask)") }
        #expect(slices.count == Self.callers * Self.callsEach + 1, "\(byTask)")

        // The model: the actor's visits and busy time, the slices on threads, nothing that does not add up.
        let timeline = trace.timeline
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        let model = try #require(timeline.actor(actor))
        #expect(model.label == "\(actor) Tally")
        #expect(Set(model.tasksServed).isSuperset(of: children))
        #expect(model.jobs.count >= 1 && model.busy > 0)
        let actorSlices = timeline.threads.flatMap { thread in thread.slices.filter { $0.actor == actor }.map { (thread.id, $0) } }
        // Main's read comes when its children have ended, but Weft may not have seen the last end yet: then main's
        // stretch is unnamed (it might be a child's completion waking it), and only named stretches are slices.
        #expect(actorSlices.count == slices.filter { TaskID($0.args.a1) != .none }.count)
        for child in children {
            let task = try #require(timeline.tasks.first { $0.id == child })
            // A wait, the hop onto the actor and a wait again (thread-per-task) are one wait to enter it.
            let intervals = Array(task.intervals)
            let waits = intervals.indices.filter { i in
                guard case .blocked(_, .actor?) = intervals[i].state else { return false }
                return i < 2 || !ActorEntry.continues(intervals[i], after: intervals[i - 2], hop: intervals[i - 1])
            }
            // At most one wait per call: none when the actor took the call's code the moment the caller's slice ended.
            #expect(waits.count <= Self.callsEach, "\(child) waited to enter the actor at most once per call")
            let running = task.intervals.filter { if case .running = $0.state { true } else { false } }
            #expect(running.count >= Self.callsEach, "\(child) ran on the actor once per call")
        }

        // No task on two threads at once: all of a task's slices, on every thread, are disjoint.
        var slicesByTask: [TaskID: [RunSlice]] = [:]
        for thread in timeline.threads { for slice in thread.slices { slicesByTask[slice.task, default: []].append(slice) } }
        for (task, taskSlices) in slicesByTask {
            let sorted = taskSlices.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) { #expect(a.end <= b.start, "\(task) ran twice at once") }
        }
        for lint in [RunOutcomeLint(), DeadlockLint(), LeakLint()] as [any Lint] {
            #expect(lint.run(timeline).isEmpty, "\(lint.name)")
        }
    }

    @Test(arguments: schedulers)
    func statsCountTheActorsWork(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "actor-stats") { _ in
            let tally = Tally()
            await withDiscardingTaskGroup { group in
                for _ in 0..<Self.callers { group.addTask { for _ in 0..<Self.callsEach { _ = await tally.add() } } }
            }
        }
        let stats = RunStats(trace.timeline)
        let row = try #require(stats.actors?.first)
        #expect(stats.actors?.count == 1)
        #expect(row.typeName == "Tally")
        #expect(row.slices == Self.callers * Self.callsEach)
        #expect(row.tasksServed == Self.callers)
        #expect(row.waits <= Self.callers * Self.callsEach)
        #expect(row.jobs >= 1 && row.jobs <= row.slices)
        #expect(StatsReport().render(stats).contains("ac") && StatsReport().render(stats).contains("Tally"))
    }

    /// A newcomer's program: a task group whose children record into an actor and sleep, and two `async let`s that
    /// read it. The trace's tasks, parents, sleeps and actor slices are what the program did.
    @Test(arguments: schedulers)
    func aNewcomersProgramIsTracedAsWritten(_ scheduler: SchedulerKind) async throws {
        actor Ledger {
            private var entries: [Int] = []
            func record(_ value: Int) { entries.append(value) }
            func count() -> Int { entries.count }
        }
        let workers = 3
        let trace = try await RecordedTrace.record(scheduler, name: "newcomer") { _ in
            let ledger = Ledger()
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<workers {
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(5))
                        await ledger.record(worker)
                    }
                }
            }
            async let first = ledger.count()
            async let second = ledger.count()
            let (a, b) = await (first, second)
            #expect(a == workers && b == workers)
        }
        #expect(trace.failure == nil)
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 1 + workers + 2, "main, the group's children, the two async lets: \(tasks)")
        let main = try #require(tasks.first { $0.value.parent == .none }?.key)
        let children = tasks.filter { $0.value.parent == main }
        #expect(children.count == workers + 2, "every task's parent is main")
        #expect(children.values.filter { $0.name.hasPrefix("group child") }.count == workers)
        #expect(children.values.filter { $0.name.hasPrefix("async let") }.count == 2)
        #expect(trace.count(.sleep) == workers)
        #expect(trace.count(.taskEnd) == tasks.count)
        let made = try #require(trace.of(.actorMake).first)
        #expect(trace.string(made.args.a1) == "Ledger")
        // Each child's last statement is its actor call, so Swift does not hop back: each child completes on the
        // actor, and its stretch there is unnamed (docs/runtime.md, "Actors"). No stretch is named after a task that
        // never called the actor (main is woken from the actor's job when its children complete).
        let stretches = trace.of(.actorSlice).map { TaskID($0.args.a1) }
        #expect(!stretches.contains(main), "\(stretches)")
        #expect(Set(stretches).isSubset(of: Set(children.keys).union([TaskID.none])))
        #expect(trace.timeline.run.anomalyCount == 0)
    }
}
