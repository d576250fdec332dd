import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

@Suite("Protobuf encoder")
struct ProtobufEncoderTests {
    @Test("varints are base-128, low groups first")
    func varints() {
        func bytes(_ v: UInt64) -> [UInt8] {
            var e = ProtobufEncoder()
            e.varint(v)
            #expect(e.count == ProtobufEncoder.varintSize(v))
            return e.bytes
        }
        #expect(bytes(0) == [0])
        #expect(bytes(1) == [1])
        #expect(bytes(127) == [0x7F])
        #expect(bytes(128) == [0x80, 0x01])
        #expect(bytes(300) == [0xAC, 0x02])
        #expect(bytes(UInt64.max) == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test("fields: tags, fixed64 little-endian, strings, negative int64 in ten bytes")
    func fields() {
        var e = ProtobufEncoder()
        e.uint(1, 150)
        e.fixed64(47, 0x0102_0304_0506_0708)
        e.string(2, "hé")
        e.int(4, -1)
        #expect(e.bytes == [0x08, 0x96, 0x01,
                            0xF9, 0x02, 0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,
                            0x12, 0x03, 0x68, 0xC3, 0xA9,
                            0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
    }

    @Test("a nested message longer than 127 bytes gets a two-byte length, its body moved intact")
    func nested() throws {
        var e = ProtobufEncoder()
        let outer = e.begin(1)
        let inner = e.begin(2)
        e.string(3, String(repeating: "x", count: 200))
        e.end(inner)
        e.uint(4, 9)
        e.end(outer)
        let top = try #require(PerfettoTraceChecker.fields(e.bytes[...]))
        #expect(top.count == 1 && top[0].number == 1)
        let body = try #require(PerfettoTraceChecker.fields(top[0].bytes))
        #expect(body.map(\.number) == [2, 4] && body[1].varint == 9)
        let text = try #require(PerfettoTraceChecker.fields(body[0].bytes))
        #expect(PerfettoTraceChecker.string(text[0].bytes) == String(repeating: "x", count: 200))
    }
}

@Suite("Perfetto export")
struct PerfettoExportTests {
    struct Export {
        var summary: PerfettoTraceSummary
        var bytes: [UInt8]
        var check: PerfettoTraceChecker
        var timeline: Timeline
    }

    static func export(_ trace: ScriptedTrace, _ options: PerfettoTraceOptions = .init()) throws -> Export {
        let timeline = trace.timeline()
        trace.list.rewind()
        let out = JSONOutput()
        let summary = try PerfettoTrace.export(trace.list, options: options, to: out)
        try out.close()
        return Export(summary: summary, bytes: out.memory, check: PerfettoTraceChecker(out.memory), timeline: timeline)
    }

    /// Instants in a Perfetto export: the JSON's, less the blocks (a task's wait goes on its slice's end).
    static func expectedInstants(_ timeline: Timeline) -> Int {
        ExportTraces.expectedInstants(timeline) - timeline.run.count(of: .block)
    }

    @Test("thread lanes: the process, a track per thread in the trace's order, run slices named after tasks, counts match the model")
    func threadLanes() throws {
        let e = try Self.export(ExportTraces.pipeline())
        #expect(e.check.problems == [])
        let c = e.check
        #expect(c.tracks[PerfettoTraceWriter.processTrack]?.name == "weft pipeline (multiplexed)")
        // No caller in this trace: the process takes the first thread's tid, so the viewer shows no empty thread.
        #expect(c.tracks[PerfettoTraceWriter.processTrack]?.pid == 100)
        let threadNames = c.tracks.values.filter { $0.tid != nil }.map { "\($0.tid!) \($0.name)" }.sorted()
        #expect(threadNames == ["100 pool thread 0", "101 pool thread 1", "102 timer thread"])
        #expect(c.orderedNames(threads: true) == ["pool thread 0", "pool thread 1", "timer thread"])
        let slices = c.events.filter { $0.type == 1 }
        #expect(slices.count == e.timeline.run.count(of: .runBegin) && e.summary.slices == slices.count)
        let onWorker1 = slices.filter { $0.track == PerfettoTraceWriter.threadTrack(id: 2) }
        #expect(onWorker1.map(\.name) == ["t2 consumer", "t2 consumer"])
        #expect(onWorker1.map(\.time) == [30, 210])
        let ends = c.events.filter { $0.type == 2 && $0.track == PerfettoTraceWriter.threadTrack(id: 2) }
        #expect(ends.map(\.time) == [40, 250])
        #expect(ends[0].annotations == ["end": "blocked: receive jobs"])
        #expect(ends[1].annotations["end"] == "finished")
        #expect(c.count(type: 3) == Self.expectedInstants(e.timeline) && e.summary.instants == c.count(type: 3))
        // Two messages received (the third never is: its flow stays open), two tasks spawned.
        #expect(c.messageFlows == 2 && c.spawnFlows == 2 && c.openFlows == 1)
        #expect(e.summary.messageFlows == 2 && e.summary.spawnFlows == 2 && e.summary.flowsLeftOut == 1)
        #expect(e.summary.packets == c.packets)
    }

    @Test("the caller's tid is the process's id, and threads follow the trace: caller, workers, timer, task threads")
    func callerIsTheProcess() throws {
        let s = ScriptedTrace()
        s.meta(0, "program", "order")
        s.thread(0, 1, tid: 500, role: .timer, index: 0)
        s.thread(0, 2, tid: 501, role: .taskThread, index: 3)
        s.thread(0, 3, tid: 502, role: .worker, index: 1)
        s.thread(0, 4, tid: 503, role: .taskThread, index: 2)
        s.thread(0, 5, tid: 499, role: .main, index: 0)
        s.thread(0, 6, tid: 504, role: .worker, index: 0)
        s.create(0, on: 5, 2, name: "a")
        s.create(0, on: 5, 3, name: "b")
        s.begin(10, on: 2, 3)
        s.finish(20, on: 2)
        let c = try Self.export(s).check
        #expect(c.problems == [])
        #expect(c.tracks[PerfettoTraceWriter.processTrack]?.pid == 499)
        #expect(c.orderedNames(threads: true)
                == ["caller thread", "pool thread 0", "pool thread 1", "timer thread", "thread of t2 a", "thread of t3 b"])
    }

    @Test("instants carry their subject in their name and their other arguments as annotations; flows join send to receive")
    func instantsAndFlows() throws {
        let c = try Self.export(ExportTraces.pipeline()).check
        let request = try #require(c.events.first { $0.name == "lockRequest state (mu6)" && $0.time == 62 })
        #expect(request.track == PerfettoTraceWriter.threadTrack(id: 1))
        #expect(!c.events.contains { $0.name?.hasPrefix("block") == true }, "a wait is on its slice's end, not a mark")
        let blocked = try #require(c.events.first { $0.type == 2 && $0.time == 63 })
        #expect(blocked.annotations["end"] == "blocked: mutex state")
        let wake = try #require(c.events.first { $0.name == "wake t1 main" && $0.time == 150 })
        #expect(wake.track == PerfettoTraceWriter.threadTrack(id: 3))
        let sends = c.events.filter { $0.name == "send jobs (ch5)" }.sorted { $0.time < $1.time }
        #expect(sends.map(\.time) == [25, 170, 270] && sends.map { $0.annotations["seq"] } == ["1", "2", "3"])
        #expect(sends.allSatisfy { $0.flows.count == 1 })
        let receives = c.events.filter { $0.name == "receive jobs (ch5)" }.sorted { $0.time < $1.time }
        #expect(receives.map(\.terminating) == [sends[0].flows, sends[1].flows])
        #expect(sends.flatMap(\.flows).allSatisfy { $0 < 128 }, "flow ids are small varints")
        let spawns = c.events.filter { $0.name == "taskCreate" && !$0.flows.isEmpty }.sorted { $0.time < $1.time }
        #expect(spawns.map { $0.annotations["task"] } == ["2", "3"])
        let firstSlices = c.events.filter { $0.type == 1 && !$0.terminating.isEmpty }.sorted { $0.time < $1.time }
        #expect(firstSlices.map(\.name) == ["t2 consumer", "t3 producer"])
    }

    @Test("a flow id is used again only after its flow ended, and only by a flow starting after that end")
    func flowIDsReused() throws {
        var ids = PerfettoFlowIDs()
        let a = ids.take(at: 10), b = ids.take(at: 11)
        #expect(a == 1 && b == 2)
        ids.give(a, at: 20)
        #expect(ids.take(at: 20) == 3, "not at the very time it ended")
        #expect(ids.take(at: 21) == 1)
        let trace = ExportTraces.busy(slices: 2000)
        let e = try Self.export(trace)
        #expect(e.check.problems == [] && e.check.messageFlows == 1999)
        // Seven spawn flows open from the start (each until its child first runs), then one message at a time.
        #expect(e.check.events.flatMap(\.flows).max() ?? 0 <= 9)
    }

    @Test("counters: runnable and waiting tasks on the events that change them, channel occupancy, samples")
    func counters() throws {
        let c = try Self.export(ExportTraces.pipeline()).check
        var runnable: [(UInt64, Int64)] = [], waiting: [(UInt64, Int64)] = [], channel: [(UInt64, Int64)] = []
        for e in c.events.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
            for (track, value) in zip(e.extraCounterTracks, e.extraCounterValues) {
                if track == PerfettoTraceWriter.runnableTrack { runnable.append((e.time, value)) }
                if track == PerfettoTraceWriter.waitingTrack { waiting.append((e.time, value)) }
                if track == PerfettoTraceWriter.channelTrack(id: 5) { channel.append((e.time, value)) }
            }
            if let value = e.counterValue {
                if e.track == PerfettoTraceWriter.channelTrack(id: 5) { channel.append((e.time, value)) }
                if e.track == PerfettoTraceWriter.runnableTrack { runnable.append((e.time, value)) }
                if e.track == PerfettoTraceWriter.waitingTrack { waiting.append((e.time, value)) }
            }
        }
        func at(_ list: [(UInt64, Int64)], _ t: UInt64) -> Int64? { list.last { $0.0 <= t }?.1 }
        // t1 runnable 0..10; t2, t3 created at 20, 22; t2 runs at 30, t3 at 60; t1 sleeps 50..150.
        #expect(at(runnable, 5) == 1 && at(waiting, 5) == 0)
        #expect(at(runnable, 25) == 2)
        #expect(at(runnable, 45) == 1 && at(waiting, 45) == 1)
        #expect(at(runnable, 55) == 1 && at(waiting, 55) == 2)
        #expect(at(runnable, 100) == 0 && at(waiting, 100) == 3)
        #expect(at(runnable, 155) == 1 && at(waiting, 155) == 2)
        #expect(channel.map(\.0) == [25, 35, 170, 210, 270] && channel.map(\.1) == [1, 0, 1, 0, 1])
        let rss = c.events.filter { $0.counterValue != nil && c.tracks[$0.track]?.name == "peak_rss_bytes" }
        #expect(rss.count == 1 && rss[0].counterValue == 4096)
        #expect(c.tracks.values.filter(\.isCounter).map(\.name).sorted()
                == ["channel jobs messages", "peak_rss_bytes", "tasks runnable", "tasks waiting (blocked or sleeping)"])
    }

    @Test("task lanes: a track per task with its states as slices; flows end at the child's first running state")
    func taskLanes() throws {
        let e = try Self.export(ExportTraces.pipeline(), PerfettoTraceOptions(lanes: .tasks))
        let c = e.check
        #expect(c.problems == [])
        let names = c.tracks.values.filter { $0.parent == PerfettoTraceWriter.processTrack && !$0.isCounter }.map(\.name).sorted()
        #expect(names == ["outside tasks (timer, runtime)", "t1 main", "t2 consumer", "t3 producer"])
        let consumer = c.events.filter { $0.type == 1 && $0.track == PerfettoTraceWriter.taskTrack(id: 2) }.sorted { $0.time < $1.time }
        #expect(consumer.map { $0.name ?? "" } == ["runnable", "running", "blocked", "runnable", "running"])
        #expect(consumer.map(\.time) == [20, 30, 40, 170, 210])
        #expect(consumer[2].annotations["wait"] == "receive jobs" && consumer[1].annotations["thread"] == "pool thread 1")
        #expect(consumer[1].terminating.count == 1)
        #expect(c.messageFlows == 2 && c.spawnFlows == 2)
        #expect(c.count(type: 3) == Self.expectedInstants(e.timeline))
        #expect(c.orderedNames(threads: false) == ["t1 main", "t2 consumer", "t3 producer", "outside tasks (timer, runtime)"])
    }

    @Test("past the cap on open flows, sends are written without a flow, and the file stays consistent")
    func openFlowCap() throws {
        let trace = ExportTraces.busy(slices: 40, workers: 2, tasks: 4)
        let full = try Self.export(trace)
        #expect(full.check.problems == [] && full.check.messageFlows == 39 && full.summary.flowsLeftOut == 1)
        let capped = try Self.export(trace, PerfettoTraceOptions(heldFlowCap: 0))
        #expect(capped.check.problems == [])
        #expect(capped.check.messageFlows == 0 && capped.check.openFlows == 0 && capped.summary.flowsLeftOut == 40 + 3)
        #expect(capped.check.count(type: 3) == full.check.count(type: 3))
    }

    @Test("memory for open flows is bounded by the flows open, not by how many messages the trace had")
    func openFlowsBounded() throws {
        let trace = ExportTraces.busy(slices: 20_000)
        trace.list.rewind()
        let writer = PerfettoTraceWriter(options: .init(), out: JSONOutput(), strings: { [list = trace.list] in list.string($0) })
        while let e = try trace.list.next() { writer.add(e) }
        #expect(writer.openMessages.count <= 1)
        #expect(writer.flowIDs.highest <= 9) // seven spawns open at first, then one message at a time
        writer.finish()
        #expect(writer.summary.messageFlows == 19_999)
    }

    @Test("past the intern cap, names are written inline and still read back")
    func internCap() throws {
        let e = try Self.export(ExportTraces.pipeline(), PerfettoTraceOptions(internCap: 2))
        #expect(e.check.problems == [])
        #expect(e.check.events.contains { $0.name == "lockRequest state (mu6)" })
    }

    @Test("delta timestamps: most packets take one or two bytes of time; far smaller than the JSON")
    func small() throws {
        let trace = ExportTraces.busy(slices: 2000)
        let e = try Self.export(trace)
        #expect(e.check.problems == [])
        trace.list.rewind()
        let json = JSONOutput()
        try ChromeTrace.export(trace.list, to: json)
        try json.close()
        #expect(e.bytes.count * 4 < json.memory.count, "\(e.bytes.count) bytes of protobuf, \(json.memory.count) of JSON")
    }
}

@Suite("Perfetto export of recorded traces")
struct RecordedPerfettoExportTests {
    @Test("every recorded trace exports consistently in both lane layouts, with every flow", arguments: [ExportLanes.threads, .tasks])
    func recorded(lanes: ExportLanes) throws {
        for name in RecordedTraceExportTests.traces {
            let path = RecordedTraceExportTests.folder.appendingPathComponent(name).path
            let out = JSONOutput()
            let summary = try PerfettoTrace.export(try TraceReader(path: path), options: PerfettoTraceOptions(lanes: lanes), to: out)
            try out.close()
            let check = PerfettoTraceChecker(out.memory)
            #expect(check.problems.prefix(3) == [], "\(name)")
            let timeline = try TimelineBuilder.build(from: try TraceReader(path: path))
            let received = timeline.flows.filter { $0.sent != nil && $0.received != nil }.count
            let spawned = timeline.tasks.filter { $0.parent != .none && $0.intervals.contains { $0.state.category == .running } }.count
            #expect(check.messageFlows == received && summary.messageFlows == received, "\(name)")
            #expect(check.spawnFlows == spawned && summary.spawnFlows == spawned, "\(name)")
            #expect(check.openFlows == summary.flowsLeftOut, "\(name)")
            #expect(check.count(type: 3) == PerfettoExportTests.expectedInstants(timeline), "\(name)")
            if lanes == .threads {
                #expect(check.count(type: 1) == timeline.run.count(of: .runBegin), "\(name)")
                let threads = check.tracks.values.filter { $0.tid != nil }
                #expect(threads.count == timeline.threads.count, "\(name): one track per thread of the model")
                #expect(threads.filter { $0.name == "caller thread" }.count == 1, "\(name): one caller")
                #expect(check.orderedNames(threads: true).first == "caller thread", "\(name): the caller first")
            }
        }
    }
}
