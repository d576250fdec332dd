import Testing
import WeftAnalysis
import WeftTrace
@testable import WeftRender

/// Under thread-per-task, a ready task whose next code runs on an actor busy with another task's job is drawn
/// waiting to enter the busy actor, as under multiplexed, not runnable with a free core.
@Suite("Waiting to enter a busy actor under thread-per-task")
struct ActorEntryWaitTests {
    @Test("a task woken while the actor runs another task's job, resumed only as the actor frees, waits for the actor")
    func readyBehindABusyActor() throws {
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(Self.trace)))
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
        let trace = Self.trace
            .replacingOccurrences(of: "3052000 T3 t3 block", with: "3400000 T3 t3 block")
            .replacingOccurrences(of: "3052100 T3 t3 runEnd", with: "3400100 T3 t3 runEnd")
            .replacingOccurrences(of: "3052200 T3 - actorJobBegin", with: "3400200 T3 - actorJobBegin")
        let run = RenderTimeline(timeline: try TimelineBuilder.build(from: TraceText.parse(trace)))
        let waiter = try #require(run.tasks.first { $0.name == "waiter" })
        #expect(!waiter.spans.contains { $0.state == .actor && $0.start < 3_050_000 }, "\(waiter.spans)")
        #expect(waiter.spans.contains { $0.state == .runnable && $0.start == 1_320_000 && $0.end == 3_050_000 }, "\(waiter.spans)")
    }

    /// main (t1) starts a holder (t2), which takes actor ac1 from 0.22 to 3.0 ms on its thread T2, and a waiter (t3),
    /// which sleeps 1 ms on T3, is woken at 1.32 ms, resumes at 3.05 ms, hops at once onto ac1 and runs there.
    static let trace = """
    0 T1 - metadata key="scheduler" value="thread-per-task"
    0 T1 - metadata key="workers" value="0"
    0 T1 - metadata key="cores" value="2"
    0 T1 - threadStart tid=100 role=main index=0
    0 T9 - threadStart tid=109 role=timer index=0
    100000 T1 - taskCreate task=t1 parent=- name="main" site=""
    110000 T1 t1 runBegin task=t1
    120000 T1 t1 taskCreate task=t2 parent=t1 name="holder" site=""
    130000 T1 t1 taskCreate task=t3 parent=t1 name="waiter" site=""
    140000 T1 t1 block reason=suspended object=-
    140100 T1 t1 runEnd task=t1 reason=blocked
    200000 T2 - threadStart tid=101 role=task-thread index=1
    210000 T2 t2 runBegin task=t2
    220000 T2 t2 block reason=suspended object=-
    220100 T2 t2 runEnd task=t2 reason=blocked
    220200 T2 - actorJobBegin actor=ac1
    300000 T3 - threadStart tid=102 role=task-thread index=2
    310000 T3 t3 runBegin task=t3
    320000 T3 t3 sleep duration=1000000ns
    320100 T3 t3 block reason=sleep object=-
    320200 T3 t3 runEnd task=t3 reason=blocked
    1320000 T9 - unblock task=t3
    3000000 T2 - actorSlice actor=ac1 task=t2
    3000100 T2 - unblock task=t2
    3000200 T2 - actorJobEnd actor=ac1
    3000300 T2 t2 runBegin task=t2
    3050000 T3 t3 runBegin task=t3
    3052000 T3 t3 block reason=suspended object=-
    3052100 T3 t3 runEnd task=t3 reason=blocked
    3052200 T3 - actorJobBegin actor=ac1
    3100000 T2 t2 taskEnd task=t2 outcome=returned message=""
    3100000 T2 t2 runEnd task=t2 reason=finished
    3500000 T3 - actorSlice actor=ac1 task=t3
    3500100 T3 - unblock task=t3
    3500200 T3 - actorJobEnd actor=ac1
    3500300 T3 t3 runBegin task=t3
    3600000 T3 t3 taskEnd task=t3 outcome=returned message=""
    3600000 T3 t3 runEnd task=t3 reason=finished
    3700000 T1 - unblock task=t1
    3710000 T1 t1 runBegin task=t1
    3800000 T1 t1 taskEnd task=t1 outcome=returned message=""
    3800000 T1 t1 runEnd task=t1 reason=finished
    4000000 T1 - threadStop
    4000000 T2 - threadStop
    4000000 T3 - threadStop
    4000000 T9 - threadStop
    4000000 T1 - runFinish outcome=completed message=""
    """
}
