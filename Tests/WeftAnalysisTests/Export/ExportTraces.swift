import WeftTrace
@testable import WeftAnalysis
import WeftTestSupport

/// Small traces written in Swift for the export tests, and a helper that exports one and checks it.
enum ExportTraces {
    /// Two workers and a timer. main (t1) spawns a consumer (t2) and a producer (t3) and sends on a buffered
    /// channel; the consumer holds a mutex while it waits for the next message; the producer waits for the mutex;
    /// the timer wakes main from a sleep; one message is never received. A receive falls exactly on a slice start.
    static func pipeline() -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.meta(0, "program", "pipeline")
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.thread(0, 2, tid: 101, role: .worker, index: 1)
        s.thread(0, 3, tid: 102, role: .timer, index: 0)
        s.create(0, on: 1, 1, name: "main")
        s.begin(10, on: 1, 1)
        s.channel(12, on: 1, 5, capacity: 1, name: "jobs")
        s.mutex(13, on: 1, 6, name: "state")
        s.create(20, on: 1, 2, parent: 1, name: "consumer")
        s.create(22, on: 1, 3, parent: 1, name: "producer")
        s.send(25, on: 1, 5, seq: 1)
        s.begin(30, on: 2, 2)
        s.receive(35, on: 2, 5, seq: 1)
        s.request(36, on: 2, 6)
        s.acquire(36, on: 2, 6)
        s.wait(40, on: 2, .channelReceive, 5)
        s.sleep(50, on: 1, 100)
        s.begin(60, on: 1, 3)
        s.request(62, on: 1, 6)
        s.wait(63, on: 1, .mutex, 6)
        s.unblock(150, on: 3, 1)
        s.begin(160, on: 1, 1)
        s.send(170, on: 1, 5, seq: 2)
        s.unblock(170, on: 1, 2)
        s.finish(200, on: 1)
        s.begin(210, on: 2, 2)
        s.receive(210, on: 2, 5, seq: 2)
        s.release(220, on: 2, 6)
        s.unblock(220, on: 2, 3)
        s.finish(250, on: 2)
        s.begin(255, on: 1, 3)
        s.acquire(255, on: 1, 6)
        s.release(260, on: 1, 6)
        s.send(270, on: 1, 5, seq: 3)
        s.finish(280, on: 1)
        s.raw(.sample, 285, on: 1, s.list.intern("peak_rss_bytes").rawValue, 4096)
        s.runFinish(290, .completed)
        return s
    }

    /// `workers` threads running `slices` slices round-robin over `tasks` tasks, each slice sending one message to
    /// the next task and receiving the previous one: big enough to overflow the output buffer several times.
    static func busy(slices: Int, workers: UInt64 = 2, tasks: UInt64 = 8) -> ScriptedTrace {
        let s = ScriptedTrace()
        for w in 1...workers { s.thread(0, w, tid: 1000 + w, role: .worker, index: w - 1) }
        for t in 1...tasks { s.create(0, on: 1, t, parent: t == 1 ? 0 : 1, name: "task \(t)") }
        s.channel(0, on: 1, 100, capacity: 1_000_000, name: "ring")
        var time: UInt64 = 10
        var seq: UInt64 = 0
        for i in 0..<slices {
            let thread = UInt64(i) % workers + 1, task = UInt64(i) % tasks + 1
            s.begin(time, on: thread, task)
            if seq > 0 { s.receive(time + 1, on: thread, 100, seq: seq) }
            seq += 1
            s.send(time + 2, on: thread, 100, seq: seq)
            s.end(time + 5, on: thread, .yielded)
            time += 7
        }
        return s
    }

    struct Export {
        var timeline: Timeline
        var summary: ChromeTraceSummary
        var bytes: [UInt8]
        var check: ChromeTraceChecker
        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Exports a scripted trace to memory and checks the result.
    static func export(_ trace: ScriptedTrace, _ options: ChromeTraceOptions = .init()) throws -> Export {
        let timeline = trace.timeline()
        trace.list.rewind()
        let out = JSONOutput()
        let summary = try ChromeTrace.export(trace.list, options: options, to: out)
        try out.close()
        return Export(timeline: timeline, summary: summary, bytes: out.memory, check: try ChromeTraceChecker(out.memory))
    }

    /// Trace events that do not become instants: shown as slices, track names, other data or counters; a thread's
    /// CPU-clock readings are not exported at all.
    static let notInstants: [EventKind] = [.runBegin, .runEnd, .metadata, .threadStart, .threadStop, .sample, .threadCPU]

    /// The number of events that should become instants.
    static func expectedInstants(_ timeline: Timeline) -> Int {
        timeline.run.totalEvents - notInstants.reduce(0) { $0 + timeline.run.count(of: $1) }
    }
}
