import ArgumentParser
import Foundation
import WeftAnalysis
import WeftRuntime

/// A program of one's own (one that calls `Weft.run` or `Weft.trace`), run by `weft run --exec` as a child process
/// under one scheduler, chosen through `WEFT_SCHEDULER`, `WEFT_WORKERS` (and `WEFT_SEED`), tracing to `WEFT_TRACE`.
struct ExternalProgram {
    let path: String
    let arguments: [String]

    /// The program's file name, for file names and summaries.
    var name: String { URL(fileURLWithPath: path).lastPathComponent }

    /// How the child ended and what the kernel counted for it.
    struct Outcome {
        var status: Int32
        var usage: ProcessUsage
    }

    /// Checks that `path` names an executable file.
    /// - Throws: `ValidationError` saying what to give instead.
    static func validate(_ path: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else {
            throw ValidationError("--exec \(path): no such program. Give the path of an executable that calls "
                + "Weft.run or Weft.trace, e.g. --exec .build/release/myprog.")
        }
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ValidationError("--exec \(path): the file is not executable (chmod +x it, or give the built binary).")
        }
    }

    /// The environment of the child: this one, with the scheduler and the trace set.
    static func environment(_ kind: SchedulerKind, tracePath: String) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment["WEFT_SCHEDULER"] = kind.name
        environment.removeValue(forKey: "WEFT_WORKERS")
        environment.removeValue(forKey: "WEFT_SEED")
        switch kind {
        case .multiplexed(let workers): environment["WEFT_WORKERS"] = String(workers)
        case .deterministic(let seed, _): environment["WEFT_SEED"] = String(seed)
        case .threadPerTask: break
        }
        environment["WEFT_TRACE"] = tracePath
        return environment
    }

    /// Runs the program under `kind`, tracing to `tracePath`, and waits for it. Its standard output is passed
    /// through, or discarded when `quiet`; its standard error is always passed through.
    /// - Returns: its exit status and its counters: CPU time, peak resident memory and context switches from the
    ///   kernel (`RUSAGE_CHILDREN`: call once per process), peak address space read from /proc while it runs.
    /// - Throws: when it cannot be started.
    func run(_ kind: SchedulerKind, tracePath: String, quiet: Bool) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = Self.environment(kind, tracePath: tracePath)
        if quiet { process.standardOutput = FileHandle.nullDevice }
        try process.run()
        var peakVirtualKilobytes: UInt64 = 0
        while process.isRunning {
            peakVirtualKilobytes = max(peakVirtualKilobytes, Self.peakVirtualKilobytes(of: process.processIdentifier))
            Thread.sleep(forTimeInterval: 0.01)
        }
        process.waitUntilExit()
        var usage = ProcessUsage.children()
        usage.peakVirtualBytes = peakVirtualKilobytes * 1_024
        return Outcome(status: process.terminationStatus, usage: usage)
    }

    /// VmPeak of a running process, in kB (0 once it has ended).
    private static func peakVirtualKilobytes(of pid: Int32) -> UInt64 {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmPeak:") }) else { return 0 }
        return UInt64(line.dropFirst(7).filter(\.isNumber)) ?? 0
    }

    /// What the program's run did, read from its trace (the runtime's own report stays in the child).
    static func report(_ timeline: Timeline, scheduler: SchedulerKind, tracePath: String) -> RunReport {
        let run = timeline.run
        let bytes = (try? FileManager.default.attributesOfItem(atPath: tracePath)[.size] as? NSNumber)??.uint64Value
        return RunReport(
            scheduler: scheduler, outcome: run.outcome ?? .failed, wallNanoseconds: run.wallTime,
            tasksCreated: timeline.tasks.count,
            threadsCreated: Int(run.sample("threads_created") ?? 0),
            peakThreadsAlive: Int(run.sample("peak_threads_alive") ?? 0),
            peakResidentBytes: run.peakResidentBytes ?? 0,
            eventsRecorded: UInt64(run.totalEvents), eventsDropped: run.dropped, traceBytes: bytes ?? 0,
            tracePath: tracePath)
    }

    /// The message for a program that ended without writing a trace.
    func noTraceMessage(status: Int32) -> String {
        "\(path) wrote no trace (it exited with status \(status)): it never called Weft.run or Weft.trace. "
            + "Wrap its main body in `try await Weft.trace { … }` (import WeftRuntime), or run a demo instead."
    }
}
