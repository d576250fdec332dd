import Foundation

/// What the kernel counted for this process so far: CPU time, peak memory, context switches (getrusage), peak
/// address space (/proc/self/status), and the memory resident and mapped right now (/proc/self/statm).
struct ProcessUsage: Codable, Equatable {
    var userNanoseconds: UInt64
    var systemNanoseconds: UInt64
    var peakResidentBytes: UInt64
    var voluntarySwitches: UInt64
    var involuntarySwitches: UInt64
    /// The most address space the process ever had mapped (VmPeak): thread stacks count here in full.
    var peakVirtualBytes: UInt64

    /// The counters of the calling process.
    static func current() -> ProcessUsage {
        usage(of: RUSAGE_SELF, peakVirtualBytes: statusKilobytes("VmPeak:") * 1_024)
    }

    /// The counters of the calling process's ended children (their largest peak, their summed times); peak address
    /// space is not counted for children (0).
    static func children() -> ProcessUsage { usage(of: RUSAGE_CHILDREN, peakVirtualBytes: 0) }

    /// getrusage's counters for `who`, with the peak address space given.
    private static func usage(of who: __rusage_who, peakVirtualBytes: UInt64) -> ProcessUsage {
        var usage = rusage()
        getrusage(who.rawValue, &usage)
        func nanoseconds(_ t: timeval) -> UInt64 { UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_usec) * 1_000 }
        return ProcessUsage(
            userNanoseconds: nanoseconds(usage.ru_utime),
            systemNanoseconds: nanoseconds(usage.ru_stime),
            peakResidentBytes: UInt64(usage.ru_maxrss) * 1_024,
            voluntarySwitches: UInt64(usage.ru_nvcsw),
            involuntarySwitches: UInt64(usage.ru_nivcsw),
            peakVirtualBytes: peakVirtualBytes)
    }

    /// A "Name:  1234 kB" line of /proc/self/status, in kB (0 when missing).
    static func statusKilobytes(_ name: String) -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name) }) else { return 0 }
        return UInt64(line.dropFirst(name.count).filter(\.isNumber)) ?? 0
    }

    /// The bytes of address space mapped now (VmSize).
    static func virtualBytesNow() -> UInt64 { statusKilobytes("VmSize:") * 1_024 }

    /// The bytes resident now, from /proc/self/statm (0 when it cannot be read).
    static func residentBytesNow() -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = UInt64(fields[1]) else { return 0 }
        return pages * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}
