import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// Lanes are listed by number, not by which ran first: "pool thread 0" above "pool thread 1", "fork 3" above "fork 4",
/// the same in both panels of a contrast picture.
@Suite("Lane order")
struct LaneOrderTests {
    /// Pool thread 1 runs every task; pool thread 0 (started first) runs none; the caller and the timer only wait.
    static func poolTrace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 5, tid: 105, role: .main, index: 0)
        s.thread(0, 3, tid: 103, role: .timer, index: 0)
        s.thread(0, 2, tid: 102, role: .worker, index: 1)
        s.thread(0, 1, tid: 101, role: .worker, index: 0)
        s.create(0, on: 2, 1, name: "main")
        s.begin(0, on: 2, 1)
        s.finish(70_000, on: 2)
        s.runFinish(80_000, .completed)
        return s
    }

    /// Thread-per-task: the task threads come first, by task, then the caller, which ran nothing, then the timer.
    static func ownTrace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.thread(0, 5, tid: 105, role: .main, index: 0)
        s.thread(0, 3, tid: 103, role: .timer, index: 0)
        s.thread(0, 2, tid: 102, role: .taskThread, index: 2)
        s.thread(0, 1, tid: 101, role: .taskThread, index: 1)
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1_000, on: 1, 2, parent: 1, name: "child")
        s.begin(2_000, on: 2, 2)
        s.finish(30_000, on: 2)
        s.finish(70_000, on: 1)
        s.runFinish(80_000, .completed)
        return s
    }

    @Test("pool threads are listed by number whichever ran a task, then the caller, then the timer")
    func poolThreadsByNumber() {
        let run = RenderTimeline(timeline: Self.poolTrace().timeline())
        #expect(run.threads.map(\.label) == ["pool thread 0", "pool thread 1", "caller thread", "timer thread"])
        // Pool thread 0 really ran nothing: first appearance or work would have put pool thread 1 first.
        #expect(run.threads[0].slices.isEmpty && !run.threads[1].slices.isEmpty)
    }

    @Test("task threads are listed by task, the caller after them")
    func taskThreadsThenCaller() {
        let run = RenderTimeline(timeline: Self.ownTrace().timeline())
        let roles = run.threads.map(\.role)
        #expect(roles == [.taskThread, .taskThread, .main, .timer], "\(run.threads.map(\.label))")
        #expect(run.threads.prefix(2).map(\.owner) == [TaskID(1), TaskID(2)])
    }

    @Test("lock lanes are drawn by id whichever was waited for longer, in the same order in both panels")
    func locksByID() throws {
        // Fork 4 is waited for longest, fork 0 least: ranked by waiting, they came out backwards.
        let a = LockSelectionTests.run(extra: 5, waiter: TaskID(2))
        let b = LockSelectionTests.run(extra: 5, waiter: TaskID(3))
        #expect(a.locks.max { $0.totalWait < $1.totalWait }?.label == "fork 4")
        let scene = try TimelineLayout.contrast(a, b, options: RenderOptions(width: 1200), measurer: TextMeasurer())
        let lanes = scene.texts.map(\.text).filter { $0.hasPrefix("lock mu") }
        let ids = lanes.compactMap { Int($0.split(separator: " ")[1].dropFirst(2)) }
        // Five fork lanes in each panel (the lock no drawn task waited for is left out of both).
        #expect(ids.count == lanes.count && ids.count == 10, "\(lanes)")
        let (first, second) = (Array(lanes.prefix(5)), Array(lanes.suffix(5)))
        #expect(first == second)
        #expect(first == (0..<5).map { "lock mu\(20 + $0) fork \($0)" }, "\(lanes)")
    }
}
