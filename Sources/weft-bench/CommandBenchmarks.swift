import Foundation

/// Every trace-reading command on the trace shapes that stress it, each command run as its own process so that
/// its time and peak memory are its own: one hot channel (ping-pong), a million short tasks (io-bound), many threads
/// (io-bound under thread-per-task). The traces are recorded once by `weft run` into the temporary folder. Before the
/// commands, each trace is read once in this process for the reader's throughput alone.
///
/// Sizes: WEFT_BENCH_ROUNDS (ping-pong rounds, default 1,000,000: about 12 M events), WEFT_BENCH_TASKS (default
/// 1,000,000), WEFT_BENCH_THREADS (thread-per-task tasks, default 10,000); WEFT_BENCH_RUNS (default 3, the median is
/// printed); WEFT_BENCH_SHAPES (a comma list of hot-channel, tasks, threads) picks shapes, WEFT_BENCH_COMMANDS (a comma
/// list of stats, check, render, diff, export, or of whole names such as "render png" and "diff (self)") commands;
/// "render" runs the picture twice, as drawn and from a model that keeps every piece. `WEFT_BENCH_SHAPES=hot-channel WEFT_BENCH_COMMANDS=diff WEFT_BENCH_ROUNDS=400000` runs the
/// diff and its picture (whose models are then over the picture's budget) in under a minute.
let commandSuite = BenchmarkSuite(name: "commands") {
    let environment = ProcessInfo.processInfo.environment
    func number(_ name: String, _ fallback: Int) -> Int { Int(environment[name] ?? "") ?? fallback }
    let rounds = number("WEFT_BENCH_ROUNDS", 1_000_000)
    let tasks = number("WEFT_BENCH_TASKS", 1_000_000)
    let threads = number("WEFT_BENCH_THREADS", 10_000)
    let runs = max(number("WEFT_BENCH_RUNS", 3), 1)
    let chosen = environment["WEFT_BENCH_SHAPES"].map { Set($0.split(separator: ",").map(String.init)) }
    let weft = try ChildRun.weftExecutable()
    let folder = NSTemporaryDirectory() + "weft-bench-commands-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }

    let shapes: [(name: String, run: [String])] = [
        ("hot-channel", ["run", "pingpong", "--rounds", "\(rounds)"]),
        ("tasks", ["run", "io-bound", "--tasks", "\(tasks)", "--sleep-ms", "1000"]),
        ("threads", ["run", "io-bound", "--tasks", "\(threads)", "--sleep-ms", "1000", "--scheduler", "thread-per-task"]),
    ]
    print("shape        command         median wall   median CPU   peak RSS   (\(runs) runs; shared machine: medians)")
    for shape in shapes where chosen?.contains(shape.name) ?? true {
        let trace = "\(folder)/\(shape.name).weft"
        let record = try ChildRun.measure(weft, shape.run + ["-o", trace])
        guard record.status == 0 else { throw BenchError.failed("weft " + shape.run.joined(separator: " "), record.status) }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: trace)[.size] as? Int) ?? 0
        // Reading alone, in this process: validating, causal order, on the process's CPU clock. It also counts the
        // events (`weft stats --json` would, but its per-task rows on a million tasks cost this process gigabytes,
        // which every child then reports as its own peak: see `ChildRun`).
        let (rate, _, growth, events) = try TraceBench.readCount(trace)
        print("\(shape.name): \(shape.run.dropFirst().joined(separator: " ")): \(events) events, \(bytes / 1_000_000) MB file, "
            + "recorded in \(format(record.wall)) s")
        print("  \(pad("read", 15)) \(format(rate)) M events/s (target >= 30), resident memory growth while reading "
            + "\(format(growth)) MiB")
        let commands: [(name: String, arguments: [String])] = [
            ("stats", ["stats", trace]),
            ("check", ["check", trace]),
            ("render png", ["render", trace, "-o", "\(folder)/picture.png"]),
            // With --from alone the time drawn is not known before reading: the model keeps every piece, as every
            // render did before lanes were joined past a budget (`PictureDetail`). The same picture, for comparison.
            ("render every-piece", ["render", trace, "--from", "0ns", "-o", "\(folder)/picture.png"]),
            ("diff (self)", ["diff", trace, trace]),
            ("diff png (self)", ["diff", trace, trace, "-o", "\(folder)/diff.png"]),
            ("export chrome", ["export", trace, "--format", "chrome", "-o", "\(folder)/export.json"]),
            ("export perfetto", ["export", trace, "--format", "perfetto", "-o", "\(folder)/export.pftrace"]),
        ]
        let only = environment["WEFT_BENCH_COMMANDS"].map { Set($0.split(separator: ",").map(String.init)) }
        for command in commands where only.map({ $0.contains(command.name) || $0.contains(command.name.split(separator: " ")[0].description) }) ?? true {
            var measures: [ChildMeasure] = []
            for _ in 0..<runs { measures.append(try ChildRun.measure(weft, command.arguments)) }
            // check exits 1 when a lint fires; anything past that is a failure.
            if let bad = measures.first(where: { $0.status != 0 && !(command.name == "check" && $0.status == 1) }) {
                print("  \(pad(command.name, 15)) failed with status \(bad.status)")
                continue
            }
            let wall = median(measures.map(\.wall)), cpu = median(measures.map(\.cpu))
            let peak = measures.map(\.peakMB).max() ?? 0
            let perTen = events > 0 ? wall * 10_000_000 / Double(events) : 0
            let output = command.name.hasPrefix("export") ? "\(folder)/export.\(command.name.hasSuffix("chrome") ? "json" : "pftrace")" : ""
            let outBytes = output.isEmpty ? 0 : (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
            let size = outBytes > 0 ? String(format: ", %.1f bytes/event out", Double(outBytes) / Double(max(events, 1))) : ""
            if !output.isEmpty { try? FileManager.default.removeItem(atPath: output) }
            let trusted = peak > ChildRun.ownPeakMB() ? "" : " (not above this process's own peak: unknown)"
            print("  \(pad(command.name, 15)) \(pad(format(wall) + " s", 12)) \(pad(format(cpu) + " s", 12)) "
                + "\(pad("\(peak) MB", 10)) (\(format(perTen)) s per 10 M events, \(peak * 1_000_000 / max(events, 1)) B/event\(size))\(trusted)")
        }
        try? FileManager.default.removeItem(atPath: trace)
    }
}

private func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
private func format(_ value: Double) -> String { String(format: "%.2f", value) }
private func pad(_ text: String, _ width: Int) -> String { text.count >= width ? text : text + String(repeating: " ", count: width - text.count) }
