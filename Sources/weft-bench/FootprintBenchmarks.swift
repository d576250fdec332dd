import Foundation
import WeftAnalysis
import WeftTrace

/// Where the timeline model's memory goes, per event: each per-event part of the model (task states, run slices,
/// messages, wake-ups, lock holds, the diff's operations) counted and multiplied by its element's stride, beside
/// the peak RSS of building it. Explains why every model-based command's memory grows with the trace.
///
/// Records the same shapes as the `commands` suite with `weft run`, smaller by default (WEFT_BENCH_ROUNDS, default
/// 250,000 ping-pong rounds; WEFT_BENCH_TASKS, default 250,000 io-bound tasks): the model's bytes per event do not
/// depend on the length.
let footprintSuite = BenchmarkSuite(name: "footprint") {
    let environment = ProcessInfo.processInfo.environment
    func number(_ name: String, _ fallback: Int) -> Int { Int(environment[name] ?? "") ?? fallback }
    let weft = try ChildRun.weftExecutable()
    let folder = NSTemporaryDirectory() + "weft-bench-footprint-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let shapes: [(name: String, run: [String])] = [
        ("hot-channel", ["run", "pingpong", "--rounds", "\(number("WEFT_BENCH_ROUNDS", 250_000))"]),
        ("tasks", ["run", "io-bound", "--tasks", "\(number("WEFT_BENCH_TASKS", 250_000))", "--sleep-ms", "1000"]),
    ]
    for shape in shapes {
        let trace = "\(folder)/\(shape.name).weft"
        let record = try ChildRun.measure(weft, shape.run + ["-o", trace])
        guard record.status == 0 else { throw BenchError.failed("weft " + shape.run.joined(separator: " "), record.status) }
        let before = TraceBench.currentRSS()
        let loaded = try TimelineBuilder.build(path: trace)
        let after = TraceBench.currentRSS()
        let timeline = loaded.timeline
        let events = max(timeline.run.totalEvents, 1)
        var operations = TaskOperations()
        let reader = try TraceReader(path: trace)
        while let e = try reader.next() { operations.add(e) }
        let parts = ModelFootprint.parts(timeline, operations: operations)
        print("\(shape.name): \(shape.run.dropFirst().joined(separator: " ")): \(events) events, \(timeline.tasks.count) tasks")
        print("  part                       elements   stride   bytes/event")
        var total = 0
        for part in parts {
            total += part.count * part.stride
            print("  \(pad(part.name, 26)) \(pad(String(part.count), 10)) \(pad("\(part.stride) B", 8)) "
                + String(format: "%.1f", Double(part.count * part.stride) / Double(events)))
        }
        print(String(format: "  sum of the parts: %.1f bytes/event; resident growth while building the model: %.1f bytes/event",
                     Double(total) / Double(events), Double(after - before) / Double(events)))
        try? FileManager.default.removeItem(atPath: trace)
    }
}

/// The per-event parts of a timeline model and what each element costs.
enum ModelFootprint {
    struct Part {
        var name: String
        var count: Int
        var stride: Int
    }

    static func parts(_ t: Timeline, operations: TaskOperations) -> [Part] {
        let states = t.tasks.reduce(0) { $0 + $1.intervals.count }
        let regions = t.tasks.reduce(0) { $0 + $1.regions.count }
        let slices = t.threads.reduce(0) { $0 + $1.slices.count }
        let holds = t.mutexes.reduce(0) { $0 + $1.holds.count + $1.readHolds.count }
        let ops = operations.byTask.values.reduce(0) { $0 + $1.count }
        return [
            Part(name: "task state intervals", count: states, stride: MemoryLayout<StateInterval>.stride),
            Part(name: "task regions", count: regions, stride: MemoryLayout<Region>.stride),
            Part(name: "tasks (TaskTimeline)", count: t.tasks.count, stride: MemoryLayout<TaskTimeline>.stride),
            Part(name: "thread run slices", count: slices, stride: MemoryLayout<RunSlice>.stride),
            Part(name: "messages (flows)", count: t.flows.count, stride: MemoryLayout<MessageFlow>.stride),
            Part(name: "wake-ups", count: t.wakes.count, stride: MemoryLayout<WakeEdge>.stride),
            Part(name: "lock holds", count: holds, stride: MemoryLayout<LockHold>.stride),
            Part(name: "diff: task operations", count: ops, stride: MemoryLayout<TaskOperation>.stride),
        ]
    }
}

private func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
