import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// `Task {}` and `Task.detached {}` made inside `Weft.run` are Weft tasks of their own, on the run's scheduler.
@Suite(.serialized) struct UnstructuredTaskTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask,
                                              .deterministic(seed: 1)]

    @Test(arguments: schedulers)
    func taskAndDetachedAreTasksOfTheirOwn(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "unstructured") { _ in
            let first = Task { () async -> Int in
                try? await Task.sleep(for: .milliseconds(10))
                return 1
            }
            let second = Task.detached { () async -> Int in
                try? await Task.sleep(nanoseconds: 20_000_000)
                return 2
            }
            let sum = await first.value + second.value
            #expect(sum == 3)
        }
        #expect(trace.failure == nil)
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 3, "\(tasks.values.map(\.name))")
        let main = try #require(tasks.first { $0.value.parent == .none }?.key)
        let children = tasks.filter { $0.value.parent == main }
        #expect(Set(children.values.map(\.name)) == ["task 1 of \(main)", "task 2 of \(main)"])
        #expect(trace.count(.taskEnd) == 3)
        #expect(trace.count(.sleep) == 2)
        let sleepers = Set(trace.of(.block).filter { BlockReason(rawValue: $0.args.a0) == .sleep }.map(\.task))
        #expect(sleepers == Set(children.keys))
        #expect(SwiftTaskTests.slicesNeverOverlap(trace))
        if scheduler == .threadPerTask {
            let threads = trace.threadsByTask
            #expect(Set(threads.values.compactMap(\.first)).count == 3, "each task has its own thread")
            #expect(threads.values.allSatisfy { $0.count == 1 })
        }
    }

    @Test(arguments: schedulers)
    func childrenOfATaskHaveItAsTheirParent(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "unstructured-nested") { _ in
            let outer = Task { () async -> Int in
                let inner = Task { 5 }
                async let three = { () async -> Int in 3 }()
                let group = await withTaskGroup(of: Int.self) { group in
                    group.addTask { 1 }
                    group.addTask { 2 }
                    return await group.reduce(0, +)
                }
                return await inner.value + three + group
            }
            let total = await outer.value
            #expect(total == 11)
        }
        #expect(trace.failure == nil)
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 6, "\(tasks.values.map(\.name))")
        let main = try #require(tasks.first { $0.value.parent == .none }?.key)
        let outer = try #require(tasks.first { $0.value.name == "task 1 of \(main)" }?.key)
        #expect(tasks[outer]?.parent == main)
        let grandchildren = tasks.filter { $0.value.parent == outer }.values.map(\.name).sorted()
        #expect(grandchildren == ["async let 2 of \(outer)", "group child 3 of \(outer)", "group child 4 of \(outer)",
                                  "task 1 of \(outer)"])
        #expect(trace.count(.taskEnd) == 6)
        #expect(SwiftTaskTests.slicesNeverOverlap(trace))
    }

    @Test(arguments: schedulers)
    func mainWaitingOnAChannelATaskSendsToIsNoDeadlock(_ scheduler: SchedulerKind) async throws {
        let value = try await runProgram(scheduler) { rt in
            let channel = rt.channel(of: Int.self, name: "result")
            Task {
                try? await Task.sleep(for: .milliseconds(10))
                try? await channel.send(42)
            }
            return try await channel.receive()
        }
        #expect(value == 42)
    }

    @Test(arguments: schedulers)
    func aTaskBlockedWithMainIsADeadlock(_ scheduler: SchedulerKind) async throws {
        await #expect(throws: RuntimeError.self) {
            _ = try await runProgram(scheduler) { rt in
                let never = rt.channel(of: Int.self, name: "never")
                let alsoNever = rt.channel(of: Int.self, name: "also never")
                Task { _ = try? await never.receive() }
                _ = try await alsoNever.receive()
            }
        }
    }

    @Test func tasksMadeOutsideARunStayOnTheGlobalExecutor() async throws {
        let outside = Task { () async -> Bool in
            try? await Task.sleep(for: .milliseconds(20))
            return true
        }
        let trace = try await RecordedTrace.record(.multiplexed(workers: 1), name: "outside") { _ in
            try? await Task.sleep(for: .milliseconds(5))
        }
        #expect(await outside.value)
        #expect(SwiftTaskTests.tasks(trace).count == 1)
    }
}
