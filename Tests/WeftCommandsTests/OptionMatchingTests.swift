import Foundation
import Testing
import WeftTrace

/// Options that name tasks, times and changes match what they say.
@Suite("options that match something", .serialized)
struct OptionMatchingTests {
    /// The clean two-task program with its tasks named "worker 1" and "worker 2", as workers.txt in a new folder.
    static func folder() throws -> String {
        let folder = try WeftProcess.temporaryFolder()
        let text = StatsCheckCommandTests.clean
            .replacingOccurrences(of: "name=\"left\"", with: "name=\"worker 1\"")
            .replacingOccurrences(of: "name=\"right\"", with: "name=\"worker 2\"")
        try text.write(toFile: "\(folder)/workers.txt", atomically: true, encoding: .utf8)
        return folder
    }

    @Test("stats --task takes render's glob: 'worker*' matches the tasks named worker N")
    func statsGlob() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(["stats", "workers.txt", "--json", "--task", "worker*"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any])
        let tasks = try #require((object["stats"] as? [String: Any])?["tasks"] as? [[String: Any]])
        #expect(Set(tasks.compactMap { $0["name"] as? String }) == ["worker 1", "worker 2"])
        let text = try WeftProcess.run(["stats", "workers.txt", "--task", "w?rker 2"], in: folder)
        #expect(text.standardOutput.contains("worker 2") && !text.standardOutput.contains("worker 1"), "\(text.standardOutput)")
    }

    @Test("--fail-if keeps the space in a task's name")
    func gateWithSpace() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(["diff", "workers.txt", "workers.txt", "--fail-if", "task:worker 1.blocked>+10%"], in: folder)
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("ok    task:worker 1.blocked>+10%"), "\(result.standardOutput)")
    }

    @Test("--fail-if rejects a change that is not a finite number", arguments: ["wall>+nan%", "wall>+inf%", "wall>nan", "tasks>+infinity"])
    func gateNotANumber(gate: String) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(["diff", "workers.txt", "workers.txt", "--fail-if", gate], in: folder)
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains("--fail-if '\(gate)'"))
    }

    @Test("render --from past the trace's end exits 2 and says where the trace ends")
    func windowPastTheEnd() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try WeftProcess.run(["render", "workers.txt", "-o", "x.png", "--from", "2m", "--to", "3m"], in: folder)
        #expect(result.status == 2)
        #expect(result.standardError.contains("is past the end of the trace"), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "\(folder)/x.png"))
    }
}
