import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender
import WeftTestSupport

/// Under thread-per-task, a ready task whose next code runs on an actor busy with another task's job is drawn
/// waiting to enter the busy actor, as under multiplexed, not runnable with a free core.
@Suite("Waiting to enter a busy actor under thread-per-task")
struct ActorEntryWaitTests {
    @Test("a task woken while the actor runs another task's job, resumed only as the actor frees, waits for the actor")
    func readyBehindABusyActor() throws {
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text)))
        let waiter = try #require(run.tasks.first { $0.name == "waiter" })
        // Woken at 1.32 ms (its sleep over), resumed at 3.05 ms as the holder's job on the actor ended at 3.0 ms.
        #expect(waiter.spans.contains { $0.state == .actor && $0.start == 1_320_000 && $0.end == 3_050_000 }, "\(waiter.spans)")
        #expect(!waiter.spans.contains { $0.state == .runnable && $0.end > 1_320_000 && $0.start < 3_050_000 })
        // The holder, on the actor meanwhile, is drawn running there.
        let holder = try #require(run.tasks.first { $0.name == "holder" })
        #expect(!holder.spans.contains { $0.state == .actor && $0.end - $0.start > 1_000_000 })
    }

    @Test("a task that ran its own code for a while before going to the actor was not waiting for the actor")
    func longRunBeforeTheActor() throws {
        let trace = ActorEntryTraceText.text
            .replacingOccurrences(of: "3052000 T3 t3 block", with: "3400000 T3 t3 block")
            .replacingOccurrences(of: "3052100 T3 t3 runEnd", with: "3400100 T3 t3 runEnd")
            .replacingOccurrences(of: "3052200 T3 - actorJobBegin", with: "3400200 T3 - actorJobBegin")
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(trace)))
        let waiter = try #require(run.tasks.first { $0.name == "waiter" })
        #expect(!waiter.spans.contains { $0.state == .actor && $0.start < 3_050_000 }, "\(waiter.spans)")
        // Ready to run with a core free (thread-per-task): its thread's wake-up latency, not a wait for the actor.
        #expect(waiter.spans.contains { $0.state == .wakeLatency && $0.start == 1_320_000 && $0.end == 3_050_000 }, "\(waiter.spans)")
    }
}
