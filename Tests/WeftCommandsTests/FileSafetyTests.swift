import Foundation
import Testing
import WeftTrace

/// Outputs are written whole or not at all, never over an input, and every failed write is an error.
@Suite("file safety", .serialized)
struct FileSafetyTests {
    /// A temporary folder with `run.weft`, a small trace of the clean two-task program.
    static func folder() throws -> String {
        let folder = try WeftProcess.temporaryFolder()
        try TraceFileWriter.write(try TraceText.parse(StatsCheckCommandTests.clean), to: "\(folder)/run.weft")
        return folder
    }

    @Test("weft run -o with a one-character name writes there; -o - is refused with a message, not a crash")
    func shortOutputNames() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let short = try WeftProcess.run(["run", "workers", "--sleep-ms", "1", "-o", "x"], in: folder)
        #expect(short.status == 0, "\(short.standardError)")
        let reader = try TraceReader(path: "\(folder)/x")
        while try reader.next() != nil {}
        #expect(reader.trailer != nil)
        let dash = try WeftProcess.run(["run", "workers", "-o", "-"], in: folder)
        #expect(dash.status == 64)
        #expect(dash.standardError.contains("-o - would mix the trace with the program's output"))
        // Nothing but the trace is left in the folder: no partial file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["x"])
    }

    @Test("an output that is a named pipe (as /dev/null is a device) is written in place, not replaced by a file")
    func outputIsAPipe() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pipe = "\(folder)/out.jsonl"
        #expect(mkfifo(pipe, 0o600) == 0)
        final class Received: @unchecked Sendable { var bytes: [UInt8] = [] }
        let received = Received(), done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            let fd = open(pipe, O_RDONLY)
            if fd >= 0 {
                var chunk = [UInt8](repeating: 0, count: 1 << 16)
                while case let n = read(fd, &chunk, chunk.count), n > 0 { received.bytes += chunk[0..<n] }
                close(fd)
            }
            done.signal()
        }
        let result = try WeftProcess.run(["export", "run.weft", "--format", "jsonl", "-o", "out.jsonl"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(done.wait(timeout: .now() + 60) == .success)
        var info = stat()
        #expect(stat(pipe, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the pipe was replaced by a file")
        #expect(String(decoding: received.bytes, as: UTF8.self).hasPrefix("{\"time\":"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["out.jsonl", "run.weft"])
    }

    @Test("an output that is the input is refused and the input is left untouched",
          arguments: [["export", "run.weft", "-o", "run.weft"],
                      ["export", "run.weft", "-o", "./run.weft", "--format", "jsonl"],
                      ["render", "run.weft", "-o", "run.weft"],
                      ["diff", "run.weft", "run.weft", "-o", "run.weft"]])
    func outputIsInput(arguments: [String]) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/run.weft"))
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.status == 2, "\(result.standardError)")
        let after = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/run.weft"))
        #expect(before == after)
        // render and diff check the extension first; export names the collision.
        if arguments[0] == "export" { #expect(result.standardError.contains("this is also an input of the command")) }
    }

    @Test("an export is renamed into place only when complete: no partial file is left, an old file is replaced")
    func exportReplacesWhole() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old".write(toFile: "\(folder)/out.json", atomically: false, encoding: .utf8)
        let result = try WeftProcess.run(["export", "run.weft", "-o", "out.json"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(folder)/out.json")))
        #expect(json is [String: Any])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["out.json", "run.weft"])
    }

    @Test("while another command writes the same output, weft run says so and leaves it alone")
    func lockedOutput() throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Stand in for another run: hold the lock on the partial file of out.weft.
        let fd = open("\(folder)/.out.partial.weft", O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let blocked = try WeftProcess.run(["run", "workers", "--sleep-ms", "1", "-o", "out.weft"], in: folder)
        #expect(blocked.status == 5)
        #expect(blocked.standardError.contains("another command is writing this file right now"))
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/out.weft"))
        flock(fd, LOCK_UN)
        let free = try WeftProcess.run(["run", "workers", "--sleep-ms", "1", "-o", "out.weft"], in: folder)
        #expect(free.status == 0, "\(free.standardError)")
    }

    @Test("two runs writing one -o at once leave one whole trace", .timeLimit(.minutes(2)))
    func concurrentRuns() async throws {
        let folder = try WeftProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["run", "pingpong", "--rounds", "2000", "-o", "same.weft"]
        async let first = Task.detached { try WeftProcess.run(arguments, in: folder) }.value
        async let second = Task.detached { try WeftProcess.run(arguments, in: folder) }.value
        let results = try await [first, second]
        // Either both finished (one after the other) or one was told another run held the file.
        for result in results {
            #expect(result.status == 0 || (result.status == 5 && result.standardError.contains("another command is writing")),
                    "status \(result.status): \(result.standardError) \(result.standardOutput)")
        }
        #expect(results.contains { $0.status == 0 })
        let reader = try TraceReader(path: "\(folder)/same.weft")
        while try reader.next() != nil {}
        #expect(reader.trailer != nil && reader.warnings.isEmpty)
    }

    @Test("a write to a full device exits 5 with a message",
          arguments: [["dump", "run.weft"], ["dump", "run.weft", "--json"], ["stats", "run.weft"],
                      ["stats", "run.weft", "--json"], ["check", "run.weft"], ["diff", "run.weft", "run.weft"],
                      ["demos"], ["export", "run.weft", "-o", "-"], ["export", "run.weft", "--format", "jsonl", "-o", "-"],
                      ["run", "workers", "--sleep-ms", "1"], ["run", "counter", "--tasks", "3", "--report-json"],
                      ["compare", "workers", "--sleep-ms", "1", "--workers", "2"],
                      ["explore", "philosophers", "--fixed", "--runs", "3"],
                      ["explore", "philosophers", "--fixed", "--runs", "3", "--json"]])
    func fullDevice(arguments: [String]) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(arguments, in: folder, standardOutputPath: "/dev/full")
        #expect(result.status == 5, "\(result.standardError)")
        #expect(result.standardError.contains("No space left on device"), "\(result.standardError)")
    }

    @Test("weft run -o FILE/x.weft where FILE is a file exits 5 and says FILE is a file")
    func outputUnderAFile() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(["run", "workers", "-o", "run.weft/x.weft"], in: folder)
        #expect(result.status == 5)
        #expect(result.standardError.contains("run.weft is a file, not a folder"), "\(result.standardError)")
        #expect(!result.standardError.contains("USAGE"))
    }

    @Test("a picture that cannot be written exits 5, not 1 (the gate-tripped status)",
          arguments: [["render", "run.weft", "-o", "run.weft/x.png"], ["diff", "run.weft", "run.weft", "-o", "run.weft/x.png"]])
    func pictureCannotBeWritten(arguments: [String]) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(arguments, in: folder)
        #expect(result.status == 5, "\(result.standardError)")
        #expect(result.standardError.contains("is a file, not a folder"))
    }
}
