import Foundation
import WeftAnalysis
import WeftTrace
import WeftTestSupport

/// Exporting a 10-million-event trace: from a `.weft` file, as `weft export` does, to Chrome trace JSON (read once,
/// building the model; target ≤ 8 s), to Perfetto protobuf (streamed, both lane layouts; target ≤ 5 s) and to JSON
/// lines; and Chrome and Perfetto from the generator (no file reading) to separate the exporters' own cost; with
/// each output's bytes per event. WEFT_BENCH_EVENTS sets the size, WEFT_BENCH_RUNS the runs.
let exportSuite = BenchmarkSuite(name: "export") {
    let events = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_EVENTS"] ?? "") ?? 10_000_000
    let runs = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_RUNS"] ?? "") ?? 3
    // WEFT_BENCH_EXPORT=perfetto times only the Perfetto exports (for profiling).
    let perfettoOnly = ProcessInfo.processInfo.environment["WEFT_BENCH_EXPORT"] == "perfetto"
    let folder = NSTemporaryDirectory() + "weft-bench-export-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let trace = "\(folder)/synthetic.weft", json = "\(folder)/out.json", jsonl = "\(folder)/out.jsonl"
    let pftrace = "\(folder)/out.pftrace"

    // The trace file, written once (the list is freed before timing).
    let writeTime = try seconds {
        let source = SyntheticTrace(events: events)
        let list = EventList()
        while let e = try source.next() { list.append(e) }
        var id: UInt64 = 1
        while case let text = source.string(StringID(id)), !text.isEmpty {
            _ = list.intern(text) // the same ids, in order
            id += 1
        }
        try TraceFileWriter.write(list, to: trace)
    }
    let traceBytes = fileSize(trace)

    var read: [Timing] = [], build: [Timing] = [], chrome: [Timing] = [], fromGenerator: [Timing] = [], lines: [Timing] = []
    var perfetto: [Timing] = [], perfettoTasks: [Timing] = [], perfettoFromGenerator: [Timing] = []
    var summary = ChromeTraceSummary(), jsonBytes = 0, jsonlBytes = 0, n = 0
    var perfettoSummary = PerfettoTraceSummary(), pftraceBytes = 0, pftraceTaskBytes = 0
    for _ in 0..<runs {
        read.append(try timed {
            let reader = try TraceReader(path: trace)
            n = 0
            while try reader.next() != nil { n += 1 }
        })
        if !perfettoOnly {
        build.append(try timed { _ = try TimelineBuilder.build(from: TraceReader(path: trace)) })
        chrome.append(try timed {
            let out = try JSONOutput(path: json)
            summary = try ChromeTrace.export(TraceReader(path: trace), to: out)
            try out.close()
        })
        jsonBytes = fileSize(json)
        try FileManager.default.removeItem(atPath: json)
        fromGenerator.append(try timed {
            let out = try JSONOutput(path: json)
            try ChromeTrace.export(SyntheticTrace(events: events), to: out)
            try out.close()
        })
        try FileManager.default.removeItem(atPath: json)
        }
        perfetto.append(try timed {
            let out = try JSONOutput(path: pftrace)
            perfettoSummary = try PerfettoTrace.export(TraceReader(path: trace), to: out)
            try out.close()
        })
        pftraceBytes = fileSize(pftrace)
        perfettoTasks.append(try timed {
            let out = try JSONOutput(path: pftrace)
            try PerfettoTrace.export(TraceReader(path: trace), options: PerfettoTraceOptions(lanes: .tasks), to: out)
            try out.close()
        })
        pftraceTaskBytes = fileSize(pftrace)
        perfettoFromGenerator.append(try timed {
            let out = try JSONOutput(path: pftrace)
            try PerfettoTrace.export(SyntheticTrace(events: events), to: out)
            try out.close()
        })
        try FileManager.default.removeItem(atPath: pftrace)
        if perfettoOnly { continue }
        lines.append(try timed {
            let out = try JSONOutput(path: jsonl)
            try JSONLinesExport.export(try TraceReader(path: trace), to: out)
            try out.close()
        })
        jsonlBytes = fileSize(jsonl)
        try FileManager.default.removeItem(atPath: jsonl)
    }
    func row(_ name: String, _ timings: [Timing], _ note: String = "") -> String {
        guard !timings.isEmpty else { return name + " (not run)" }
        let wall = median(timings.map(\.wall)), cpu = median(timings.map(\.cpu))
        return name.padding(toLength: 26, withPad: " ", startingAt: 0)
            + "median \(format(wall)) s wall, \(format(cpu)) s CPU (\(format(cpu * 1e9 / Double(events))) ns/event)" + note
    }
    print("\(n) events read back; .weft file \(traceBytes >> 20) MB (written in \(format(writeTime)) s)")
    func perEvent(_ bytes: Int) -> String { format(Double(bytes) / Double(max(n, 1))) + " bytes/event" }
    print("chrome export: \(summary); JSON \(jsonBytes >> 20) MB, \(perEvent(jsonBytes))")
    print("perfetto export: \(perfettoSummary); \(pftraceBytes >> 20) MB, \(perEvent(pftraceBytes)) "
          + "(task lanes \(pftraceTaskBytes >> 20) MB, \(perEvent(pftraceTaskBytes))); .weft \(perEvent(traceBytes))")
    print(row("read the .weft only", read))
    print(row("read + build the model", build))
    print(row("chrome from .weft", chrome, "  ← weft export; target ≤ 8 s"))
    print(row("chrome from generator", fromGenerator, "  (no file reading: the exporter's own cost)"))
    print(row("perfetto from .weft", perfetto, "  ← weft export --format perfetto; target ≤ 5 s"))
    print(row("perfetto, task lanes", perfettoTasks))
    print(row("perfetto from generator", perfettoFromGenerator, "  (no file reading)"))
    print(row("jsonl from .weft", lines, "  (\(jsonlBytes >> 20) MB)"))
    print("peak RSS                  \(peakRSSMegabytes()) MB  (includes the one-off list used to write the .weft file)")
    try perfettoBytesByKind(folder: folder)
}

/// Bytes per event of the Perfetto export of a recorded ping-pong (`weft run pingpong`, WEFT_BENCH_ROUNDS rounds,
/// default 100,000), in total and by event kind (each event's packets, with the descriptors and interned strings
/// first written in its turn); target ≤ 16 bytes/event.
private func perfettoBytesByKind(folder: String) throws {
    let rounds = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_ROUNDS"] ?? "") ?? 100_000
    let weft = try ChildRun.weftExecutable()
    let trace = "\(folder)/pingpong.weft"
    let record = try ChildRun.measure(weft, ["run", "pingpong", "--rounds", "\(rounds)", "-o", trace])
    guard record.status == 0 else { throw BenchError.failed("weft run pingpong", record.status) }
    for lanes in ExportLanes.allCases {
        let out = try JSONOutput(path: "/dev/null")
        let sizes = try PerfettoSizes.measure(try TraceReader(path: trace), options: PerfettoTraceOptions(lanes: lanes), to: out)
        try out.close()
        print("perfetto bytes/event, ping-pong \(rounds) rounds, \(lanes) lanes: "
              + "\(format(Double(sizes.bytes) / Double(max(sizes.events, 1)))) (\(sizes.events) events, \(sizes.bytes) bytes)"
              + (lanes == .threads ? "  ← target ≤ 16" : ""))
        for (kind, share) in sizes.byKind.sorted(by: { $0.share.bytes > $1.share.bytes }) where share.events * 1000 >= sizes.events {
            print("  \(kind.description.padding(toLength: 12, withPad: " ", startingAt: 0)) \(share.events) events, "
                  + "\(format(share.perEvent)) bytes each, \(format(Double(share.bytes) / Double(sizes.events))) of the bytes/event")
        }
    }
}

/// Wall-clock and CPU seconds of one run (the machine is shared: CPU time is the steadier figure).
private struct Timing {
    var wall: Double
    var cpu: Double
}

private func timed(_ body: () throws -> Void) rethrows -> Timing {
    let cpu0 = cpuSeconds(), start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Timing(wall: Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18, cpu: cpuSeconds() - cpu0)
}

private func cpuSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

private func format(_ value: Double) -> String { String(format: "%.3f", value) }

private func fileSize(_ path: String) -> Int {
    (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
}

/// VmHWM from /proc/self/status, in MB.
private func peakRSSMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1) / 1024
    }
    return -1
}
