import Foundation

/// Runs `weft` again as a child process, so that the child's CPU time, peak RSS and context switches belong to one
/// run only, and shows a progress line on standard error while a run takes longer than a second.
struct ChildRun {
    /// The `weft` binary to run.
    let executable: String

    /// What the child printed and how it ended.
    struct Result {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// The running binary's own path (`/proc/self/exe`), for re-executing it.
    static func currentExecutable() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Runs the child with `arguments`, waits for it, and returns what it printed.
    /// - Parameter label: what the progress line says is running.
    /// - Throws: when the child cannot be started.
    func run(_ arguments: [String], label: String) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let collected = Collected()
        output.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: false) }
        errors.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData, error: true) }
        try process.run()

        let start = Date()
        let live = isatty(STDERR_FILENO) != 0
        var shown = false
        while process.isRunning {
            Thread.sleep(forTimeInterval: 0.1)
            let elapsed = Date().timeIntervalSince(start)
            if elapsed >= 1 {
                // A terminal sees the time tick; a log gets one line.
                if live {
                    Diagnostics.raw("\r\(label)… \(String(format: "%.1f", elapsed)) s ")
                } else if !shown {
                    Diagnostics.raw("\(label)… (still running after 1 s)\n")
                }
                shown = true
            }
        }
        process.waitUntilExit()
        if shown && live { Diagnostics.raw("\r\(String(repeating: " ", count: label.count + 16))\r") }
        output.fileHandleForReading.readabilityHandler = nil
        errors.fileHandleForReading.readabilityHandler = nil
        collected.append(output.fileHandleForReading.readDataToEndOfFile(), error: false)
        collected.append(errors.fileHandleForReading.readDataToEndOfFile(), error: true)
        return Result(status: process.terminationStatus, standardOutput: collected.text(error: false),
                      standardError: collected.text(error: true))
    }
}

/// Bytes read from a child's two pipes, from handler threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var errors = Data()

    func append(_ data: Data, error: Bool) {
        guard !data.isEmpty else { return }
        lock.lock()
        if error { errors.append(data) } else { output.append(data) }
        lock.unlock()
    }

    func text(error: Bool) -> String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: error ? errors : output, as: UTF8.self)
    }
}
