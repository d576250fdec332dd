import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis

@Suite("Chrome trace export")
struct ChromeTraceExportTests {
    @Test("thread lanes: valid JSON, nesting, flows bound, counts match the trace")
    func threadLanes() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline())
        #expect(e.check.problems == [])
        let runs = e.timeline.run.count(of: .runBegin)
        #expect(runs == 6)
        #expect(e.check.count("X") == runs && e.summary.slices == runs)
        #expect(e.check.count("X") == e.timeline.threads.reduce(0) { $0 + $1.slices.count })
        #expect(e.check.count("i") == ExportTraces.expectedInstants(e.timeline))
        #expect(e.check.count("i") == e.summary.instants)
        // Two messages received (the third never is), two tasks spawned.
        #expect(e.check.flowsByCategory == ["message": 2, "spawn": 2])
        #expect(e.summary.messageFlows == 2 && e.summary.spawnFlows == 2 && e.summary.unboundFlows == 0)
        #expect(e.check.count("s") == 4 && e.check.count("f") == 4)
        #expect(e.check.events.count == e.summary.total)
    }

    @Test("thread lanes: tracks named after their role, slices after their task, with reasons")
    func threadNamesAndSlices() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline())
        let names = Dictionary(e.check.events("M").filter { $0.name == "thread_name" }.map { ($0.tid, $0.args["name"] as! String) },
                               uniquingKeysWith: { a, _ in a })
        #expect(names == [1: "pool thread 0", 2: "pool thread 1", 3: "timer thread"])
        let process = e.check.events("M").first { $0.name == "process_name" }
        #expect(process?.args["name"] as? String == "weft pipeline (multiplexed)")
        let slices = e.check.events("X").filter { $0.tid == 2 }.sorted { $0.ts! < $1.ts! }
        #expect(slices.map(\.name) == ["consumer", "consumer"])
        #expect(slices.map(\.ts) == [30, 210] && slices.map(\.dur) == [10, 40])
        #expect(slices[0].args["end"] as? String == "blocked")
        #expect(slices[0].args["reason"] as? String == "receive")
        #expect(slices[0].args["object_name"] as? String == "jobs")
        #expect(slices[1].args["end"] as? String == "finished")
        #expect(slices[0].args["task"] as? Int == 2)
        #expect(e.check.otherData["scheduler"] as? String == "multiplexed")
        #expect(e.check.otherData["outcome"] as? String == "completed")
    }

    @Test("instants carry task ids, objects by id and name, and reasons")
    func instants() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline())
        let wake = try #require(e.check.events("i").first { $0.name == "wake" && $0.ts == 150 })
        #expect(wake.tid == 3 && wake.args["task"] as? Int == 1 && wake.args["current_task"] as? Int == 0)
        let request = try #require(e.check.events("i").first { $0.name == "lockRequest" && $0.ts == 62 })
        #expect(request.tid == 1 && request.cat == "mutex")
        #expect(request.args["mutex"] as? Int == 6 && request.args["mutex_name"] as? String == "state")
        #expect(request.args["current_task"] as? Int == 3)
        let block = try #require(e.check.events("i").first { $0.name == "block" && $0.ts == 63 })
        #expect(block.args["reason"] as? String == "mutex" && block.args["object_name"] as? String == "state")
        let sends = e.check.events("i").filter { $0.name == "send" }
        #expect(sends.map(\.ts) == [25, 170, 270] && sends.map { $0.args["seq"] as? Int } == [1, 2, 3])
        let finish = try #require(e.check.events("i").first { $0.name == "runFinish" })
        #expect(finish.raw["s"] as? String == "g" && finish.args["outcome"] as? String == "completed")
    }

    @Test("flows bind inside the enclosing slice, also at a slice's first nanosecond")
    func flowBinding() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline())
        let messages = e.check.events.filter { ($0.ph == "s" || $0.ph == "f") && $0.cat == "message" }
        // seq 1: sent at 25 on T1, received at 35 on T2; seq 2: sent at 170 on T1, received at 210 on T2, where
        // the receiving slice begins: its flow end moves 1 ns inside.
        #expect(messages.map { "\($0.ph) \($0.tid) \($0.ts!)" }.sorted() == ["f 2 211", "f 2 35", "s 1 170", "s 1 25"])
        let spawns = e.check.events.filter { ($0.ph == "s" || $0.ph == "f") && $0.cat == "spawn" }
        #expect(spawns.map { "\($0.ph) \($0.tid) \($0.ts!)" }.sorted() == ["f 1 61", "f 2 31", "s 1 20", "s 1 22"])
        #expect(ChromeTraceWriter.inside(5, 5, 5) == 5)
        #expect(ChromeTraceWriter.inside(6, 5, 6) == 6)
        #expect(ChromeTraceWriter.inside(7, 5, 7) == 6)
    }

    @Test("counters: runnable and waiting tasks, channel occupancy, samples")
    func counters() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline())
        let channel = e.check.events("C").filter { $0.name == "channel jobs" }
        #expect(channel.map(\.ts!) == [12, 25, 35, 170, 210, 270])
        #expect(channel.map { $0.args["messages"] as? Int } == [0, 1, 0, 1, 0, 1])
        let tasks = e.check.events("C").filter { $0.name == "tasks" }
        func at(_ t: Int64) -> (Int, Int)? {
            tasks.last { $0.ts! <= t }.map { ($0.args["runnable"] as! Int, $0.args["waiting"] as! Int) }
        }
        // t1 runnable 0..10; t2, t3 created at 20, 22; t2 runs at 30, t3 at 60; t1 sleeps 50..150.
        #expect(at(5)! == (1, 0))
        #expect(at(25)! == (2, 0))
        #expect(at(45)! == (1, 1))    // t3 runnable; t2 blocked
        #expect(at(55)! == (1, 2))    // t1 sleeping too
        #expect(at(100)! == (0, 3))
        #expect(at(155)! == (1, 2))   // t1 woken by the timer
        let rss = e.check.events("C").filter { $0.name == "peak_rss_bytes" }
        #expect(rss.count == 1 && rss[0].args["value"] as? Int == 4096)
        #expect(e.check.count("C") == e.summary.counters)
    }

    @Test("task lanes: one track per task, states as slices, flows between task tracks")
    func taskLanes() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline(), ChromeTraceOptions(lanes: .tasks))
        #expect(e.check.problems == [])
        let intervals = e.timeline.tasks.reduce(0) { $0 + $1.intervals.count }
        #expect(e.check.count("X") == intervals && e.summary.slices == intervals)
        #expect(e.check.count("i") == ExportTraces.expectedInstants(e.timeline))
        #expect(e.check.flowsByCategory == ["message": 2, "spawn": 2])
        let names = Set(e.check.events("M").filter { $0.name == "thread_name" }.map { $0.args["name"] as! String })
        #expect(names == ["t1 main", "t2 consumer", "t3 producer", "outside tasks (timer, runtime)"])
        let consumer = e.check.events("X").filter { $0.tid == 2 }.sorted { $0.ts! < $1.ts! }
        #expect(consumer.map(\.name) == ["runnable", "running", "blocked", "runnable", "running"])
        #expect(consumer[2].args["reason"] as? String == "receive" && consumer[2].args["object_name"] as? String == "jobs")
        #expect(consumer[3].args["cause"] as? String == "woken" && consumer[3].args["waker"] as? Int == 1)
        #expect(consumer[1].args["thread_name"] as? String == "pool thread 1")
        // The timer's wake-up has no task: it goes on the outside track.
        let wake = try #require(e.check.events("i").first { $0.name == "wake" && $0.ts == 150 })
        #expect(wake.tid == Int(Int32.max))
    }

    @Test("a trace bigger than the output buffer streams out whole and checks clean", arguments: [ExportLanes.threads, .tasks])
    func bigTrace(lanes: ExportLanes) throws {
        let trace = ExportTraces.busy(slices: 8_000)
        let e = try ExportTraces.export(trace, ChromeTraceOptions(lanes: lanes))
        #expect(e.bytes.count > 2 << 20)
        #expect(e.check.problems.prefix(5) == [])
        #expect(e.check.count("X") == (lanes == .threads ? 8_000 : e.timeline.tasks.reduce(0) { $0 + $1.intervals.count }))
        #expect(e.check.flowsByCategory["message"] == 7_999)
        #expect(e.check.count("i") == ExportTraces.expectedInstants(e.timeline))
    }

    @Test("a file export holds the same bytes as a memory export")
    func fileOutput() throws {
        let trace = ExportTraces.busy(slices: 3_000)
        let memory = try ExportTraces.export(trace)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("weft-export-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        trace.list.rewind()
        let out = try JSONOutput(path: path)
        try ChromeTrace.export(trace.list, to: out)
        try out.close()
        let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(written == memory.bytes)
    }

    @Test("an output file that cannot be created is a clear error")
    func unwritable() throws {
        #expect {
            _ = try JSONOutput(path: "/nonexistent-dir/run.json")
        } throws: { error in
            guard let error = error as? ExportError else { return false }
            return error.path == "/nonexistent-dir/run.json" && error.description.contains("cannot create the output file")
        }
    }

    @Test("without instants only slices, flows, counters and names are written")
    func noInstants() throws {
        let e = try ExportTraces.export(ExportTraces.pipeline(), ChromeTraceOptions(instants: false))
        #expect(e.check.problems == [] && e.check.count("i") == 0 && e.check.count("X") == 6)
    }
}

@Suite("JSON output")
struct JSONOutputTests {
    private func written(_ body: (JSONOutput) -> Void) throws -> String {
        let out = JSONOutput()
        body(out)
        try out.close()
        return out.text
    }

    @Test("microseconds keep every nanosecond and no more digits than needed")
    func micros() throws {
        let cases: [(UInt64, String)] = [(0, "0"), (1, "0.001"), (10, "0.01"), (999, "0.999"), (1000, "1"), (1050, "1.05"),
                                         (1005, "1.005"), (123_456_789, "123456.789"), (UInt64.max, "18446744073709551.615")]
        for (ns, text) in cases {
            #expect(try written { $0.micros(ns) } == text)
        }
    }

    @Test("pieces of every length from 0 to 40 bytes, and prepared fragments, are copied whole, in order")
    func pieceLengths() throws {
        let pieces = (0...40).map { n in String((0..<n).map { Character(UnicodeScalar(UInt8(0x41 + ($0 + n) % 26))) }) }
        #expect(try written { out in for piece in pieces { out.raw(piece) } } == pieces.joined())
        let fragments = pieces.map { piece in JSONFragment { $0.string(piece) } }
        #expect(try written { out in for f in fragments { out.fragment(f) } } == pieces.map { "\"\($0)\"" }.joined())
        // A small buffer that fills on the way: what was written before each drain stays in place.
        let small = JSONOutput(capacity: 64)
        for _ in 0..<10 { for piece in pieces { small.raw(piece) } }
        try small.close()
        #expect(small.text == String(repeating: pieces.joined(), count: 10))
    }

    @Test("integers and escaped strings read back through JSONSerialization")
    func values() throws {
        #expect(try written { $0.uint(0); $0.byte(0x20); $0.uint(UInt64.max); $0.byte(0x20); $0.int(-42) } == "0 18446744073709551615 -42")
        let tricky = "a \"quoted\" \\ path\nnext\ttab \u{1} µs ✓"
        let json = try written { out in
            out.raw("[")
            out.string(tricky)
            out.raw("]")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(parsed == [tricky])
    }

    @Test("strings longer than the buffer, with escapes across its edge, come out whole")
    func longStrings() throws {
        let plain = String(repeating: "abcdefgh", count: 200_000)               // 1.6 MB, no escapes
        let escaped = String(repeating: "a\"b\\c\n", count: 150_000)           // 900 KB growing to 1.35 MB
        let json = try written { out in
            out.raw("[")
            out.string(plain)
            out.byte(0x2C)
            out.string(escaped)
            out.raw("]")
        }
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(parsed == [plain, escaped])
    }
}


@Suite("Chrome trace export: names")
struct ChromeTraceNameTests {
    @Test("the process is named after the program without doubling `weft`")
    func processName() {
        func name(_ program: String, _ scheduler: String = "multiplexed") -> String {
            var metadata = [MetadataEntry(key: "scheduler", value: scheduler)]
            if !program.isEmpty { metadata.append(MetadataEntry(key: "program", value: program)) }
            return ChromeTraceWriter.processName(RunInfo(metadata: metadata))
        }
        #expect(name("weft run pingpong") == "weft run pingpong (multiplexed)")
        #expect(name("pipeline") == "weft pipeline (multiplexed)")
        #expect(name("") == "weft (multiplexed)")
        #expect(name("weft", "") == "weft")
        #expect(name("weftish") == "weft weftish (multiplexed)")
    }

    @Test("an OS thread recorded again after its stop (same kernel tid) is one track")
    func reusedThread() throws {
        let trace = ExportTraces.pipeline()
        trace.raw(.threadStop, 286, on: 1)
        trace.thread(287, 4, tid: 100, role: .worker, index: 0) // T4 is T1's OS thread again
        trace.raw(.log, 288, on: 4, trace.list.intern("output").rawValue, trace.list.intern("again").rawValue)
        let e = try ExportTraces.export(trace)
        #expect(e.check.problems == [])
        let names = e.check.events("M").filter { $0.name == "thread_name" }.map { "\($0.tid) \($0.args["name"] as! String)" }
        #expect(names.sorted() == ["1 pool thread 0", "2 pool thread 1", "3 timer thread"])
        let log = try #require(e.check.events("i").first { $0.name == "log" })
        #expect(log.tid == 1)
    }

    @Test("two OS threads that share a role and index are told apart by their kernel tid")
    func sharedThreadNames() throws {
        let trace = ExportTraces.pipeline()
        trace.thread(287, 4, tid: 4242, role: .timer, index: 0)
        trace.raw(.log, 288, on: 4, trace.list.intern("output").rawValue, trace.list.intern("late").rawValue)
        let e = try ExportTraces.export(trace)
        #expect(e.check.problems == [])
        let names = e.check.events("M").filter { $0.name == "thread_name" }.map { "\($0.tid) \($0.args["name"] as! String)" }
        #expect(names.sorted() == ["1 pool thread 0", "2 pool thread 1", "3 timer thread (tid 102)", "4 timer thread (tid 4242)"])
    }
}
