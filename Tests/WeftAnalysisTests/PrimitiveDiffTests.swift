import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// The behavioural diff compares the newer primitives' operations and counts their events.
@Suite("Diff of the newer primitives", .serialized)
struct PrimitiveDiffTests {
    static func traced(_ scheduler: String) async throws -> TracedRun {
        let run = try await RecordedRun.of("config-cache", [], scheduler: scheduler)
        var operations = TaskOperations()
        for event in run.events { operations.add(event) }
        return TracedRun(timeline: run.timeline, operations: operations)
    }

    @Test("each task's operations name the read locks, permits, once, ticks and the cancellation; the diff counts their events")
    func operationsAndCounts() async throws {
        let a = try await Self.traced("deterministic"), b = try await Self.traced("multiplexed")
        let all = a.operations.byTask.values.flatMap { $0 }.map(\.kind)
        for kind: TaskOperation.Kind in [.readLock, .readUnlock, .onceRun, .acquire, .release, .tick, .timerFired, .stop,
                                         .cancel, .tryReceiveMiss] {
            #expect(all.contains(kind), "\(kind)")
        }
        let main = try #require(a.timeline.tasks.first { $0.name == "main" })
        let cancel = try #require(a.operations[main.id].first { $0.kind == .cancel })
        #expect(a.timeline.task(TaskID(cancel.target))?.name == "straggler")
        let diff = TraceDiff(a: a, b: b, ignoreTiming: true)
        let counted = Set(diff.events.map(\.key))
        for kind in ["readAcquire", "semaphoreAcquire", "onceBegin", "tick", "taskCancel"] {
            #expect(counted.contains("events.\(kind)"), "\(kind)")
        }
        // The readers' operations are the same whatever the schedule: 20 read-locked lookups.
        let reader = try #require(a.timeline.tasks.first { $0.name == "reader 1" })
        #expect(a.operations[reader.id].filter { $0.kind == .readLock }.count == 20)
        let cache = try #require(diff.mutexes.first)
        #expect(cache.metrics.first { $0.key == "reads" }.map { ($0.a, $0.b) }.map { $0 == (81, 81) } == true)
    }
}
