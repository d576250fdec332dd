import Foundation
import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// A task woken by an unlock whose lock another task took before its thread ran is drawn waiting for the lock again,
/// not ready to run, from the loss to the other's release, with a mark where it lost it.
@Suite("A lock lost to another task")
struct LostLockTests {
    @Test("the holds taken by others while a task waited are that task's lost stretches")
    func stretches() {
        let a = TaskID(2), b = TaskID(3)
        let holds = [
            LostLocks.Hold(task: b, requested: 0, start: 0, end: 100),
            // a asks at 10 and waits (b's first hold began before: not lost); b takes the lock again at 105, before
            // a ran, and holds it to 200.
            LostLocks.Hold(task: b, requested: 105, start: 105, end: 200),
            LostLocks.Hold(task: a, requested: 10, start: 210, end: 300),
        ]
        let lost = LostLocks.stretches(holds)
        #expect(lost[a]?.map { "\($0.start)-\($0.end)" } == ["105-200"])
        #expect(lost[b] == nil)
    }

    @Test("ready time inside a lost stretch becomes blocked on the mutex, and the loss is marked once")
    func relabel() {
        var track = TaskTrack(task: TaskID(2), name: "adder", spans: [
            StateSpan(start: 10, end: 100, state: .mutex),
            // Woken at 100; the other task re-took the lock at 105 and held it to 200; a ran at 230.
            StateSpan(start: 100, end: 230, state: .runnable),
            StateSpan(start: 230, end: 300, state: .running),
        ])
        track.relabelLostLocks([TimeSpan(0, 100), TimeSpan(105, 200)])
        #expect(track.spans.map { "\($0.state) \($0.start)-\($0.end)" } == [
            "blocked on mutex 10-100", "runnable 100-105", "blocked on mutex 105-200", "runnable 200-230", "running 230-300",
        ])
        #expect(track.marks.map(\.time) == [105])
        #expect(track.marks.allSatisfy { $0.kind == .lostLock })
    }

    /// Thread-per-task, as in the counter: b holds the lock; a waits; b unlocks (waking a) and takes the lock again
    /// before a's thread runs; a's thread runs only after b's second release, and takes the lock then.
    static func trace() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "thread-per-task")
        s.thread(0, 1, tid: 101, role: .taskThread, index: 2)
        s.thread(0, 2, tid: 102, role: .taskThread, index: 3)
        s.create(0, on: 1, 2, name: "a")
        s.create(0, on: 2, 3, name: "b")
        s.mutex(0, on: 2, 9, name: "counter")
        s.begin(1_000, on: 2, 3)
        s.request(1_100, on: 2, 9)
        s.acquire(1_200, on: 2, 9)
        s.begin(2_000, on: 1, 2)
        s.request(2_100, on: 1, 9)
        s.wait(2_300, on: 1, .mutex, 9)
        s.release(10_000, on: 2, 9)
        s.unblock(10_100, on: 2, 2)
        s.request(10_200, on: 2, 9)
        s.acquire(10_300, on: 2, 9)
        s.release(20_000, on: 2, 9)
        s.finish(20_100, on: 2)
        s.begin(25_000, on: 1, 2)
        s.acquire(25_100, on: 1, 9)
        s.release(26_000, on: 1, 9)
        s.finish(26_100, on: 1)
        s.runFinish(27_000, .completed)
        return s
    }

    @Test("a woken waiter whose lock was re-taken before its thread ran is drawn blocked until the other's release")
    func wokenAndLost() throws {
        let render = RenderTimeline(timeline: Self.trace().timeline())
        let a = try #require(render.tasks.first { $0.name == "a" })
        let states = a.spans.filter { $0.start >= 2_300 && $0.end <= 25_000 }.map { "\($0.state) \($0.start)-\($0.end)" }
        #expect(states == ["blocked on mutex 2300-10100", "runnable 10100-10300", "blocked on mutex 10300-20000",
                           "runnable 20000-25000"])
        #expect(a.marks.filter { $0.kind == .lostLock }.map(\.time) == [10_300])
    }

    @Test("in the committed ping-pong traces, wake marks are only the wake-ups no message explains")
    func pingPongWakes() throws {
        for name in ["pingpong-multiplexed.weft", "pingpong-thread-per-task.weft"] {
            let path = CommittedTraces.folder.appendingPathComponent(name).path
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceReader(path: path)))
            for task in run.tasks where task.name == "pinger" || task.name == "ponger" {
                let sends = task.marks.filter { $0.kind == .send }.reduce(0) { $0 + Int($1.count) }
                let wakes = task.marks.filter { $0.kind == .wake }.reduce(0) { $0 + Int($1.count) }
                #expect(sends == 50, "\(name) \(task.name): \(sends) sends")
                // The close that ends the ponger's loop and the end that main joins, at most.
                #expect(wakes <= 2, "\(name) \(task.name): \(wakes) wake marks")
            }
        }
    }
}
