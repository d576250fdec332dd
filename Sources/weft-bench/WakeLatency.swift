// Latency samples of one wake-up benchmark case: percentiles, and the CPU time the process spent meanwhile.
import Foundation
import Glibc

/// The delays (ns) from making work runnable to its running, over many trials of one case, and the process CPU time
/// spent over those trials (an idle pool that spins instead of parking shows up here).
struct WakeLatency {
    var name: String
    var samples: [UInt64]
    var cpuNanoseconds: UInt64

    /// The sample at quantile `q` (0…1) of the sorted samples (nearest rank).
    static func quantile(_ q: Double, of sorted: [UInt64]) -> UInt64 {
        let rank = Int((Double(sorted.count) * q).rounded(.up))
        return sorted[max(0, min(sorted.count - 1, rank - 1))]
    }

    /// One line: median, p90, p99 and max in microseconds, and the CPU time per trial.
    var line: String {
        let sorted = samples.sorted()
        func us(_ ns: UInt64) -> Double { Double(ns) / 1000 }
        return String(format: "%-58@ median %7.1f µs  p90 %7.1f  p99 %7.1f  max %8.1f  (%d trials, CPU %.1f µs/trial)",
                      name as NSString, us(Self.quantile(0.5, of: sorted)), us(Self.quantile(0.9, of: sorted)),
                      us(Self.quantile(0.99, of: sorted)), us(sorted.last ?? 0), samples.count,
                      Double(cpuNanoseconds) / 1000 / Double(max(1, samples.count)))
    }

    /// Runs `body`, which returns the samples, and measures the process CPU time (user + system) it took.
    static func measure(_ name: String, _ body: () async throws -> [UInt64]) async rethrows -> WakeLatency {
        let before = processCPUNanoseconds()
        let samples = try await body()
        return WakeLatency(name: name, samples: samples, cpuNanoseconds: processCPUNanoseconds() &- before)
    }
}

/// The CPU time (user + system) the process has used so far, in nanoseconds.
func processCPUNanoseconds() -> UInt64 {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func ns(_ t: timeval) -> UInt64 { UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_usec) * 1000 }
    return ns(usage.ru_utime) + ns(usage.ru_stime)
}
