import Glibc

/// The system's limits on threads, for error messages.
enum Limits {
    /// e.g. "ulimit -u = 4096 (RLIMIT_NPROC), kernel.pid_max = 32768, kernel.threads-max = 95000, 1234 threads in this process".
    static func describe() -> String {
        var parts: [String] = []
        var limit = rlimit()
        if getrlimit(__rlimit_resource_t(6 /* RLIMIT_NPROC */), &limit) == 0 {
            parts.append("ulimit -u = " + (limit.rlim_cur == rlim_t.max ? "unlimited" : "\(limit.rlim_cur)") + " (RLIMIT_NPROC)")
        }
        if let pidMax = readNumber("/proc/sys/kernel/pid_max") { parts.append("kernel.pid_max = \(pidMax)") }
        if let threadsMax = readNumber("/proc/sys/kernel/threads-max") { parts.append("kernel.threads-max = \(threadsMax)") }
        if let mapCount = readNumber("/proc/sys/vm/max_map_count") { parts.append("vm.max_map_count = \(mapCount)") }
        if let status = readFile("/proc/self/status"),
           let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Threads:") }) {
            parts.append("\(line.dropFirst(8).filter { $0 != " " && $0 != "\t" }) threads in this process")
        }
        return parts.joined(separator: ", ")
    }

    static func readNumber(_ path: String) -> UInt64? {
        readFile(path).flatMap { UInt64($0.filter { !$0.isWhitespace }) }
    }

    /// The contents of a small file (procfs), or nil.
    static func readFile(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
