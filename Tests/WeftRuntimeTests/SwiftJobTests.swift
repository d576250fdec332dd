import Foundation
import Testing
import WeftRuntime
import WeftTrace
import WeftTestSupport

/// The end of a plain Swift task is read from the runtime (`SwiftJob.hasFinished`): checked here against children
/// whose number and ends the test knows, so that a runtime that changes what Weft reads fails here.
@Suite(.serialized) struct SwiftJobTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .threadPerTask, .deterministic(seed: 3)]

    /// Child i sleeps i × 10 ms twice, then returns: each ends exactly once, after its second sleep (a suspended
    /// child is not read as ended), and before the unstructured task that starts after the group.
    @Test(arguments: schedulers)
    func childrenEndOnceAfterTheirLastSleep(_ scheduler: SchedulerKind) async throws {
        let trace = try await RecordedTrace.record(scheduler, name: "ends") { _ in
            await withTaskGroup(of: Void.self) { group in
                for i in 1...4 {
                    group.addTask {
                        try? await Task.sleep(for: .milliseconds(10 * i))
                        try? await Task.sleep(for: .milliseconds(10 * i))
                    }
                }
            }
            let unstructured = Task { try? await Task.sleep(for: .milliseconds(90)) }
            await unstructured.value
        }
        let tasks = SwiftTaskTests.tasks(trace)
        #expect(tasks.count == 6)
        let ends = trace.of(.taskEnd)
        #expect(ends.count == 6)
        #expect(Set(ends.map { TaskID($0.args.a0) }) == Set(tasks.keys), "each task ends exactly once")
        let main = try #require(tasks.first { $0.value.parent == .none }?.key)
        var endTimes: [UInt64] = []
        for i in 1...4 {
            let child = try #require(tasks.first { $0.value.name == "group child \(i) of \(main)" }?.key)
            let wakes = trace.of(.unblock).filter { TaskID($0.args.a0) == child }
            #expect(wakes.count == 2, "child \(i) woke from two sleeps")
            let end = try #require(ends.first { TaskID($0.args.a0) == child })
            #expect(wakes.allSatisfy { $0.time <= end.time }, "child \(i) ended after its last sleep")
            endTimes.append(end.time)
        }
        let last = try #require(tasks.first { $0.value.name.hasPrefix("task ") }?.key)
        let lastEnd = try #require(ends.first { TaskID($0.args.a0) == last })
        #expect(endTimes.allSatisfy { $0 < lastEnd.time })
    }
}
