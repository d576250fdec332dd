import Foundation
import WeftAnalysis
import WeftTrace

/// Exporting a 10-million-event trace (target ≤ 10 s): from a `.weft` file, as `weft export` does (read and build
/// the model, then read again and write), to Chrome trace JSON and to JSON lines; and the same from the generator
/// (no file reading) to separate the exporter's own cost. WEFT_BENCH_EVENTS sets the size.
let exportSuite = BenchmarkSuite(name: "export") {
    let events = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_EVENTS"] ?? "") ?? 10_000_000
    let runs = 3
    let folder = NSTemporaryDirectory() + "weft-bench-export-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let trace = "\(folder)/synthetic.weft", json = "\(folder)/out.json", jsonl = "\(folder)/out.jsonl"

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

    var fromFile: [Double] = [], build: [Double] = [], fromGenerator: [Double] = [], lines: [Double] = []
    var summary = ChromeTraceSummary(), jsonBytes = 0, jsonlBytes = 0
    for _ in 0..<runs {
        var timeline: Timeline?
        build.append(try seconds { timeline = try TimelineBuilder.build(from: TraceReader(path: trace)) })
        fromFile.append(try seconds {
            let model = try TimelineBuilder.build(from: TraceReader(path: trace))
            let out = try JSONOutput(path: json)
            summary = try ChromeTrace.export(model, events: TraceReader(path: trace), to: out)
            try out.close()
        })
        jsonBytes = fileSize(json)
        try FileManager.default.removeItem(atPath: json)
        fromGenerator.append(try seconds {
            let out = try JSONOutput(path: json)
            try ChromeTrace.export(timeline!, events: SyntheticTrace(events: events), to: out)
            try out.close()
        })
        try FileManager.default.removeItem(atPath: json)
        timeline = nil
        lines.append(try seconds {
            let out = try JSONOutput(path: jsonl)
            try JSONLinesExport.export(try TraceReader(path: trace), to: out)
            try out.close()
        })
        jsonlBytes = fileSize(jsonl)
        try FileManager.default.removeItem(atPath: jsonl)
    }
    let total = median(fromFile), b = median(build)
    print("\(events) events; .weft file \(traceBytes >> 20) MB (written in \(format(writeTime)) s); \(summary)")
    print("chrome from .weft      median \(format(total)) s  (target ≤ 10 s; \(format(total * 1e9 / Double(events))) ns/event; JSON \(jsonBytes >> 20) MB)")
    print("  of which read+build  median \(format(b)) s; read again + write ≈ \(format(total - b)) s")
    print("chrome, model given    median \(format(median(fromGenerator))) s  (instants from the generator: the writer's own cost)")
    print("jsonl from .weft       median \(format(median(lines))) s  (\(jsonlBytes >> 20) MB)")
    print("peak RSS               \(peakRSSMegabytes()) MB  (includes the one-off list used to write the .weft file)")
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
