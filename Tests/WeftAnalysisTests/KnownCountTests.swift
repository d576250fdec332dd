import Foundation
import Testing
import WeftRuntime
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

@Suite("Known counts: stats and diff agree with a program's own counts", .serialized)
struct KnownCountTests {
    static let schedulers: [SchedulerKind] = [.multiplexed(workers: 2), .threadPerTask]

    /// Runs the program under `scheduler` into a temporary trace and returns its path.
    static func record(_ scheduler: SchedulerKind) async throws -> String { try await KnownCountProgram.record(scheduler) }

    @Test("stats: tasks, messages per channel, lock acquisitions, select waits, the failed send", arguments: schedulers)
    func stats(_ scheduler: SchedulerKind) async throws {
        let path = try await Self.record(scheduler)
        defer { TemporaryFiles.remove(path) }
        let timeline = try TimelineBuilder.build(path: path).timeline
        let stats = RunStats(timeline)
        let p = KnownCountProgram.self
        #expect(stats.run.tasks == p.tasks)
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies.prefix(3))")
        func channel(_ name: String) throws -> ChannelStats { try #require(stats.channels.first { $0.label == name }) }
        let jobs = try channel("jobs"), a = try channel("a"), b = try channel("b"), shut = try channel("shut")
        #expect(jobs.messages == p.producers * p.messagesPerProducer)
        #expect(a.messages == 2 && b.messages == 1)
        #expect(a.peakOccupancy == 0)  // unbuffered: every message was handed to the waiting select
        #expect(shut.messages == 0 && shut.failedSends == 1)
        #expect(timeline.channels.first { $0.name == "jobs" }?.closedReceives == 1)
        #expect(stats.mutexes.first { $0.label == "m" }?.acquisitions == p.lockers * p.locksPerLocker)

        // Each select the selector blocked in is one wait on each of its channels, as long as the select's.
        #expect(a.receiverWaits == p.selectRounds && b.receiverWaits == p.selectRounds)
        let model = try #require(timeline.channels.first { $0.name == "a" })
        #expect(model.receiverWaits.inSelect == p.selectRounds)
        #expect(a.senderWaits == 0 && b.senderWaits == 0)
        let selector = try #require(stats.tasks.first { $0.name == "selector" })
        let selectBlocked = selector.blocked["select"] ?? 0
        #expect(a.receiversBlocked == selectBlocked && b.receiversBlocked == selectBlocked)
        #expect(selectBlocked >= 2 * UInt64(p.feederPause.components.attoseconds / 1_000_000_000))
        #expect(timeline.run.count(of: .selectWait) == 2 * p.selectRounds)
        #expect(timeline.run.count(of: .sendFailed) == 1)
    }

    @Test("diff of the two schedulers: the counts are equal on both sides and equal to the program's")
    func diff() async throws {
        let paths = [try await Self.record(.multiplexed(workers: 2)), try await Self.record(.threadPerTask)]
        defer { for path in paths { TemporaryFiles.remove(path) } }
        try Self.expectKnownCounts(diffOf: paths)
    }

    @Test("diff of two runs under one scheduler: the counts are equal on both sides and equal to the program's",
          arguments: schedulers)
    func diffOfTwoRuns(_ scheduler: SchedulerKind) async throws {
        let paths = [try await Self.record(scheduler), try await Self.record(scheduler)]
        defer { for path in paths { TemporaryFiles.remove(path) } }
        try Self.expectKnownCounts(diffOf: paths)
    }

    /// Checks that `weft diff`'s figures of the two traces at `paths` are the program's known counts on both sides.
    static func expectKnownCounts(diffOf paths: [String]) throws {
        let runs = try TracedRun.read(paths)
        let diff = TraceDiff(a: runs[0].run, b: runs[1].run, ignoreTiming: true)
        let p = KnownCountProgram.self
        #expect(diff.addedTasks.isEmpty && diff.removedTasks.isEmpty)
        #expect(diff.addedObjects.isEmpty && diff.removedObjects.isEmpty)
        let tasks = try #require(diff.run.first { $0.key == "tasks" })
        #expect(tasks.a == UInt64(p.tasks) && tasks.b == UInt64(p.tasks))
        func channel(_ name: String) throws -> ObjectDelta { try #require(diff.channels.first { $0.identity.contains("\"\(name)\"") || $0.identity == name }) }
        func both(_ delta: ObjectDelta, _ key: String, _ value: Int) {
            let metric = delta.metric(key)
            #expect(metric?.a == UInt64(value) && metric?.b == UInt64(value), "\(delta.identity) \(key): \(String(describing: metric))")
        }
        both(try channel("jobs"), "messages", p.producers * p.messagesPerProducer)
        both(try channel("a"), "messages", 2)
        both(try channel("b"), "messages", 1)
        both(try channel("a"), "blocking", p.selectRounds)
        both(try channel("b"), "blocking", p.selectRounds)
        both(try channel("shut"), "failed", 1)
        let mutex = try #require(diff.mutexes.first)
        both(mutex, "acquisitions", p.lockers * p.locksPerLocker)
        #expect(diff.events.first { $0.key == "events.selectWait" }.map { $0.a == $0.b } == true)
    }
}

@Suite("Channel waits in the model")
struct ChannelWaitModelTests {
    @Test("a select's wait counts on each of its channels, on the side of its case; a direct wait on its own")
    func selectWaitsCount() {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 10, role: .worker, index: 0)
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.channel(11, on: 1, 5, capacity: 0, name: "in")
        s.channel(12, on: 1, 6, capacity: 0, name: "out")
        s.block(20, on: 1, .select)
        s.raw(.selectWait, 20, on: 1, 5, 0)
        s.raw(.selectWait, 20, on: 1, 5, 0)  // a second case on the same channel and side: one wait
        s.raw(.selectWait, 20, on: 1, 6, 1)
        s.end(30, on: 1, .blocked)
        s.unblock(130, on: 1, 1)
        s.begin(140, on: 1, 1)
        s.raw(.select, 141, on: 1, 2, Event.zigzag(0), 5)
        s.wait(150, on: 1, .channelReceive, 5)
        s.unblock(200, on: 1, 1)
        s.begin(210, on: 1, 1)
        s.raw(.sendFailed, 211, on: 1, 6)
        s.finish(220, on: 1)
        let timeline = s.timeline()
        #expect(timeline.run.anomalyCount == 0, "\(timeline.run.anomalies)")
        let input = timeline.channels[0], output = timeline.channels[1]
        #expect(input.receiverWaits == ChannelWaits(count: 2, inSelect: 1, time: 100 + 50))
        #expect(input.senderWaits == ChannelWaits())
        #expect(output.senderWaits == ChannelWaits(count: 1, inSelect: 1, time: 100))
        #expect(output.failedSends == 1 && output.sends == 0)
        let stats = RunStats(timeline)
        #expect(stats.channels[0].receiversBlocked == 150 && stats.channels[1].sendersBlocked == 100)
        #expect(stats.tasks[0].blocked["select"] == 100)
    }

    @Test("a selectWait without a select block first is an anomaly, not a wait")
    func strayselectWait() {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.channel(11, on: 1, 5, capacity: 0)
        s.raw(.selectWait, 20, on: 1, 5, 0)
        s.finish(30, on: 1)
        let timeline = s.timeline()
        #expect(timeline.run.anomalyCount == 1)
        #expect(timeline.channels[0].receiverWaits.count == 0)
    }
}

@Suite("Select events in the model")
struct SelectEventModelTests {
    @Test("a select's case count is not taken for a channel: no phantom channel appears")
    func noPhantomChannel() {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.channel(11, on: 1, 5, capacity: 1, name: "in")
        s.raw(.select, 20, on: 1, 3, Event.zigzag(-1), 0)
        s.finish(30, on: 1)
        let timeline = s.timeline()
        #expect(timeline.channels.map(\.id) == [ChannelID(5)])
    }
}

@Suite("Select receivers and occupancy")
struct SelectOccupancyTests {
    @Test("a message sent to a select waiting to receive is handed over: an unbuffered channel's occupancy stays 0")
    func handedToSelect() {
        let s = ScriptedTrace()
        s.create(0, on: 1, 1, name: "main")
        s.create(1, on: 1, 2, parent: 1, name: "sender")
        s.begin(10, on: 1, 1)
        s.channel(11, on: 1, 5, capacity: 0, name: "a")
        s.channel(12, on: 1, 6, capacity: 0, name: "b")
        s.block(20, on: 1, .select)
        s.raw(.selectWait, 20, on: 1, 5, 0)
        s.raw(.selectWait, 20, on: 1, 6, 0)
        s.end(21, on: 1, .blocked)
        s.begin(30, on: 2, 2)
        s.send(40, on: 2, 5, seq: 1)
        s.unblock(41, on: 2, 1)
        s.send(50, on: 2, 6, seq: 1)  // no one waits on b any more: this one sits in the channel
        s.finish(60, on: 2)
        s.begin(70, on: 1, 1)
        s.raw(.select, 71, on: 1, 2, Event.zigzag(0), 5)
        s.receive(71, on: 1, 5, seq: 1)
        s.finish(80, on: 1)
        let timeline = s.timeline()
        #expect(timeline.channels[0].peakOccupancy == 0)
        #expect(timeline.flows.first { $0.channel == ChannelID(5) }?.handedOver == true)
        #expect(timeline.channels[1].peakOccupancy == 1)
    }
}
