import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// Plain Swift concurrency inside `Weft.run`: task-group children and `async let`s are Weft tasks of their own.
@Suite(.serialized) struct SwiftTaskTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask]

    /// The tasks of a trace: id → (parent, name).
    static func tasks(_ trace: RecordedTrace) -> [TaskID: (parent: TaskID, name: String)] {
        trace.of(.taskCreate).reduce(into: [:]) {
            $0[TaskID($1.args.a0)] = (TaskID($1.args.a1), trace.string($1.args.a2))
        }
    }

    /// True when no task's run slices overlap in time (by runBegin/runEnd timestamps, across threads).
    static func slicesNeverOverlap(_ trace: RecordedTrace) -> Bool {
        var open: [TaskID: Int] = [:]
        for event in trace.events {
            let task = TaskID(event.args.a0)
            if event.kind == .runBegin {
                if open[task, default: 0] > 0 { return false }
                open[task, default: 0] += 1
            } else if event.kind == .runEnd {
                open[task, default: 0] -= 1
            }
        }
        return true
    }

    @Test(arguments: schedulers)
    func groupChildrenAreTasksOfTheirOwn(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "group") { rt in
            let total = await withTaskGroup(of: Int.self) { group in
                for i in 1...4 {
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(20))
                        return i
                    }
                }
                return await group.reduce(0, +)
            }
            #expect(total == 10)
        }
        let tasks = Self.tasks(trace)
        #expect(tasks.count == 5, "\(tasks)")
        let main = tasks.first { $0.value.parent == .none }!.key
        let children = tasks.filter { $0.value.parent == main }
        #expect(children.count == 4)
        #expect(Set(children.values.map(\.name)) == Set((1...4).map { "group child \($0) of \(main)" }))
        #expect(trace.count(.taskEnd) == 5)
        #expect(trace.count(.sleep) == 4)
        let sleepers = Set(trace.of(.block).filter { BlockReason(rawValue: $0.args.a0) == .sleep }.map(\.task))
        #expect(sleepers == Set(children.keys))
        #expect(Self.slicesNeverOverlap(trace))
        if scheduler == .threadPerTask {
            let threads = trace.threadsByTask
            #expect(Set(threads.values.compactMap(\.first)).count == 5, "each task has its own thread")
            #expect(threads.values.allSatisfy { $0.count == 1 })
        }
    }

    @Test(arguments: schedulers)
    func asyncLetAndNestedGroupsHaveTheirParents(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "asynclet") { rt in
            async let a = { () async -> Int in
                await withThrowingTaskGroup(of: Int.self) { group in
                    group.addTask { 1 }
                    group.addTask { 2 }
                    var sum = 0
                    while let value = try? await group.next() { sum += value }
                    return sum
                }
            }()
            async let b = { () async -> Int in 4 }()
            let sum = await a + b
            await withDiscardingTaskGroup { group in
                group.addTask { try? await Task.sleep(for: .milliseconds(5)) }
            }
            #expect(sum == 7)
        }
        let tasks = Self.tasks(trace)
        #expect(tasks.count == 6, "\(tasks.values.map(\.name))")
        let main = tasks.first { $0.value.parent == .none }!.key
        let lets = tasks.filter { $0.value.name.hasPrefix("async let") }
        #expect(lets.count == 2)
        #expect(lets.values.allSatisfy { $0.parent == main })
        let first = lets.first { $0.value.name == "async let 1 of \(main)" }?.key
        #expect(first != nil)
        let grandchildren = tasks.filter { $0.value.parent == first }
        #expect(grandchildren.count == 2, "\(tasks.values.map { ($0.parent, $0.name) })")
        #expect(trace.count(.taskEnd) == 6)
        #expect(Self.slicesNeverOverlap(trace))
    }

    @Test(arguments: schedulers)
    func mainWaitingOnAChannelAnAsyncLetSendsToIsNoDeadlock(_ scheduler: SchedulerKind) async throws {
        let value = try await runProgram(scheduler) { rt in
            let channel = rt.channel(of: Int.self, name: "result")
            async let sent: Void = {
                try? await Task.sleep(for: .milliseconds(10))
                try? await channel.send(42)
            }()
            let received = try await channel.receive()
            await sent
            return received
        }
        #expect(value == 42)
    }

    @Test(arguments: schedulers)
    func groupChildrenBlockedInACycleAreADeadlock(_ scheduler: SchedulerKind) async throws {
        await #expect(throws: RuntimeError.self) {
            _ = try await runProgram(scheduler) { rt in
                let a = rt.mutex("a"), b = rt.mutex("b")
                let both = rt.waitGroup("both")
                both.add(2)
                try await a.lock()
                let other = rt.spawn("other") {
                    try await b.lock()
                    both.done()
                    try await a.lock()
                }
                both.done()
                try await Task.sleep(for: .milliseconds(5))
                try await b.lock()
                try await other.value
            }
        }
    }

    @Test(arguments: schedulers)
    func taskYieldIsAYield(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "yield") { _ in
            for _ in 0..<20 { await Task.yield() }
        }
        // Every yield gives up the thread, even when another worker is free to run the yield's continuation at once.
        let yields = trace.of(.runEnd).filter { RunEndReason(rawValue: $0.args.a1) == .yielded }
        #expect(yields.count >= 20)
        #expect(trace.of(.block).isEmpty)
    }
}
