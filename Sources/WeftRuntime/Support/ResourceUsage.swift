import Glibc

/// The process's resource usage (getrusage) at one moment.
struct ResourceUsage {
    var userNanoseconds: UInt64
    var systemNanoseconds: UInt64
    var voluntarySwitches: UInt64
    var involuntarySwitches: UInt64
    /// The process's peak resident set size so far.
    var peakRSSBytes: UInt64

    static func now() -> ResourceUsage {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func nanoseconds(_ time: timeval) -> UInt64 { UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_usec) * 1000 }
        return ResourceUsage(userNanoseconds: nanoseconds(usage.ru_utime), systemNanoseconds: nanoseconds(usage.ru_stime),
                             voluntarySwitches: UInt64(usage.ru_nvcsw), involuntarySwitches: UInt64(usage.ru_nivcsw),
                             peakRSSBytes: UInt64(usage.ru_maxrss) * 1024)
    }

    /// The peak RSS since the last `resetPeak()` (VmHWM), falling back to getrusage's lifetime peak.
    static func peakRSSBytes() -> UInt64 {
        if let status = Limits.readFile("/proc/self/status"),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
           let kilobytes = UInt64(line.dropFirst(6).filter(\.isNumber)) {
            return kilobytes * 1024
        }
        return now().peakRSSBytes
    }

    /// Resets the kernel's peak-RSS mark to the current RSS (writes "5" to /proc/self/clear_refs), so that the
    /// run's peak can be told from earlier ones; false if the kernel refuses.
    @discardableResult
    static func resetPeak() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
    }
}
