import Foundation
import WeftAnalysis
import WeftTrace
import WeftTestSupport

/// Building the timeline model and computing stats for a 10-million-event synthetic trace (target ≤ 2 s, ≤ 1 GB RSS).
let analysisSuite = BenchmarkSuite(name: "analysis") {
    let events = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_EVENTS"] ?? "") ?? 10_000_000
    let runs = 3

    // What `weft stats FILE` does: read a .weft file, build the model, compute the stats.
    let path = try syntheticTraceFile(events: events)
    resetPeakRSS()
    var read: [Double] = [], readWall: [Double] = [], fileStats: [Double] = []
    var fileSummary = ""
    for _ in 0..<runs {
        var loaded: LoadedTimeline?
        read.append(try seconds { loaded = try TimelineBuilder.build(path: path) })
        readWall.append(lastWall.value)
        var result: RunStats?
        fileStats.append(seconds { result = RunStats(loaded!.timeline) })
        fileSummary = "\(result!.run.events) events, \(result!.run.tasks) tasks, \(result!.channels.count) channels, "
            + "\(result!.mutexes.count) mutexes"
    }
    let fileRSS = peakRSSMegabytes()
    print("from \(path): \(fileSummary)")
    print("read + build         median \(format(median(read))) s CPU (\(format(median(readWall))) s wall)")
    print("stats                median \(format(median(fileStats))) s CPU")
    print("read + build + stats median \(format(median(read) + median(fileStats))) s CPU  (target ≤ 2 s)")
    print("peak RSS             \(fileRSS) MB  (target ≤ 1024 MB)")
    print("-- the same program generated on the fly (no file, no reader) --")

    var generate: [Double] = [], build: [Double] = [], stats: [Double] = []
    var summary = ""
    for _ in 0..<runs {
        // The generator alone, to subtract its cost.
        let source = SyntheticTrace(events: events)
        var n = 0
        generate.append(try seconds { while try source.next() != nil { n += 1 } })
        var timeline: Timeline?
        build.append(try seconds { timeline = try TimelineBuilder.build(from: SyntheticTrace(events: events)) })
        var result: RunStats?
        stats.append(seconds { result = RunStats(timeline!) })
        let t = timeline!
        summary = "\(n) events, \(t.tasks.count) tasks, \(t.threads.count) threads, \(t.flows.count) messages, "
            + "\(t.mutexes.reduce(0) { $0 + $1.holds.count }) lock holds, \(t.wakes.count) wakes, "
            + "\(result!.tasks.count) task rows, anomalies \(t.run.anomalyCount)"
    }
    // The builder alone, reading events already in memory (2M of them, to bound the memory this takes).
    let held = min(events, 2_000_000)
    let source = SyntheticTrace(events: held)
    let list = EventList()
    while let e = try source.next() { list.append(e) }
    var fromMemory: [Double] = []
    for _ in 0..<runs {
        list.rewind()
        fromMemory.append(try seconds { _ = try TimelineBuilder.build(from: list) })
    }
    let m = median(fromMemory)
    let g = median(generate), b = median(build), s = median(stats)
    print(summary)
    print("(thread CPU seconds, median of \(runs))")
    print("generate only        median \(format(g)) s")
    print("generate + build     median \(format(b)) s  (build alone ≈ \(format(b - g)) s, \(format((b - g) * 1e9 / Double(events))) ns/event)")
    print("build from memory    median \(format(m)) s for \(held) events (\(format(m * 1e9 / Double(held))) ns/event)")
    print("stats                median \(format(s)) s")
    print("build + stats        median \(format(b - g + s)) s  (target ≤ 2 s)")
    print("peak RSS             \(peakRSSMegabytes()) MB  (target ≤ 1024 MB; includes the generator's state)")
}

/// The CPU time the calling thread spends in `body` (the work is single-threaded, so this is its cost without the
/// noise of other processes on a shared machine); wall time is in `lastWall`.
private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let wallStart = ContinuousClock.now
    let start = threadCPUTime()
    try body()
    let d = ContinuousClock.now - wallStart
    lastWall.value = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    return threadCPUTime() - start
}

private final class Box: @unchecked Sendable { var value = 0.0 }
private let lastWall = Box()

private func threadCPUTime() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

private func format(_ value: Double) -> String { String(format: "%.3f", value) }

/// A .weft file of the synthetic program with about `events` events, written once and kept in the temporary folder.
private func syntheticTraceFile(events: Int) throws -> String {
    let path = NSTemporaryDirectory() + "weft-bench-analysis-\(events).weft"
    if FileManager.default.fileExists(atPath: path) { return path }
    let source = SyntheticTrace(events: events)
    let list = EventList()
    while let e = try source.next() { list.append(e) }
    for i in 0..<source.stringCount { _ = list.intern(source.string(StringID(UInt64(i)))) }
    try TraceFileWriter.write(list, to: path + ".partial")
    try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
    return path
}

/// Starts measuring peak RSS afresh (Linux: writing 5 to clear_refs resets VmHWM).
private func resetPeakRSS() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// VmHWM from /proc/self/status, in MB.
private func peakRSSMegabytes() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        let kb = Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        return kb / 1024
    }
    return -1
}
