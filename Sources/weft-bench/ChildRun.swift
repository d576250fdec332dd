import Foundation

/// One run of a child program: how long it took and the most memory it held.
struct ChildMeasure {
    /// Wall-clock seconds from spawn to exit.
    var wall: Double
    /// User + system CPU seconds of the child.
    var cpu: Double
    /// The child's peak resident set (ru_maxrss), in MB.
    var peakMB: Int
    /// Its exit status (-1 when it did not exit normally).
    var status: Int32
}

/// Runs programs as children and reads their own resource use (`wait4`), so each command's peak memory is its own.
///
/// One caveat, from Linux: `posix_spawn` starts the child on this process's memory (vfork), and at `exec` the kernel
/// folds that memory's high-water mark into the child's `ru_maxrss`. A child's peak is therefore never reported
/// below this process's own peak: keep this process small (`ownPeakMB` says how big it got).
enum ChildRun {
    /// This process's own peak resident set, in MB: the floor under every child's reported peak.
    static func ownPeakMB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// The `weft` executable built beside this benchmark (`swift build -c release` builds both).
    static func weftExecutable() throws -> String {
        let here = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let path = here.appendingPathComponent("weft").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError.missingExecutable(path)
        }
        return path
    }

    /// Runs `path` with `arguments`, output discarded, and measures it.
    static func measure(_ path: String, _ arguments: [String]) throws -> ChildMeasure {
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw BenchError.spawn(path, rc) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        let exited = (status & 0x7f) == 0
        return ChildMeasure(wall: wall, cpu: cpu, peakMB: usage.ru_maxrss / 1024, status: exited ? (status >> 8) & 0xff : -1)
    }
}

/// Why a benchmark could not run.
enum BenchError: Error, CustomStringConvertible {
    case missingExecutable(String)
    case spawn(String, Int32)
    case failed(String, Int32)

    var description: String {
        switch self {
        case .missingExecutable(let path): "no weft executable at \(path): run `swift build -c release` first (it builds weft and weft-bench)"
        case .spawn(let path, let rc): "could not start \(path) (error \(rc))"
        case .failed(let command, let status): "`\(command)` exited with status \(status)"
        }
    }
}
