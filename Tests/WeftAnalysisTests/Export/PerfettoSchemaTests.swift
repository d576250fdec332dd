import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis

/// Every demo trace's Perfetto export, in both lane layouts, parsed by Perfetto's own generated protobuf classes
/// (PyPI `perfetto`, with `protobuf`) in `scripts/viewers/check_pftrace.py`, with its counts compared with
/// `weft stats`' figures. The Python packages go into a virtual environment outside the checkout
/// (`scripts/viewers/setup --schema-only`, in ~/.cache/weft-viewers or WEFT_VIEWERS_CACHE); the test is skipped,
/// saying so, only when they cannot be installed (no python3, or PyPI unreachable).
@Suite("Perfetto export against Perfetto's schema", .serialized)
struct PerfettoSchemaTests {
    static let root = RecordedTraceExportTests.folder.deletingLastPathComponent()

    /// The virtual environment's python, set up on first use; nil when it cannot be.
    static let python: String? = {
        let cache = ProcessInfo.processInfo.environment["WEFT_VIEWERS_CACHE"]
            ?? (NSHomeDirectory() + "/.cache/weft-viewers")
        let (status, output) = run(root.appendingPathComponent("scripts/viewers/setup").path, ["--schema-only", cache])
        let path = output.split(separator: "\n").last.map(String.init) ?? ""
        return status == 0 && FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("every demo trace's export parses with Perfetto's classes and its counts match weft stats",
          .enabled(if: python != nil, "python3 with the PyPI packages perfetto and protobuf could not be set up (scripts/viewers/setup --schema-only)"))
    func schema() throws {
        let python = try #require(Self.python)
        let folder = NSTemporaryDirectory() + "weft-perfetto-schema-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var files: [String] = []
        var expected: [String: [String: Int]] = [:]
        for name in RecordedTraceExportTests.traces {
            let path = RecordedTraceExportTests.folder.appendingPathComponent(name).path
            let timeline = try TimelineBuilder.build(from: try TraceReader(path: path))
            let stats = RunStats(timeline)
            let received = timeline.channels.reduce(0) { $0 + $1.receives }
            let spawned = timeline.tasks.filter { $0.parent != .none && $0.intervals.contains { $0.state.category == .running } }.count
            for lanes in ExportLanes.allCases {
                let file = "\(folder)/\(name).\(lanes).pftrace"
                let out = try JSONOutput(path: file)
                try PerfettoTrace.export(try TraceReader(path: path), options: PerfettoTraceOptions(lanes: lanes), to: out)
                try out.close()
                files.append(file)
                var counts = ["message_flows": received, "spawn_flows": spawned,
                              "instants": stats.run.events - ExportTraces.notInstants.reduce(0) { $0 + timeline.run.count(of: $1) }]
                if lanes == .threads { counts["slices"] = stats.threads.reduce(0) { $0 + $1.slices } }
                expected[file] = counts
            }
        }
        let (status, output) = Self.run(python, [Self.root.appendingPathComponent("scripts/viewers/check_pftrace.py").path] + files)
        let lines = output.split(separator: "\n")
        #expect(lines.count == files.count, "\(output)")
        for line in lines {
            let result = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let file = result["file"] as? String ?? ""
            #expect(result["problems"] as? [String] == [], "\(file): \(result["problems"] ?? "")")
            let counts = result["counts"] as? [String: Int] ?? [:]
            for (key, value) in expected[file] ?? [:] {
                #expect(counts[key] == value, "\(file): \(key) \(counts[key] ?? -1), weft stats says \(value)")
            }
        }
        #expect(status == 0, "check_pftrace.py exited with \(status)")
    }
}
