import Testing
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// Hand-made runs of one small program: main makes a channel and a mutex, spawns a named worker and unnamed helpers
/// at one site, sends the worker a job and uses the mutex.
enum DiffFixtures {
    /// - Parameters:
    ///   - workerRuns: how long the worker runs after its receive.
    ///   - helpers: how many unnamed helpers main spawns at `demo.swift:10` (each on its own thread).
    static func program(workerRuns: UInt64 = 100, helpers: Int = 1, scheduler: String = "multiplexed") -> TracedRun {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", scheduler)
        s.meta(0, "program", "fixture")
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.channel(11, on: 1, 100, capacity: 1, name: "jobs")
        s.mutex(12, on: 1, 101)
        s.create(13, on: 1, 2, parent: 1, name: "worker")
        for h in 0..<helpers { s.create(14, on: 1, UInt64(3 + h), parent: 1, site: "demo.swift:10") }
        s.send(20, on: 1, 100, seq: 1)
        s.request(21, on: 1, 101); s.acquire(21, on: 1, 101); s.release(25, on: 1, 101)
        s.finish(30, on: 1)
        // The worker on thread 2.
        s.begin(40, on: 2, 2)
        s.receive(41, on: 2, 100, seq: 1)
        s.finish(41 + workerRuns, on: 2)
        // Each helper on its own thread: runs 50 ns, sleeps, ends.
        for h in 0..<helpers {
            let thread = UInt64(3 + h), task = UInt64(3 + h)
            s.begin(40, on: thread, task)
            s.sleep(90, on: thread, 20)
            s.unblock(110, on: thread, task)
            s.begin(110, on: thread, task)
            s.finish(120, on: thread)
        }
        s.runFinish(400, .completed)
        s.list.rewind()
        return try! TracedRun.build(from: s.list)
    }
}

@Suite("Diff")
struct DiffTests {
    @Test("a run diffed with itself is empty and trips no gate")
    func selfDiff() throws {
        let run = DiffFixtures.program()
        let diff = TraceDiff(a: run, b: run)
        #expect(diff.isEmpty)
        #expect(diff.tasks.count == 3 && diff.tasks.allSatisfy { $0.change == 0 })
        #expect(diff.addedTasks.isEmpty && diff.removedTasks.isEmpty && diff.divergences.isEmpty)
        #expect(diff.sameBehaviour == 3 && diff.sameOrder == 1)
        for gate in ["wall>+0%", "blocked>+0ns", "divergent>0", "tasks>0"] {
            #expect(try DiffThreshold(parsing: gate).evaluate(diff).tripped == false)
        }
        #expect(DiffReport().render(diff).contains("no differences"))
    }

    @Test("one task slowed and one added: the diff says exactly that")
    func slowedAndAdded() throws {
        let a = DiffFixtures.program(workerRuns: 100, helpers: 1)
        let b = DiffFixtures.program(workerRuns: 300, helpers: 2)
        let diff = TraceDiff(a: a, b: b, nameA: "a.weft", nameB: "b.weft")
        #expect(diff.addedTasks == ["main/demo.swift:10[1]"])
        #expect(diff.removedTasks.isEmpty)
        let changed = diff.tasks.filter { $0.change > 0 }
        #expect(changed.map(\.identity) == ["worker"])
        let worker = try #require(changed.first)
        #expect(worker.metric("running")?.a == 101 && worker.metric("running")?.b == 301)
        #expect(worker.metric("running")?.delta == 200 && worker.metric("lifetime")?.delta == 200)
        #expect(worker.metric("blocked")?.delta == 0)
        #expect(diff.runMetric("tasks")?.delta == 1 && diff.runMetric("threads")?.delta == 1)
        // main spawned one more task: its behaviour differs right after its spawns of A.
        #expect(diff.divergences.map(\.identity) == ["main"])
        let main = try #require(diff.divergences.first)
        #expect(main.index == 2)
        #expect(main.contextA[main.index - main.contextStart] == "send jobs")
        #expect(main.contextB[main.index - main.contextStart] == "spawn main/demo.swift:10[1]")
        #expect(diff.reorderedChannels.isEmpty && diff.channels.count == 1 && diff.mutexes.count == 1)
        let text = DiffReport().render(diff)
        #expect(text.contains("added (only in B): main/demo.swift:10[1]"))
        #expect(text.contains("main: first difference at operation 3"))
    }

    @Test("behavioural divergence is found at the first operation that differs")
    func divergence() throws {
        func run(_ swapped: Bool) -> TracedRun {
            let s = ScriptedTrace()
            s.create(0, on: 1, 1, name: "main")
            s.begin(0, on: 1, 1)
            s.channel(1, on: 1, 7, capacity: 4, name: "out")
            s.mutex(2, on: 1, 8, name: "state")
            s.send(3, on: 1, 7, seq: 1)
            if swapped {
                s.send(4, on: 1, 7, seq: 2)
                s.acquire(5, on: 1, 8); s.release(6, on: 1, 8)
            } else {
                s.acquire(4, on: 1, 8); s.release(5, on: 1, 8)
                s.send(6, on: 1, 7, seq: 2)
            }
            s.finish(10, on: 1)
            s.list.rewind()
            return try! TracedRun.build(from: s.list)
        }
        let diff = TraceDiff(a: run(false), b: run(true), ignoreTiming: true)
        let d = try #require(diff.divergences.first)
        #expect(diff.divergences.count == 1 && d.identity == "main" && d.index == 1)
        #expect(d.contextA == ["send out", "lock state", "unlock state", "send out"])
        #expect(d.contextB == ["send out", "send out", "lock state", "unlock state"])
        #expect(diff.tasks.isEmpty && diff.run.allSatisfy { $0.unit != .nanoseconds })
        #expect(try DiffThreshold(parsing: "divergent>0").evaluate(diff).tripped)
        #expect(throws: DiffError.self) { try DiffThreshold(parsing: "wall>+10%").evaluate(diff) }
    }

    @Test("message order on a channel: the same, or where two producers swapped")
    func messageOrder() throws {
        func run(firstProducer: UInt64) -> TracedRun {
            let s = ScriptedTrace()
            s.create(0, on: 1, 1, name: "main")
            s.create(0, on: 1, 2, parent: 1, name: "producer")
            s.create(0, on: 1, 3, parent: 1, name: "producer")
            s.channel(0, on: 1, 9, capacity: 8, name: "jobs")
            let second: UInt64 = firstProducer == 2 ? 3 : 2
            s.begin(10, on: 2, firstProducer); s.send(11, on: 2, 9, seq: 1); s.finish(12, on: 2)
            s.begin(20, on: 2, second); s.send(21, on: 2, 9, seq: 2); s.finish(22, on: 2)
            s.begin(30, on: 1, 1); s.receive(31, on: 1, 9, seq: 1); s.receive(32, on: 1, 9, seq: 2); s.finish(33, on: 1)
            s.list.rewind()
            return try! TracedRun.build(from: s.list)
        }
        let same = TraceDiff(a: run(firstProducer: 2), b: run(firstProducer: 2))
        #expect(same.reorderedChannels.isEmpty && same.sameOrder == 1)
        let swapped = TraceDiff(a: run(firstProducer: 2), b: run(firstProducer: 3))
        let d = try #require(swapped.reorderedChannels.first)
        #expect(d.identity == "jobs" && d.seq == 1)
        #expect(d.contextA == ["#1 producer → main", "#2 producer#2 → main"])
        #expect(d.contextB == ["#1 producer#2 → main", "#2 producer → main"])
        #expect(try DiffThreshold(parsing: "reordered>0").evaluate(swapped).tripped)
    }

    @Test("identities: names numbered by occurrence, unnamed tasks and objects by spawn path")
    func identities() {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.begin(0, on: 1, 1)
        s.create(1, on: 1, 5, parent: 1, name: "w")
        s.create(2, on: 1, 4, parent: 1, name: "w")
        s.create(3, on: 1, 6, parent: 1, site: "a.swift:1")
        s.create(4, on: 1, 7, parent: 1, site: "a.swift:1")
        s.create(5, on: 1, 8, parent: 1, site: "b.swift:2")
        s.channel(6, on: 1, 20, capacity: 0)
        s.channel(7, on: 1, 21, capacity: 0, name: "x")
        s.channel(8, on: 1, 22, capacity: 0)
        s.finish(9, on: 1)
        let ids = RunIdentities(s.timeline())
        #expect(ids.task(TaskID(5)) == "w" && ids.task(TaskID(4)) == "w#2")
        #expect(ids.task(TaskID(6)) == "main/a.swift:1[0]" && ids.task(TaskID(7)) == "main/a.swift:1[1]")
        #expect(ids.task(TaskID(8)) == "main/b.swift:2[0]")
        #expect(ids.object(ObjectID(20)) == "main/channel[0]" && ids.object(ObjectID(21)) == "x")
        #expect(ids.object(ObjectID(22)) == "main/channel[1]")
    }

    @Test("gates: grammar, units, and which way they trip")
    func thresholds() throws {
        let diff = TraceDiff(a: DiffFixtures.program(workerRuns: 100), b: DiffFixtures.program(workerRuns: 300))
        // Wall time: A ends at 400 (runFinish), B at 400 too; the worker's lifetime grows by 200.
        #expect(try DiffThreshold(parsing: "task:worker.running>+100%").evaluate(diff).tripped)
        #expect(try DiffThreshold(parsing: "task:worker.running > +200%").evaluate(diff).tripped == false)
        #expect(try DiffThreshold(parsing: "running>+150ns").evaluate(diff).tripped)
        // Identities with dots (spawn sites) and block reasons both parse.
        #expect(try DiffThreshold(parsing: "task:main/demo.swift:10[0].running>+1%").evaluate(diff).tripped == false)
        #expect(try DiffThreshold(parsing: "task:worker.blocked.receive>+0ns").evaluate(diff).tripped == false)
        #expect(try DiffThreshold(parsing: "running>+1us").evaluate(diff).tripped == false)
        #expect(try DiffThreshold(parsing: "running<-1%").evaluate(diff).tripped == false)
        let parsed = try DiffThreshold(parsing: "rss>+64MiB")
        #expect(parsed.metric == "rss" && parsed.comparison == .greater && parsed.amount == .absolute(64 * 1_048_576))
        #expect(try DiffThreshold(parsing: "wall<-10%").amount == .percent(-10))
        for bad in ["wall", "wall>", ">+10%", "wall>+ten%", "divergent>+10%"] {
            #expect(throws: DiffError.self) { try DiffThreshold(parsing: bad) }
        }
        #expect(throws: DiffError.self) { try DiffThreshold(parsing: "speed>+10%").evaluate(diff) }
        // Samples neither trace recorded cannot be gated: say so rather than pass silently.
        #expect(throws: DiffError.self) { try DiffThreshold(parsing: "rss>+10%").evaluate(diff) }
    }
}

@Suite("Diff: operations without a target")
struct DiffDefaultSelectTests {
    @Test("a select that took its default case matches the same in the other run, and reads as such")
    func defaultSelect() throws {
        func run(default: Bool) -> TracedRun {
            let s = ScriptedTrace()
            s.create(0, on: 1, 1, name: "main")
            s.begin(0, on: 1, 1)
            s.channel(1, on: 1, 5, capacity: 1, name: "items")
            s.raw(.select, 2, on: 1, 2, Event.zigzag(-1), 0)
            s.raw(.select, 3, on: 1, 2, Event.zigzag(`default` ? -1 : 0), `default` ? 0 : 5)
            s.finish(4, on: 1)
            s.list.rewind()
            return try! TracedRun.build(from: s.list)
        }
        #expect(TraceDiff(a: run(default: true), b: run(default: true), ignoreTiming: true).divergences.isEmpty)
        let diff = TraceDiff(a: run(default: true), b: run(default: false), ignoreTiming: true)
        let d = try #require(diff.divergences.first)
        #expect(d.index == 1 && d.contextA == ["select (default)", "select (default)"] && d.contextB == ["select (default)", "select items"])
    }
}
