import Foundation

/// The reader on many threads: io-bound under thread-per-task, one OS thread per task, each thread's events (about a
/// dozen) in one or two small batches. The reader's cost there is per lane and per batch rather than per event.
enum ManyThreadsRead {
    /// Records `weft run io-bound --tasks N --sleep-ms 1 --scheduler thread-per-task` with the `weft` built beside
    /// this benchmark (N from WEFT_BENCH_THREADS, default 20,000) and reads it `runs` times, reporting the rates of
    /// `WEFT_BENCH_READ`.
    static func run(folder: String, runs: Int) throws {
        let weft: String
        do {
            weft = try ChildRun.weftExecutable()
        } catch {
            print("  read many threads: skipped, \(error)")
            return
        }
        let threads = Int(ProcessInfo.processInfo.environment["WEFT_BENCH_THREADS"] ?? "") ?? 20_000
        let path = folder + "weft-bench-many-threads.weft"
        let arguments = ["run", "io-bound", "--tasks", "\(threads)", "--sleep-ms", "1", "--scheduler", "thread-per-task", "-o", path]
        let record = try ChildRun.measure(weft, arguments)
        guard record.status == 0 else { throw BenchError.failed("weft " + arguments.joined(separator: " "), record.status) }
        defer { unlink(path) }
        var rates: [Double] = []
        var threadRates: [Double] = []
        var events = 0
        for _ in 0..<runs {
            let ((rate, _, _, n), threadRate) = try TraceBench.readCounting(path)
            rates.append(rate)
            threadRates.append(threadRate)
            events = n
        }
        TraceBench.report("read \(threads / 1000) k threads (io-bound, thread-per-task: \(events) events; process CPU time)", rates, unit: "M events/s", target: ">= 30")
        TraceBench.report("  the same on the reading thread's CPU clock", threadRates, unit: "M events/s", target: ">= 30")
    }
}
