import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Lints")
struct LintTests {
    /// Main (t1) spawns three philosophers t2, t3, t4 and joins t2. Philosopher i takes mutex 10+i then asks for the
    /// next one. With `ordered`, each takes the lower-numbered mutex first and they run one after another.
    static func philosophers(ordered: Bool) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        for m: UInt64 in 10...12 { s.mutex(1, on: 1, m, name: "fork\(m - 10)") }
        for t: UInt64 in 2...4 { s.create(2, on: 1, t, parent: 1, name: "philosopher\(t - 2)") }
        s.wait(3, on: 1, .join, 2)
        if ordered {
            var time: UInt64 = 10
            for t: UInt64 in 2...4 {
                let first = 10 + (t - 2), second = 10 + (t - 1) % 3
                let (a, b) = (min(first, second), max(first, second))
                s.begin(time, on: 2, t)
                s.request(time + 1, on: 2, a); s.acquire(time + 1, on: 2, a)
                s.request(time + 2, on: 2, b); s.acquire(time + 2, on: 2, b)
                s.release(time + 5, on: 2, b); s.release(time + 6, on: 2, a)
                if t == 2 { s.unblock(time + 7, on: 2, 1) }
                s.finish(time + 8, on: 2)
                time += 10
            }
            s.begin(50, on: 1, 1)
            s.finish(60, on: 1)
            s.runFinish(60, .completed)
        } else {
            for t: UInt64 in 2...4 {
                let time = 10 * (t - 1)
                s.begin(time, on: 2, t)
                s.request(time + 1, on: 2, 10 + (t - 2)); s.acquire(time + 1, on: 2, 10 + (t - 2))
                s.wait(time + 2, on: 2, .sleep) // let the others take their first fork
                s.raw(.unblock, time + 3, on: 0, t)
            }
            for t: UInt64 in 2...4 {
                let time = 100 + 10 * (t - 1), next = 10 + (t - 1) % 3
                s.begin(time, on: 2, t)
                s.request(time + 1, on: 2, next)
                s.wait(time + 2, on: 2, .mutex, next)
            }
            s.runFinish(200, .deadlocked)
        }
        return s
    }

    @Test("a three-task lock cycle is found and printed as the cycle")
    func deadlockFound() throws {
        let timeline = Self.philosophers(ordered: false).timeline()
        let cycles = DeadlockLint().check(timeline)
        #expect(cycles.count == 1)
        let cycle = try #require(cycles.first)
        #expect(cycle.map(\.task) == [TaskID(2), TaskID(3), TaskID(4)])
        #expect(cycle.map(\.object) == [ObjectID(11), ObjectID(12), ObjectID(10)])
        let message = DeadlockLint().message(cycle, in: timeline)
        #expect(message.contains("t2 \"philosopher0\" waits on mutex mu11 \"fork1\""))
        #expect(message.contains("held by t3 \"philosopher1\""))
        // The main task, joining a deadlocked task, is a leak, not part of the cycle.
        let leaks = LeakLint().check(timeline)
        #expect(leaks.map(\.task) == [TaskID(1)])
        #expect(LeakLint().message(leaks[0], in: timeline).contains("join of t2"))
    }

    @Test("the same philosophers taking forks in order finish: no deadlock, no leak")
    func orderedIsClean() {
        let timeline = Self.philosophers(ordered: true).timeline()
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        for lint in allLints() { #expect(lint.run(timeline).isEmpty, "\(lint.name)") }
    }

    @Test("a task sleeping while it holds a mutex is reported; releasing first is clean")
    func lockAcrossBlock() throws {
        func trace(releaseFirst: Bool) -> Timeline {
            let s = ScriptedTrace()
            s.create(0, on: 1, 1, name: "main")
            s.begin(0, on: 1, 1)
            s.mutex(1, on: 1, 7, name: "state")
            s.request(2, on: 1, 7); s.acquire(2, on: 1, 7)
            if releaseFirst { s.release(3, on: 1, 7) }
            s.sleep(4, on: 1, 1000)
            s.unblock(1004, on: 0, 1)
            s.begin(1005, on: 1, 1)
            if !releaseFirst { s.release(1006, on: 1, 7) }
            s.finish(1010, on: 1)
            return s.timeline()
        }
        let findings = LockAcrossBlockLint().check(trace(releaseFirst: false))
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.task == TaskID(1) && f.mutex == MutexID(7) && f.reason == .sleep && f.duration == 1000)
        #expect(LockAcrossBlockLint().message(f, in: trace(releaseFirst: false)).contains("holds mutex mu7 \"state\""))
        #expect(LockAcrossBlockLint().check(trace(releaseFirst: true)).isEmpty)
    }

    /// One worker thread; t2 hogs it for `hog` ns while t3 waits runnable.
    static func hog(_ hog: UInt64) -> Timeline {
        let s = ScriptedTrace()
        s.create(0, on: 1, 2, name: "hog")
        s.create(0, on: 1, 3, name: "victim")
        s.begin(0, on: 1, 2)
        s.finish(hog, on: 1)
        s.begin(hog, on: 1, 3)
        s.finish(hog + 10, on: 1)
        return s.timeline()
    }

    @Test("starvation and never-yields fire above their thresholds and not below")
    func thresholds() throws {
        let long = Self.hog(20_000_000), short = Self.hog(1_000_000)
        let starvation = StarvationLint(threshold: 10_000_000)
        let found = starvation.check(long)
        #expect(found.map(\.task) == [TaskID(3)])
        #expect(found.first?.duration == 20_000_000)
        #expect(starvation.message(found[0], in: long).contains("runnable for 20.0 ms"))
        #expect(starvation.check(short).isEmpty)
        let slices = LongSliceLint(threshold: 10_000_000)
        #expect(slices.check(long).map(\.slice.task) == [TaskID(2)])
        #expect(slices.check(short).isEmpty)
        #expect(LongSliceLint(threshold: 500_000).check(short).count == 1)
    }

    @Test("a task blocked on a channel no one else uses is a leak")
    func leak() throws {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.channel(1, on: 1, 4, capacity: 0, name: "results")
        s.create(2, on: 1, 2, parent: 1, name: "orphan")
        s.finish(3, on: 1)
        s.begin(4, on: 1, 2)
        s.wait(5, on: 1, .channelReceive, 4)
        s.runFinish(100, .completed)
        let timeline = s.timeline()
        let leaks = LeakLint().run(timeline)
        #expect(leaks.count == 1)
        #expect(leaks.first?.tasks == [2])
        #expect(leaks.first?.message.contains("receive on ch4 \"results\"") == true)
        #expect(DeadlockLint().check(timeline).isEmpty)
    }
}
