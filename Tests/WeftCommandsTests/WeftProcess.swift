import Foundation
import WeftTestSupport

/// Runs the built `weft` binary as a person would, and keeps what it printed.
struct WeftProcess {
    var status: Int32
    var standardOutput: String
    var standardError: String

    /// The `weft` binary beside the test bundle (`swift build --build-tests` builds it there).
    static var binary: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("weft").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/weft").path
    }

    /// Runs `weft ARGUMENTS` in `directory` and waits for it; `standardOutputPath` sends its standard output to that
    /// file instead (e.g. `/dev/full`).
    static func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:],
                    standardOutputPath: String? = nil) throws -> WeftProcess {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "WEFT_SCHEDULER")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("weft-out-\(UUID().uuidString)")
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("weft-err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: output)
            try? FileManager.default.removeItem(at: errors)
        }
        process.standardOutput = try FileHandle(forWritingTo: standardOutputPath.map { URL(fileURLWithPath: $0) } ?? output)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        process.waitUntilExit()
        return WeftProcess(
            status: process.terminationStatus,
            standardOutput: (try? String(contentsOf: output, encoding: .utf8)) ?? "",
            standardError: (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> String {
        try TemporaryFiles.folder("cmd")
    }
}
