import Foundation
import Testing
import WeftTrace
@testable import WeftAnalysis

/// Every demo trace's Perfetto export, in both lane layouts, parsed by Perfetto's own generated protobuf classes
/// (PyPI `perfetto`, with `protobuf`) in `scripts/viewers/check_pftrace.py`, with its counts compared with
/// `weft stats`' figures. The Python packages go into a virtual environment outside the checkout
/// (`scripts/viewers/setup --schema-only`, in ~/.cache/weft-viewers or WEFT_VIEWERS_CACHE; `scripts/test` sets it up
/// first). When they cannot be installed (no python3, or PyPI unreachable) the test is skipped, saying why, unless
/// WEFT_REQUIRE_SCHEMA_CHECK=1 (set by `scripts/test` once the setup succeeded), when it fails: it never passes
/// without having run.
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

    static let required = ProcessInfo.processInfo.environment["WEFT_REQUIRE_SCHEMA_CHECK"] == "1"

    @Test("the schema check runs wherever it is required")
    func availableWhenRequired() {
        #expect(!Self.required || Self.python != nil,
                "WEFT_REQUIRE_SCHEMA_CHECK=1 but scripts/viewers/setup --schema-only could not set up python3 with perfetto and protobuf")
    }

    @Test("every demo trace's export parses with Perfetto's classes and its counts match weft stats",
          .enabled(if: python != nil, "SKIPPED: python3 with the PyPI packages perfetto and protobuf could not be set up (run scripts/viewers/setup --schema-only ~/.cache/weft-viewers to see why)"))
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
            let neverRun = timeline.tasks.filter { $0.parent != .none && !$0.intervals.contains { $0.state.category == .running } }.count
            let sent = timeline.run.count(of: .send)
            for lanes in ExportLanes.allCases {
                let file = "\(folder)/\(name).\(lanes).pftrace"
                let out = try JSONOutput(path: file)
                try PerfettoTrace.export(try TraceReader(path: path), options: PerfettoTraceOptions(lanes: lanes), to: out)
                try out.close()
                files.append(file)
                var counts = ["message_flows": received, "spawn_flows": spawned, "open_flows": sent - received + neverRun,
                              "instants": stats.run.events - ExportTraces.notInstants.reduce(0) { $0 + timeline.run.count(of: $1) }
                                  - timeline.run.count(of: .block)]
                // The thread lanes keep the runtime's run slices. weft stats also counts each stretch of a task's code
                // on an actor (an actorSlice that left a task's code) as a slice of its own; the export marks those
                // with instants instead. An actorSlice of no task's code is no slice in either.
                if lanes == .threads {
                    let actorStretches = timeline.threads.reduce(0) { sum, thread in
                        sum + thread.slices.elements.reduce(0) { $0 + ($1.actor == nil ? 0 : 1) }
                    }
                    counts["slices"] = stats.threads.reduce(0) { $0 + $1.slices } - actorStretches
                }
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
            let counts = result["counts"] as? [String: Any] ?? [:]
            for (key, value) in expected[file] ?? [:] {
                #expect(counts[key] as? Int == value, "\(file): \(key) \(counts[key] ?? -1), weft stats says \(value)")
            }
            // Tracks in the trace's order, none empty: the caller first, then the scheduler's threads, then tasks.
            let threads = counts["thread_order"] as? [String] ?? []
            if file.contains(".threads.") {
                #expect(threads.first == "caller thread", "\(file): \(threads)")
                let workers = threads.filter { $0.hasPrefix("pool thread ") }
                #expect(workers == workers.sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }, "\(file): \(threads)")
            } else {
                let tracks = counts["task_order"] as? [String] ?? []
                let ids = tracks.compactMap { Int($0.dropFirst().prefix { $0.isNumber }) } // t12 worker → 12
                #expect(!ids.isEmpty && ids == ids.sorted(), "\(file): task tracks in spawn order: \(tracks.prefix(8))")
                #expect(tracks.firstIndex { $0.hasPrefix("outside") } ?? tracks.count >= ids.count, "\(file): \(tracks.prefix(8))")
            }
        }
        #expect(status == 0, "check_pftrace.py exited with \(status)")
    }
}
