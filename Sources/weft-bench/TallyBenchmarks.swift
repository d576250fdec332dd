import Foundation
import WeftTestSupport
import WeftTrace

/// `weft stats` and `weft check` on traces heavy in the kinds of event the one-pass reading keeps tallies of, not
/// lists: log lines, samples, wait-group changes, condition waits and signals, read holds, semaphore changes. Each
/// kind is written as a synthetic trace of about WEFT_BENCH_EVENTS such events (default 1,000,000) and of four times
/// as many, and each command runs as its own process on both: its peak should not grow with the count.
///
/// WEFT_BENCH_KINDS (a comma list of the kinds' names) picks kinds, WEFT_BENCH_RUNS (default 3) the runs whose median
/// is printed; WEFT_BENCH_KEEP names a folder to keep the traces in (for `/usr/bin/time -v`). The traces are built in
/// this process, whose peak is the floor under a child's reported peak (see `ChildRun`): such a peak is flagged.
let tallySuite = BenchmarkSuite(name: "tallies") {
    let environment = ProcessInfo.processInfo.environment
    let count = Int(environment["WEFT_BENCH_EVENTS"] ?? "") ?? 1_000_000
    let runs = max(Int(environment["WEFT_BENCH_RUNS"] ?? "") ?? 3, 1)
    let chosen = environment["WEFT_BENCH_KINDS"].map { Set($0.split(separator: ",").map(String.init)) }
    let weft = try ChildRun.weftExecutable()
    let keep = environment["WEFT_BENCH_KEEP"]
    let folder = keep ?? NSTemporaryDirectory() + "weft-bench-tallies-\(getpid())"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }

    print("kind         events of it   command   median wall   median CPU   peak RSS   (\(runs) runs; shared machine: medians)")
    for kind in TallyTrace.Kind.allCases where chosen?.contains(kind.rawValue) ?? true {
        for size in [count, 4 * count] {
            let trace = "\(folder)/\(kind.rawValue)-\(size).weft"
            try TraceFileWriter.write(TallyTrace.events(kind, count: size), to: trace)
            for command in ["stats", "check"] {
                var measures: [ChildMeasure] = []
                for _ in 0..<runs { measures.append(try ChildRun.measure(weft, [command, trace])) }
                // check exits 1 when a lint fires; anything past that is a failure.
                if let bad = measures.first(where: { $0.status != 0 && !(command == "check" && $0.status == 1) }) {
                    print("  \(kind.rawValue) \(size) \(command) failed with status \(bad.status)")
                    continue
                }
                let wall = measures.map(\.wall).sorted()[runs / 2], cpu = measures.map(\.cpu).sorted()[runs / 2]
                let peak = measures.map(\.peakMB).max() ?? 0
                let trusted = peak > ChildRun.ownPeakMB() ? "" : " (not above this process's own peak: unknown)"
                let name = kind.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0)
                print(name + String(format: " %12d   ", size) + command.padding(toLength: 7, withPad: " ", startingAt: 0)
                    + String(format: " %9.2f s   %8.2f s   %5d MB", wall, cpu, peak) + trusted)
            }
            if keep == nil { try? FileManager.default.removeItem(atPath: trace) }
        }
    }
}

/// Synthetic traces of two tasks taking turns on one thread, doing one kind of thing over and over. One thread, so
/// that the events come in long batches as a recorder writes them (a batch per event would measure the reader).
enum TallyTrace {
    enum Kind: String, CaseIterable {
        case logs, samples, waitGroups = "wait-groups", conditions, readLocks = "read-locks", semaphores
    }

    /// About `count` events of `kind`, with the few others they need (the tasks, their slices, the wake-ups).
    static func events(_ kind: Kind, count: Int) -> EventList {
        let s = ScriptedTrace()
        s.meta(0, "program", "tallies-\(kind.rawValue)")
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.create(1, on: 1, 1, name: "first")
        s.create(1, on: 1, 2, name: "second")
        s.begin(2, on: 1, 1)
        let (object, lock) = (UInt64(10), UInt64(11))
        var time: UInt64 = 10
        /// The running task yields the thread to the other one at `at`.
        func turn(_ at: UInt64, to task: UInt64) {
            s.end(at, on: 1, .yielded)
            s.begin(at, on: 1, task)
        }
        switch kind {
        case .logs:
            let category = s.list.intern("app").rawValue, line = s.list.intern("a line").rawValue
            for i in 0 ..< UInt64(count) { s.raw(.log, time + i, on: 1, category, line) }
            time += UInt64(count)
        case .samples:
            let rss = s.list.intern(SampleName.residentBytes.rawValue).rawValue
            let alive = s.list.intern(SampleName.threadsAlive.rawValue).rawValue
            for i in 0 ..< UInt64(count) {
                s.raw(.sample, time + i, on: 1, i % 2 == 0 ? rss : alive, i % 2 == 0 ? 1 << 20 + (i * 7919) % 4096 : 3)
            }
            time += UInt64(count)
        case .waitGroups:
            // Add, done and a wait that finds the counter at zero: three per round.
            s.raw(.waitGroupMake, time, on: 1, object)
            for _ in 0 ..< count / 3 {
                s.raw(.waitGroupAdd, time + 1, on: 1, object, 1, 1)
                s.raw(.waitGroupDone, time + 2, on: 1, object, 0)
                s.raw(.waitGroupWait, time + 3, on: 1, object)
                time += 3
            }
        case .conditions:
            // The first task waits; the second signals it and lets it run again: two of the kind per round.
            s.mutex(time, on: 1, lock)
            s.raw(.conditionMake, time, on: 1, object, lock)
            for _ in 0 ..< count / 2 {
                s.raw(.conditionWait, time + 1, on: 1, object)
                s.wait(time + 1, on: 1, .condition, object)
                s.begin(time + 2, on: 1, 2)
                s.raw(.conditionSignal, time + 3, on: 1, object, 1)
                s.unblock(time + 3, on: 1, 1)
                turn(time + 4, to: 1)
                time += 4
            }
        case .readLocks:
            // Both tasks read at once: the first takes a read hold and yields, the second takes and lets go of one.
            s.raw(.rwMutexMake, time, on: 1, object)
            for _ in 0 ..< count / 4 {
                s.raw(.readAcquire, time + 1, on: 1, object, 1)
                turn(time + 2, to: 2)
                s.raw(.readAcquire, time + 3, on: 1, object, 2)
                s.raw(.readRelease, time + 4, on: 1, object, 1)
                turn(time + 5, to: 1)
                s.raw(.readRelease, time + 6, on: 1, object, 0)
                time += 6
            }
        case .semaphores:
            s.raw(.semaphoreMake, time, on: 1, object, 2)
            for _ in 0 ..< count / 4 {
                s.raw(.semaphoreAcquire, time + 1, on: 1, object, 1, 1)
                turn(time + 2, to: 2)
                s.raw(.semaphoreAcquire, time + 3, on: 1, object, 1, 0)
                s.raw(.semaphoreRelease, time + 4, on: 1, object, 1, 1)
                turn(time + 5, to: 1)
                s.raw(.semaphoreRelease, time + 6, on: 1, object, 1, 2)
                time += 6
            }
        }
        s.finish(time + 1, on: 1)
        s.begin(time + 2, on: 1, 2)
        s.finish(time + 3, on: 1)
        s.runFinish(time + 4, .completed)
        return s.list
    }
}
