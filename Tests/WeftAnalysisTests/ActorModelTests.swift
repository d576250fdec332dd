import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// The model of actor jobs: stretches named by `actorSlice` become the task's slices on the actor, the suspension
/// before each becomes a wait for the actor, and the stats count it all.
@Suite("Actors in the model")
struct ActorModelTests {
    static func timeline() throws -> Timeline {
        try TimelineBuilder.build(from: TraceText.parse(ActorTraceText.text))
    }

    @Test("each named stretch of an actor job is the task's slice on the actor; the suspension before it, a wait for the actor")
    func stretchesBecomeSlices() throws {
        let timeline = try Self.timeline()
        #expect(timeline.run.anomalies.isEmpty, "\(timeline.run.anomalies)")
        let actor = try #require(timeline.actor(ActorID(5)))
        #expect(actor.label == "ac5 Cache")
        #expect(actor.jobs == [ActorJob(start: 100, end: 210, thread: ThreadID(1))])
        #expect(actor.visits == [ActorVisit(start: 100, end: 150, task: TaskID(2), thread: ThreadID(1)),
                                 ActorVisit(start: 150, end: 200, task: TaskID(3), thread: ThreadID(1))])
        #expect(actor.busy == 110)
        #expect(actor.tasksServed == [TaskID(2), TaskID(3)])

        let waitForActor = TaskState.blocked(object: ObjectID(5), reason: .actor)
        let a = try #require(timeline.tasks.first { $0.id == TaskID(2) })
        #expect(a.intervals.map(\.state) == [.runnable(.created), .running(ThreadID(1)), waitForActor,
                                              .running(ThreadID(1)), .runnable(.yielded), .running(ThreadID(1))])
        #expect(a.intervals.map(\.start) == [30, 50, 71, 100, 150, 220])
        let b = try #require(timeline.tasks.first { $0.id == TaskID(3) })
        #expect(b.intervals.map(\.state) == [.runnable(.created), .running(ThreadID(2)), waitForActor,
                                              .running(ThreadID(1)), .runnable(.yielded), .running(ThreadID(2))])
        #expect(b.intervals.map(\.start) == [31, 80, 91, 150, 200, 240])
        #expect(timeline.label(of: ObjectID(5), reason: .actor) == "ac5 Cache")

        let onActor = try #require(timeline.thread(ThreadID(1))).slices.filter { $0.actor != nil }
        #expect(onActor.map(\.task) == [TaskID(2), TaskID(3)])
        #expect(onActor.allSatisfy { $0.actor == ActorID(5) && $0.endReason == .yielded })
        #expect(onActor[1].migrated, "caller b ran on T2, then on the actor's job on T1")
    }

    @Test("weft stats has a line per actor: jobs, slices, busy time, tasks served, waits")
    func stats() throws {
        let stats = RunStats(try Self.timeline())
        #expect(stats.actors == [ActorStats(id: "ac5", typeName: "Cache", jobs: 1, slices: 2, busy: 110, tasksServed: 2,
                                            waits: 2, waited: (100 - 71) + (150 - 91))])
        let text = StatsReport().render(stats)
        #expect(text.contains("actors (by busy time)"))
        #expect(text.contains("ac5 Cache"))
    }

    @Test("a stretch named after a task that was not on its way to the actor is an anomaly, and no task's states change")
    func strayStretch() throws {
        // The second stretch names caller a again, which had already left the actor.
        let text = ActorTraceText.text.replacingOccurrences(of: "200 T1 - actorSlice actor=ac5 task=t3",
                                                            with: "200 T1 - actorSlice actor=ac5 task=t2")
        let timeline = try TimelineBuilder.build(from: TraceText.parse(text))
        #expect(timeline.run.anomalies.count == 1, "\(timeline.run.anomalies)")
        #expect(timeline.actor(ActorID(5))?.visits.map(\.task) == [TaskID(2), TaskID.none])
        let a = try #require(timeline.tasks.first { $0.id == TaskID(2) })
        #expect(a.intervals.map(\.start) == [30, 50, 71, 100, 150, 220])
        let b = try #require(timeline.tasks.first { $0.id == TaskID(3) })
        #expect(!b.intervals.contains { $0.state == .running(ThreadID(1)) }, "caller b's states stay as recorded")
        #expect(try #require(timeline.thread(ThreadID(1))).slices.filter { $0.actor != nil }.count == 1)
    }
}
