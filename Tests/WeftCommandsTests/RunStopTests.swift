import Foundation
import Testing
import WeftTrace

/// `weft run` stopped by Ctrl-C or SIGTERM: the program is stopped through the runtime, and the trace, its end and the
/// summary are still written, with no thread in the trace that an unstopped run would not have.
@Suite("weft run stopped by a signal", .serialized)
struct RunStopTests {
    @Test("SIGINT and SIGTERM stop a long run: exit 130/143, a summary, a trace ending 'stopped' with its trailer, the same threads as an unstopped run",
          arguments: [("multiplexed", SIGINT), ("thread-per-task", SIGINT), ("multiplexed", SIGTERM), ("thread-per-task", SIGTERM)])
    func stopped(scheduler: String, signal: Int32) throws {
        let folder = try WeftProcess.temporaryFolder()
        let tasks = 6
        let process = Process()
        process.executableURL = URL(fileURLWithPath: WeftProcess.binary)
        let workers = scheduler == "multiplexed" ? ["--workers", "2"] : []
        process.arguments = ["run", "io-bound", "--tasks", "\(tasks)", "--sleep-ms", "60000", "--scheduler", scheduler,
                             "-o", "stopped.weft"] + workers
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let output = URL(fileURLWithPath: folder + "/out.txt")
        let errors = URL(fileURLWithPath: folder + "/err.txt")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        let started = Date()
        try process.run()
        // Signal once the process catches it and every task is asleep (under thread-per-task, on a thread of its own).
        var waited = 0
        while !catches(process.processIdentifier, signal) && waited < 30_000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 10
        }
        #expect(catches(process.processIdentifier, signal), "the watcher was not installed within 30 s")
        let minimumThreads = scheduler == "multiplexed" ? 4 : tasks + 3
        while threadCount(process.processIdentifier) < minimumThreads && waited < 30_000 {
            Thread.sleep(forTimeInterval: 0.01)
            waited += 10
        }
        Thread.sleep(forTimeInterval: 1)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let standardOutput = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let standardError = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        #expect(process.terminationReason == .exit, "killed instead of stopping cleanly: \(standardError)")
        #expect(process.terminationStatus == 128 + signal, "\(standardError)")
        #expect(Date().timeIntervalSince(started) < 50, "the run was not stopped before its sleeps ended")
        #expect(standardOutput.contains("— io-bound under \(scheduler)"), "\(standardOutput)")
        #expect(standardOutput.contains(": stopped"), "\(standardOutput)")
        #expect(standardOutput.contains("stopped.weft"), "\(standardOutput)")
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(standardError.contains("stopped by \(name)"), "\(standardError)")

        // The trace is complete: its end says the run was stopped, and the trailer is there.
        let reader = try TraceReader(path: folder + "/stopped.weft")
        var outcome: RunFinishEvent?
        var message = ""
        while let event = try reader.next() {
            if let finish = RunFinishEvent(event) {
                outcome = finish
                message = reader.string(finish.message)
            }
        }
        #expect(outcome?.outcome == .stopped)
        #expect(message == "stopped by \(name)")
        #expect(reader.trailer != nil, "no trailer")
        #expect(reader.warnings.isEmpty, "\(reader.warnings)")

        // `weft check` calls it a run that did not complete; `weft stats` counts the same threads as an unstopped run.
        let check = try WeftProcess.run(["check", "stopped.weft"], in: folder)
        #expect(check.status == 1)
        #expect(check.standardOutput.contains("ended stopped"), "\(check.standardOutput)")
        #expect(!check.standardOutput.contains("leaked"), "waits cut short by the stop are not leaks: \(check.standardOutput)")
        let whole = try WeftProcess.run(["run", "io-bound", "--tasks", "\(tasks)", "--sleep-ms", "20", "--scheduler", scheduler,
                                         "-o", "whole.weft"] + workers, in: folder)
        #expect(whole.status == 0, "\(whole.standardError)")
        let stoppedThreads = try threadsRow(in: folder, trace: "stopped.weft")
        let wholeThreads = try threadsRow(in: folder, trace: "whole.weft")
        #expect(stoppedThreads == wholeThreads)
        #expect(!stoppedThreads.contains("other"), "\(stoppedThreads)")
    }

    /// The "threads" row of `weft stats` on `trace`.
    private func threadsRow(in folder: String, trace: String) throws -> String {
        let stats = try WeftProcess.run(["stats", trace], in: folder)
        #expect(stats.status == 0, "\(stats.standardError)")
        let row = stats.standardOutput.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("threads ") }
        return try #require(row.map(String.init), "no threads row in \(stats.standardOutput)")
    }

    /// Whether process `pid` catches `signal` (its bit in /proc/PID/status's SigCgt mask): the watcher is installed.
    private func catches(_ pid: Int32, _ signal: Int32) -> Bool {
        guard let line = statusLine(pid, "SigCgt:"), let mask = UInt64(line, radix: 16) else { return false }
        return mask & (1 << UInt64(signal - 1)) != 0
    }

    /// The kernel threads of process `pid` (0 when it cannot be read).
    private func threadCount(_ pid: Int32) -> Int {
        statusLine(pid, "Threads:").flatMap { Int($0) } ?? 0
    }

    /// The value of the line of /proc/PID/status that starts with `key`.
    private func statusLine(_ pid: Int32, _ key: String) -> String? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return nil }
        return line.dropFirst(key.count).trimmingCharacters(in: .whitespaces)
    }
}
