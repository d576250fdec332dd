import Testing
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

@Suite("Timeline builder")
struct TimelineBuilderTests {
    /// Traces/two-tasks.txt: main spawns a worker that blocks receiving; main sleeps, migrates, sends, wakes it.
    static func twoTasks() throws -> Timeline { try traceFile("two-tasks") }

    @Test("states are contiguous and sum to each task's lifetime")
    func statesSumToLifetime() throws {
        let timeline = try Self.twoTasks()
        #expect(timeline.tasks.count == 2)
        for task in timeline.tasks {
            let sum = task.intervals.reduce(0) { $0 + $1.duration }
            #expect(sum == task.lifetime(traceEnd: timeline.run.end), "\(task.id)")
            for (a, b) in zip(task.intervals, task.intervals.dropFirst()) { #expect(a.end == b.start) }
            #expect(task.intervals.first?.start == task.created)
        }
    }

    @Test("each state is what happened")
    func statesMatch() throws {
        let timeline = try Self.twoTasks()
        let main = try #require(timeline.task(TaskID(1)))
        #expect(main.intervals.map(\.state) == [
            .runnable(.created), .running(ThreadID(1)), .sleeping(duration: 100),
            .runnable(.woken(by: .none)), .running(ThreadID(2)),
        ])
        #expect(main.intervals.map(\.start) == [0, 10, 50, 150, 160])
        #expect(main.ended == 200 && main.outcome == .returned)
        #expect(main.children == [TaskID(2)])
        let worker = try #require(timeline.task(TaskID(2)))
        #expect(worker.parent == TaskID(1) && worker.name == "worker" && worker.site == "main.swift:3")
        #expect(worker.intervals.map(\.state) == [
            .runnable(.created), .running(ThreadID(2)), .blocked(object: ObjectID(5), reason: .channelReceive),
            .runnable(.woken(by: TaskID(1))), .running(ThreadID(1)),
        ])
        #expect(worker.state(at: 100) == .blocked(object: ObjectID(5), reason: .channelReceive))
        #expect(worker.state(at: 300) == .finished)
        #expect(worker.state(at: 5) == nil)
    }

    @Test("threads hold their run slices, with migrations")
    func threadSlices() throws {
        let timeline = try Self.twoTasks()
        let t2 = try #require(timeline.thread(ThreadID(2)))
        #expect(t2.tid == 101 && t2.role == .worker && t2.index == 1)
        #expect(t2.slices.map(\.task) == [TaskID(2), TaskID(1)])
        #expect(t2.slices.map(\.migrated) == [false, true])
        #expect(t2.slices.map(\.endReason) == [.blocked, .finished])
        #expect(t2.busy == 10 + 40)
        #expect(t2.slices.overlapping(35 ..< 165).count == 2)
        #expect(t2.slices.overlapping(45 ..< 155).isEmpty)
    }

    @Test("run info: metadata, times, outcome, counts")
    func runInfo() throws {
        let run = try Self.twoTasks().run
        #expect(run.scheduler == "multiplexed" && run.workers == 2)
        #expect(run.start == 0 && run.end == 260 && run.outcome == .completed)
        #expect(run.count(of: .runBegin) == 4)
        #expect(run.anomalyCount == 0, "\(run.anomalies)")
    }

    @Test("a send pairs with its receive; wake edges name waker and wakee")
    func flowsAndWakes() throws {
        let timeline = try Self.twoTasks()
        #expect(timeline.flows.count == 1)
        let flow = try #require(timeline.flows.first)
        #expect(flow.sender == TaskID(1) && flow.receiver == TaskID(2))
        #expect(flow.sent == 170 && flow.received == 210 && flow.inFlight == 40)
        #expect(!flow.senderBlocked && flow.receiverBlocked)
        #expect(timeline.channel(ChannelID(5))?.name == "jobs")
        #expect(timeline.wakes.map(\.wakee) == [TaskID(1), TaskID(2)])
        #expect(timeline.wakes.map(\.waker) == [.none, TaskID(1)])
        #expect(timeline.wakes.map(\.wakerThread) == [ThreadID(3), ThreadID(2)])
        #expect(timeline.wakes[1].reason == .channelReceive && timeline.wakes[1].object == ObjectID(5))
    }
}

@Suite("Timeline builder: races and episodes")
struct TimelineBuilderEpisodeTests {
    @Test("an unblock recorded before the task's runEnd(blocked) makes it runnable at once; a yield is runnable")
    func earlyWakeAndYield() throws {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1); s.create(0, on: 2, 2)
        s.begin(0, on: 1, 1); s.begin(0, on: 2, 2)
        s.block(10, on: 1, .channelReceive, 3)
        s.unblock(11, on: 2, 1)          // t2 wakes t1 before t1's slice ends
        s.end(12, on: 1, .blocked)
        s.end(13, on: 2, .yielded)
        s.begin(20, on: 1, 2); s.begin(21, on: 2, 1)
        s.finish(30, on: 1); s.finish(31, on: 2)
        let timeline = s.timeline()
        let t1 = try #require(timeline.task(TaskID(1)))
        #expect(t1.intervals.map(\.state) == [.running(ThreadID(1)), .runnable(.woken(by: TaskID(2))), .running(ThreadID(2))])
        let t2 = try #require(timeline.task(TaskID(2)))
        #expect(t2.intervals.map(\.state) == [.running(ThreadID(2)), .runnable(.yielded), .running(ThreadID(1))])
        #expect(timeline.wakes.first?.reason == .channelReceive)
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
    }

    @Test("wait group waits last until the wake-up, and a wait on a zero counter lasts no time")
    func waitGroups() throws {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1); s.create(0, on: 2, 2)
        s.begin(0, on: 1, 1); s.begin(0, on: 2, 2)
        s.raw(.waitGroupMake, 1, on: 1, 5, s.list.intern("done").rawValue)
        s.raw(.waitGroupAdd, 2, on: 1, 5, Event.zigzag(1), 1)
        s.raw(.waitGroupWait, 3, on: 1, 5)
        s.wait(3, on: 1, .waitGroup, 5)
        s.raw(.waitGroupDone, 40, on: 2, 5, 0)
        s.unblock(41, on: 2, 1)
        s.finish(42, on: 2)
        s.begin(50, on: 1, 1)
        s.raw(.waitGroupWait, 51, on: 1, 5)
        s.finish(60, on: 1)
        let g = try #require(s.timeline().waitGroup(WaitGroupID(5)))
        #expect(g.name == "done")
        #expect(g.changes.map(\.count) == [1, 0] && g.changes.map(\.delta) == [1, -1])
        #expect(g.waits.count == 2)
        #expect(g.waits[0].start == 3 && g.waits[0].end == 41 && g.waits[0].blocked && g.waits[0].waker == TaskID(2))
        #expect(g.waits[1].start == 51 && g.waits[1].end == 51 && !g.waits[1].blocked && g.waits[1].completed)
    }

    @Test("window queries find overlapping intervals, including long ones that start before the window")
    func windowQueries() {
        let list = IntervalList(unsorted: [
            StateInterval(start: 50, end: 60, state: .runnable(.yielded)),
            StateInterval(start: 0, end: 100, state: .runnable(.created)),
            StateInterval(start: 70, end: 70, state: .runnable(.yielded)),
            StateInterval(start: 200, end: 300, state: .runnable(.yielded)),
        ])
        #expect(list.map(\.start) == [0, 50, 70, 200])
        #expect(list.overlapping(80 ..< 90).map(\.start) == [0])
        #expect(list.overlapping(55 ..< 75).map(\.start) == [0, 50, 70])
        #expect(list.overlapping(100 ..< 200).isEmpty)
        #expect(list.index(containing: 250) == 3)
        #expect(list.index(containing: 150) == nil)
    }
}

@Suite("Timeline builder: a wake-up before the task parks")
struct WokenBeforeParkingTests {
    @Test("a wake-up that beats the task to its wait belongs to that wait only, not to the task's next block")
    func wakeBelongsToItsWait() throws {
        let timeline = try traceFile("woken-before-parking")
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        let stage = try #require(timeline.task(TaskID(3)))
        #expect(stage.intervals.map(\.state) == [
            .runnable(.created), .running(ThreadID(2)), .blocked(object: ObjectID(2), reason: .channelSend),
            .runnable(.woken(by: TaskID(4))), .running(ThreadID(2)),
        ])
        #expect(stage.intervals.map(\.start) == [0, 10, 40, 60, 70])
        #expect(stage.lastWait?.reason == .channelSend && stage.lastWait?.woken == 60)
    }
}
