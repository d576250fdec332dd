import Testing
import WeftTrace
import WeftTestSupport
@testable import WeftAnalysis

/// What a tie's verdict says of where the schedulers differed: the task that set the pace (`Pacer`), and the waits it
/// quotes, which must be the figures `weft stats` prints for the same trace.
@Suite("Verdict: where two runs that tie differed")
struct TieContrastTests {
    @Test("the pipeline's slow middle stage sets the pace: it ended every channel wait of its neighbours")
    func pacer() throws {
        let timeline = try traceFile("pipeline-pace")
        let pacer = try #require(Pacer(timeline))
        #expect(pacer.task == "square")
        #expect(pacer.running == 175)
        #expect(pacer.waiters == [Pacer.Waiter(task: "generate", blocked: 79), Pacer.Waiter(task: "sum", blocked: 158)])
        // The waiters' times are the channel waits `weft stats` lists for them under "blocked on".
        let stats = RunStats(timeline)
        for waiter in pacer.waiters {
            let task = try #require(stats.tasks.first { $0.name == waiter.task })
            #expect(task.blocked.filter { ["send", "receive", "select"].contains($0.key) }.map { $0.value }.reduce(0, +) == waiter.blocked)
        }
        #expect(stats.tasks.first { $0.name == "square" }?.running == pacer.running)
    }

    @Test("no pacer where the waits were ended by a task that was itself mostly waiting")
    func noPacer() throws {
        // The one channel wait in this trace (the stage's send, 40..60) is ended by the consumer, which ran 15 ns of
        // its 65 ns life.
        #expect(Pacer(try traceFile("woken-before-parking")) == nil)
    }

    @Test("the waits a verdict quotes are the sums of the task table's columns that weft stats prints")
    func oneTruth() throws {
        let timeline = try traceFile("pipeline-pace")
        let figures = RunFigures(timeline)
        let stats = RunStats(timeline)
        #expect(figures.waitingToRun == TaskSum(total: stats.tasks.map(\.runnable).reduce(0, +), tasks: stats.tasks.count))
        #expect(figures.waiting == TaskSum(total: stats.tasks.map { $0.blockedTotal + $0.sleeping }.reduce(0, +),
                                           tasks: stats.tasks.count))
        let rows = StatsReport().runTable(stats.run, tasks: stats.tasks).render().split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("  runnable ") && $0.hasSuffix(" " + figures.waitingToRun!.description) })
        #expect(rows.contains { $0.hasPrefix("  waiting ") && $0.hasSuffix(" blocked or asleep: " + figures.waiting!.description) })
    }

    @Test("a lock whose waits were all the tasks' waiting sets the pace, with the waits weft stats prints")
    func lockBottleneck() throws {
        let timeline = try traceFile("mutex-contention")
        let bottleneck = try #require(Bottleneck(timeline))
        // second waited 20..50 for m, held 10..50 and 70..80 in a 90 ns run.
        #expect(bottleneck == Bottleneck(kind: .lock, name: "m", busy: 50, waited: 30, tasks: 1))
        let stats = RunStats(timeline)
        #expect(stats.tasks.map { $0.blocked["mutex"] ?? 0 }.reduce(0, +) == bottleneck.waited)
    }

    @Test("a lock held across a sleep that no task waited for does not set the pace")
    func noLockBottleneck() throws {
        #expect(Bottleneck(try traceFile("lock-across-sleep")) == nil)
    }

    @Test("an actor busy most of the run, with a task waiting to enter it, sets the pace; its wait is weft stats' figure")
    func actorBottleneck() throws {
        let timeline = try TimelineBuilder.build(from: TraceText.parse(ActorEntryTraceText.text))
        let bottleneck = try #require(Bottleneck(timeline))
        #expect(bottleneck.kind == .actor)
        let stats = RunStats(timeline)
        let actor = try #require(stats.actors?.first)
        #expect(bottleneck.busy == actor.busy)
        #expect(bottleneck.waited == actor.waited)
        // The waiter, and the holder for its 100 ns from suspending to running on the actor.
        #expect(bottleneck.tasks == 2)
    }
}
