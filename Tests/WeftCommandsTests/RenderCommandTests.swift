import ArgumentParser
import Foundation
import Testing
import WeftRender
import WeftTrace
@testable import WeftCommands
import WeftTestSupport

@Suite("weft render")
struct RenderCommandTests {
    /// A folder with a small trace of each scheduler, written as .weft files.
    static func traces() throws -> (folder: String, multiplexed: String, perTask: String) {
        let folder = try TemporaryFiles.folder("render-command")
        let a = "\(folder)/a.weft", b = "\(folder)/b.weft"
        try TraceFileWriter.write(SyntheticRun(tasks: 30, bursts: 3, workers: 2).events(), to: a)
        try TraceFileWriter.write(SyntheticRun(tasks: 30, bursts: 3, workers: nil).events(), to: b)
        return (folder, a, b)
    }

    func run(_ arguments: [String]) throws {
        var command = try RenderCommand.parseAsRoot(arguments)
        try command.run()
    }

    /// The exit code `arguments` end with (0 when they succeed).
    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try RenderCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return RenderCommand.exitCode(for: error).rawValue
        }
    }

    @Test("draws one trace and two traces in every format")
    func draws() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        try run([t.multiplexed, "-o", "\(t.folder)/one.png", "--view", "threads", "--width", "900", "--theme", "dark"])
        try run([t.multiplexed, t.perTask, "-o", "\(t.folder)/two.svg", "--title", "fan-out"])
        try run([t.perTask, "-o", "\(t.folder)/window.pdf", "--from", "100us", "--to", "2ms", "--tasks", "producer*"])
        try run([t.perTask, "-o", "\(t.folder)/linear.png", "--time", "linear"])
        for name in ["one.png", "two.svg", "window.pdf", "linear.png"] {
            let size = try FileManager.default.attributesOfItem(atPath: "\(t.folder)/\(name)")[.size] as? Int ?? 0
            #expect(size > 1_000, "\(name)")
        }
    }

    @Test("bad flags and unreadable traces exit with status 2")
    func badInput() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        let out = "\(t.folder)/x.png"
        #expect(exitCode([t.multiplexed, "-o", "\(t.folder)/x.gif"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--view", "lanes"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--theme", "blue"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--from", "ten"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--from", "5ms", "--to", "1ms"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--width", "10"]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--time", "log"]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, t.multiplexed, "-o", out]) == 2)
        #expect(exitCode(["\(t.folder)/missing.weft", "-o", out]) == 2)
        let junk = "\(t.folder)/junk.weft"
        try Data("this is not a trace at all".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(exitCode([junk, "-o", out]) == 2)
        #expect(exitCode([t.multiplexed, "-o", out, "--from", "1000s"]) == 2)
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
