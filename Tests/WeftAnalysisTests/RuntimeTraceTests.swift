import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// Runs a program under `scheduler` with a trace and returns the trace's timeline (and whether the run threw).
func tracedTimeline(_ scheduler: SchedulerKind, name: String,
                    _ body: @escaping @Sendable (Runtime) async throws -> Void) async throws -> (Timeline, RuntimeError?) {
    let trace = try await RecordedTrace.record(scheduler, name: "analysis-\(name)", body)
    return (trace.timeline, trace.failure)
}

/// Invariants every timeline of a real run must keep.
func expectConsistent(_ timeline: Timeline, _ context: String) {
    #expect(timeline.run.anomalyCount == 0, "\(context): \(timeline.run.anomalies.prefix(5))")
    for task in timeline.tasks {
        let sum = task.intervals.reduce(0) { $0 + $1.duration }
        #expect(sum == task.lifetime(traceEnd: timeline.run.end), "\(context): \(task.id) states do not cover its life")
        for (a, b) in zip(task.intervals, task.intervals.dropFirst()) where a.end != b.start {
            Issue.record("\(context): \(task.id) has a gap or overlap at \(a.end)")
        }
    }
    for thread in timeline.threads {
        for (a, b) in zip(thread.slices, thread.slices.dropFirst()) where a.end > b.start {
            Issue.record("\(context): \(thread.id) slices overlap at \(b.start)")
        }
    }
}

@Suite("Timelines of real runtime traces", .serialized)
struct RuntimeTraceTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 1), .multiplexed(workers: 2), .threadPerTask]

    @Test("producers and consumers: every message pairs, states cover lifetimes, no lint fires", arguments: schedulers)
    func producersAndConsumers(_ scheduler: SchedulerKind) async throws {
        let (timeline, failure) = try await tracedTimeline(scheduler, name: "pipeline") { rt in
            let jobs = rt.channel(of: Int.self, capacity: 4, name: "jobs")
            let results = rt.channel(of: Int.self, name: "results")
            let total = rt.mutex("total")
            let done = rt.waitGroup("workers")
            done.add(3)
            for w in 0..<3 {
                rt.spawn("worker\(w)") {
                    while let job = try await jobs.receive() {
                        try await total.withLock { job }
                        try await results.send(job * 2)
                    }
                    done.done()
                }
            }
            rt.spawn("producer") {
                for i in 0..<50 { try await jobs.send(i) }
                jobs.close()
            }
            var sum = 0
            for _ in 0..<50 { sum += try await results.receive() ?? 0 }
            try await done.wait()
            #expect(sum == 2 * (0..<50).reduce(0, +))
        }
        #expect(failure == nil)
        let context = "\(scheduler)"
        expectConsistent(timeline, context)
        #expect(timeline.run.outcome == .completed)
        #expect(timeline.tasks.count == 5)
        #expect(timeline.tasks.allSatisfy { $0.ended != nil }, "\(context)")
        let jobs = try #require(timeline.channels.first { $0.name == "jobs" })
        #expect(jobs.sends == 50 && jobs.receives == 50 && jobs.closedReceives == 3 && jobs.capacity == 4)
        #expect(jobs.peakOccupancy <= 5, "\(context): peak \(jobs.peakOccupancy)")
        #expect(timeline.flows.count == 100)
        #expect(timeline.flows.allSatisfy { $0.sent != nil && $0.received != nil && $0.sender != $0.receiver })
        let total = try #require(timeline.mutexes.first { $0.name == "total" })
        #expect(total.holds.count == 50 && total.holds.allSatisfy(\.released))
        let group = try #require(timeline.waitGroups.first)
        #expect(group.waits.count == 1 && group.waits[0].completed)
        #expect(DeadlockLint().check(timeline).isEmpty)
        #expect(LeakLint().check(timeline).isEmpty)
        #expect(LockAcrossBlockLint().check(timeline).isEmpty)
        let path = CriticalPath(timeline)
        #expect(!path.segments.isEmpty)
        for (a, b) in zip(path.segments, path.segments.dropFirst()) { #expect(a.end <= b.start, "\(context)") }
        #expect(path.length <= timeline.run.wallTime)
        let stats = RunStats(timeline)
        #expect(stats.tasks.allSatisfy { $0.running + $0.runnable + $0.blockedTotal + $0.sleeping == $0.lifetime })
    }

    @Test("two tasks taking two mutexes in opposite orders: the deadlock lint names the cycle", arguments: schedulers)
    func deadlock(_ scheduler: SchedulerKind) async throws {
        let (timeline, failure) = try await tracedTimeline(scheduler, name: "deadlock") { rt in
            let a = rt.mutex("A"), b = rt.mutex("B")
            // Each takes its first lock, then waits until the other has its own: the deadlock is certain.
            let leftHas = rt.channel(of: Int.self, capacity: 1), rightHas = rt.channel(of: Int.self, capacity: 1)
            let left = rt.spawn("left") {
                try await a.lock()
                try await leftHas.send(1)
                _ = try await rightHas.receive()
                try await b.lock()
            }
            let right = rt.spawn("right") {
                try await b.lock()
                try await rightHas.send(1)
                _ = try await leftHas.receive()
                try await a.lock()
            }
            try await left.value
            try await right.value
        }
        #expect(failure?.kind == .deadlock)
        #expect(timeline.run.outcome == .deadlocked)
        expectConsistent(timeline, "\(scheduler)")
        let cycles = DeadlockLint().check(timeline)
        #expect(cycles.count == 1, "\(scheduler): \(cycles)")
        let names = Set(cycles.first?.map { timeline.task($0.task)?.name ?? "" } ?? [])
        #expect(names == ["left", "right"])
        #expect(cycles.first?.allSatisfy { $0.reason == .mutex } == true)
        // The main task waits to join "left": a leak behind the deadlock, not part of the cycle.
        #expect(LeakLint().check(timeline).map { timeline.task($0.task)?.name } == ["main"])
    }

    @Test("dining philosophers: the runtime's deadlock report spells each object as the lints do, and every philosopher ends blocked", arguments: schedulers)
    func deadlockSpellingAndBlockedCloser(_ scheduler: SchedulerKind) async throws {
        let (timeline, failure) = try await tracedTimeline(scheduler, name: "philosophers", threeDeadlockingPhilosophers)
        let error = try #require(failure)
        #expect(error.kind == .deadlock)
        let cycle = try #require(DeadlockLint().check(timeline).first)
        for wait in cycle {
            let spelled = LintText.object(wait, timeline)
            #expect(error.message.contains("waits on \(spelled)"), "the lint says \(spelled); the runtime says:\n\(error.message)")
            // The task that closed the cycle too is counted blocked on its fork, not running.
            let task = try #require(timeline.task(wait.task))
            let blocked = task.intervals.contains { interval in
                if case .blocked(_, reason: .mutex?) = interval.state { return interval.end > interval.start }
                return false
            }
            #expect(blocked, "\(task.id) \"\(task.name)\" is never counted blocked on its fork")
        }
        // The main task's join is spelled with the awaited task's id, as the lints spell it.
        let main = try #require(error.deadlock?.blocked.first { $0.name == "main" })
        #expect(main.description.hasPrefix("t1 \"main\" waits on join of t2 \"philosopher 1\""), "\(main)")
        #expect(error.message.range(of: #"\bo[0-9]+\b"#, options: .regularExpression) == nil, "\(error.message)")
        // A cycle of locks gets the advice for locks, in the same words from the runtime and from `weft check`.
        let advice = DeadlockAdvice.fix(cycle.compactMap(\.reason))
        #expect(advice.contains("take the locks in one global order"))
        #expect(error.message.hasSuffix("\n" + advice), "\(error.message)")
        #expect(DeadlockLint().message(cycle, in: timeline).hasSuffix("\n  " + advice))
    }

    @Test("a task left waiting on a channel when main returns is a leak, though the runtime cancels it", arguments: schedulers)
    func leak(_ scheduler: SchedulerKind) async throws {
        let (timeline, _) = try await tracedTimeline(scheduler, name: "leak") { rt in
            let results = rt.channel(of: Int.self, name: "results")
            let ready = rt.channel(of: Int.self, capacity: 1, name: "ready")
            rt.spawn("orphan") {
                try await ready.send(1)
                _ = try await results.receive()
            }
            _ = try await ready.receive()
            try await rt.sleep(for: .milliseconds(20)) // long enough for the orphan to block
        }
        expectConsistent(timeline, "\(scheduler)")
        let leaks = LeakLint().check(timeline)
        #expect(leaks.map { timeline.task($0.task)?.name } == ["orphan"], "\(scheduler)")
        #expect(leaks.first?.reason == .channelReceive)
        #expect(LeakLint().message(leaks[0], in: timeline).contains("receive on"))
        #expect(DeadlockLint().check(timeline).isEmpty)
    }
}
