import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// Two waits the trace records as ready to run are waits in the model, and so in every figure read from it: a task
/// woken for a mutex that another task took before it ran is blocked on the mutex again (a lost lock), and a ready
/// task resumed only as a busy actor freed, to hop onto it, waited to enter the actor.
@Suite("Lost locks and waits to enter a busy actor, in the model")
struct LostLockAndActorEntryTests {
    /// `task`'s intervals inside `from ... to`, as "category reason start-end".
    static func states(_ task: TaskTimeline, from: UInt64, to: UInt64) -> [String] {
        task.intervals.filter { $0.start >= from && $0.end <= to }.map { interval in
            var name = interval.state.category.description
            if case let .blocked(_, reason) = interval.state { name += " \(reason?.description ?? "?")" }
            return "\(name) \(interval.start)-\(interval.end)"
        }
    }

    @Test("a woken waiter whose lock another task took first is blocked on the mutex from that take to its release")
    func lostLockInTheModel() throws {
        let timeline = ScriptedTrace.lostLock().timeline()
        let a = try #require(timeline.tasks.first { $0.name == "a" })
        #expect(Self.states(a, from: 2_300, to: 25_000) == [
            "blocked mutex 2300-10100", "runnable 10100-10300", "blocked mutex 10300-20000", "runnable 20000-25000",
        ])
        let lost = zip(a.intervals, a.intervals.dropFirst()).filter { $1.state.isLostLock(after: $0.state) }.map(\.1.start)
        #expect(lost == [10_300])
        // The holder, which asked for the lock again while it held none, lost nothing.
        let b = try #require(timeline.tasks.first { $0.name == "b" })
        #expect(!zip(b.intervals, b.intervals.dropFirst()).contains { $1.state.isLostLock(after: $0.state) })
    }

    @Test("stats count a lost lock as blocked on the mutex, the same whether counted from the model or while reading")
    func lostLockInStats() throws {
        let script = ScriptedTrace.lostLock()
        let model = RunStats(script.timeline())
        script.list.rewind()
        let read = try TimelineBuilder.summarize(from: script.list).stats
        for stats in [model, read] {
            let a = try #require(stats.tasks.first { $0.name == "a" })
            // Blocked 2.3–10.1 µs (asked), then 10.3–20.0 µs (lost); ready 0–2.0, 10.1–10.3 and 20.0–25.0 µs.
            #expect(a.blocked["mutex"] == 7_800 + 9_700)
            #expect(a.runnable == 2_000 + 200 + 5_000)
        }
    }

    @Test("a ready task resumed only as the busy actor freed, to hop onto it, waited to enter the actor")
    func actorEntryInTheModel() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text))
        let waiter = try #require(timeline.tasks.first { $0.name == "waiter" })
        // Woken at 1.32 ms while the holder's job ran on the actor (to 3.0 ms); resumed at 3.05 ms for a 2 µs hop.
        #expect(Self.states(waiter, from: 1_320_000, to: 3_500_000) == [
            "blocked actor 1320000-3050000", "running 3050000-3052100", "blocked actor 3052100-3052200",
            "running 3052200-3500000",
        ])
    }

    @Test("stats count an actor entry wait as waiting for the actor, from the model and while reading")
    func actorEntryInStats() throws {
        let model = RunStats(try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text)))
        let read = try TimelineBuilder.summarize(from: TraceText.parse(ActorEntryTraceText.text)).stats
        for stats in [model, read] {
            let waiter = try #require(stats.tasks.first { $0.name == "waiter" })
            #expect(waiter.blocked["actor"] == 1_730_000 + 100)
            // Created at 0.13 ms, run at 0.31 ms; back from the actor at 3.5 ms, run 300 ns later.
            #expect(waiter.runnable == 180_000 + 300)
            // The holder's 100 ns from suspending to running on the actor, and the waiter's wait, hop and wait: one.
            let actor = try #require(stats.actors?.first)
            #expect(actor.waits == 2)
            #expect(actor.waited == 100 + 1_730_000 + 100)
        }
    }

    @Test("a task that ran its own code for a while before going to the actor was ready to run, not waiting for it")
    func longRunBeforeTheActor() throws {
        let trace = ActorEntryTraceText.text
            .replacingOccurrences(of: "3052000 T3 t3 block", with: "3400000 T3 t3 block")
            .replacingOccurrences(of: "3052100 T3 t3 runEnd", with: "3400100 T3 t3 runEnd")
            .replacingOccurrences(of: "3052200 T3 - actorJobBegin", with: "3400200 T3 - actorJobBegin")
        let timeline = try TimelineBuilder.build(from: TraceText.parse(trace))
        let waiter = try #require(timeline.tasks.first { $0.name == "waiter" })
        #expect(Self.states(waiter, from: 1_320_000, to: 3_400_100).first == "runnable 1320000-3050000")
        let stats = try TimelineBuilder.summarize(from: TraceText.parse(trace)).stats
        #expect(stats.tasks.first { $0.name == "waiter" }?.runnable == 180_000 + 1_730_000 + 300)
    }
}
