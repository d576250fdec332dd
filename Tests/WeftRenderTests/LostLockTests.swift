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
    @Test("a woken waiter whose lock was re-taken before its thread ran is drawn blocked until the other's release")
    func wokenAndLost() throws {
        let render = RenderTimeline(timeline: ScriptedTrace.lostLock().timeline())
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
