import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// Timelines of plain Swift tasks: what a trace that ran one task on two threads at once looks like to the model,
/// and real runs with `Task {}` and task groups, which must show nothing of the kind.
@Suite("Timelines of plain Swift tasks", .serialized)
struct SwiftTaskTimelineTests {
    @Test("a task that begins on a second thread while running on the first is an anomaly")
    func twoThreadsAtOnceIsAnAnomaly() {
        let script = ScriptedTrace()
        script.thread(0, 1, tid: 11, role: .worker, index: 0)
        script.thread(0, 2, tid: 12, role: .worker, index: 1)
        script.create(1, on: 1, 1, name: "main")
        script.begin(10, on: 1, 1)
        script.begin(20, on: 2, 1)
        script.end(30, on: 2, .yielded)
        script.end(40, on: 1, .finished)
        script.runFinish(50, .completed)
        let timeline = script.timeline()
        #expect(timeline.run.anomalyCount >= 1)
        #expect(timeline.run.anomalies.contains { $0.message.contains("while running on") },
                "\(timeline.run.anomalies)")
    }

    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .threadPerTask]

    @Test("Task {}, Task.detached and a task group: one lane each, consistent, no lint fires", arguments: schedulers)
    func unstructuredAndGroupTasksAreClean(_ scheduler: SchedulerKind) async throws {
        let (timeline, failure) = try await tracedTimeline(scheduler, name: "swift-tasks") { rt in
            let results = rt.channel(of: Int.self, capacity: 4, name: "results")
            let total = rt.mutex("total")
            Task {
                try? await Task.sleep(for: .milliseconds(5))
                try? await results.send(1)
            }
            Task.detached {
                _ = try? await total.withLock { 2 }
                try? await results.send(2)
            }
            let grouped = await withTaskGroup(of: Int.self) { group in
                for i in 1...3 {
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(UInt64(i) * 3))
                        return i
                    }
                }
                return await group.reduce(0, +)
            }
            let sent = try await results.receive()! + results.receive()!
            #expect(grouped + sent == 9)
        }
        #expect(failure == nil)
        expectConsistent(timeline, "\(scheduler)")
        #expect(timeline.tasks.count == 6)
        #expect(timeline.tasks.allSatisfy { $0.ended != nil })
        #expect(timeline.tasks.filter { $0.parent == timeline.tasks[0].id }.count == 5)
        #expect(DeadlockLint().check(timeline).isEmpty)
        #expect(LeakLint().check(timeline).isEmpty)
        #expect(LockAcrossBlockLint().check(timeline).isEmpty)
    }

    /// A parent suspended outside Weft on thread 1 while its child runs on thread 2; the child ends, and `wake` is
    /// recorded on thread 2 after the child's last slice (`afterEnd`) or inside it.
    static func parentWokenByChild(afterEnd: Bool) -> Timeline {
        let script = ScriptedTrace()
        script.thread(0, 1, tid: 11, role: .worker, index: 0)
        script.thread(0, 2, tid: 12, role: .worker, index: 1)
        script.create(1, on: 1, 1, name: "main")
        script.begin(10, on: 1, 1)
        script.create(11, on: 1, 2, parent: 1, name: "async let 1 of t1")
        script.block(12, on: 1, .suspended)
        script.end(13, on: 1, .blocked)
        script.begin(20, on: 2, 2)
        if afterEnd {
            script.taskEnd(30, on: 2, 2)
            script.end(31, on: 2, .finished)
            script.unblock(32, on: 2, 1)
        } else {
            script.unblock(30, on: 2, 1)
            script.block(31, on: 2, .suspended)
            script.end(32, on: 2, .blocked)
        }
        script.begin(40, on: 1, 1)
        script.end(50, on: 1, .finished)
        script.runFinish(60, .completed)
        return script.timeline()
    }

    @Test("a parent suspended outside Weft and woken just after its child's end joined that child")
    func suspensionEndedByChildEndIsAJoin() throws {
        let timeline = Self.parentWokenByChild(afterEnd: true)
        let main = try #require(timeline.tasks.first { $0.id == TaskID(1) })
        let waits = main.intervals.map(\.state).filter { if case .blocked = $0 { true } else { false } }
        #expect(waits == [.blocked(object: ObjectID(2), reason: .join)], "\(waits)")
        #expect(timeline.wakes.contains { $0.waker == TaskID(2) && $0.wakee == TaskID(1) && $0.reason == .join })
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
    }

    @Test("the critical path goes from a parent woken just after its child's end through that child, its wait to start included")
    func criticalPathFollowsTheJoinedChild() throws {
        let timeline = Self.parentWokenByChild(afterEnd: true)
        let path = CriticalPath(timeline)
        #expect(path.segments.map(\.task) == [1, 1, 2, 2, 1, 1].map { TaskID($0) }, "\(path.segments)")
        #expect(path.segments[2] == CriticalSegment(start: 11, end: 20, task: TaskID(2), state: .runnable(.created)))
        let startUps = try #require(StartUps(timeline, path: path))
        #expect(startUps.waitOnPath == 18 && startUps.longestWait == 9, "\(startUps)")
    }

    @Test("a child that wakes its suspended parent from inside a slice (a stream's yield) is not joined")
    func wakeFromARunningChildStaysASuspension() throws {
        let timeline = Self.parentWokenByChild(afterEnd: false)
        let main = try #require(timeline.tasks.first { $0.id == TaskID(1) })
        let waits = main.intervals.map(\.state).filter { if case .blocked = $0 { true } else { false } }
        #expect(waits == [.blocked(object: .none, reason: .suspended)], "\(waits)")
    }

    @Test("main awaiting its async lets and its task group's children joins them", arguments: schedulers)
    func awaitingStructuredChildrenIsAJoin(_ scheduler: SchedulerKind) async throws {
        let (timeline, failure) = try await tracedTimeline(scheduler, name: "swift-joins") { _ in
            async let slow: Int = { try? await Task.sleep(for: .milliseconds(6)); return 1 }()
            async let fast: Int = { try? await Task.sleep(for: .milliseconds(1)); return 2 }()
            let pair = await slow + fast
            let grouped = await withTaskGroup(of: Int.self) { group in
                group.addTask {
                    try? await Task.sleep(for: .milliseconds(6))
                    return 3
                }
                return await group.reduce(0, +)
            }
            #expect(pair + grouped == 6)
        }
        #expect(failure == nil)
        expectConsistent(timeline, "\(scheduler)")
        let main = timeline.tasks[0]
        let children = Set(timeline.tasks.filter { $0.parent == main.id }.map { ObjectID($0.id.rawValue) })
        #expect(children.count == 3)
        // Each of the two long waits (for the slow async let, for the group's child) is a join on a child.
        let joins = main.intervals.compactMap { interval -> ObjectID? in
            if case .blocked(let object, .join?) = interval.state, interval.end - interval.start > 3_000_000 { object } else { nil }
        }
        #expect(joins.count == 2 && joins.allSatisfy(children.contains), "\(scheduler): \(main.intervals.map(\.state))")
    }
}
