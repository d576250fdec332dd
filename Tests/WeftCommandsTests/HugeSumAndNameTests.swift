import Foundation
import Testing

/// Sums over many tasks that pass 2^64, and task names that look like the diff's own disambiguation: no crash, and
/// a self-diff that finds nothing.
@Suite("Huge sums and look-alike names")
struct HugeSumAndNameTests {
    /// `count` tasks each waiting about 2^55 ns on one mutex: the sum of their waits is far above 2^64.
    static func hugeWaits(_ count: Int) -> String {
        let t: UInt64 = (1 << 55) - 10_000
        var lines = ["0 T1 - threadStart tid=400 role=worker index=0",
                     "0 T1 - taskCreate task=t1 parent=- name=\"main\" site=\"m\"",
                     "0 T1 - mutexMake mutex=mu9 name=\"m\"", "0 T1 t1 runBegin task=t1",
                     "1 T1 t1 lockRequest mutex=mu9", "1 T1 t1 lockAcquire mutex=mu9"]
        for i in 2..<(count + 2) { lines.append("1 T1 t1 taskCreate task=t\(i) parent=t1 name=\"w\" site=\"m\"") }
        lines += ["2 T1 t1 block reason=sleep object=-", "2 T1 t1 runEnd task=t1 reason=blocked"]
        for i in 2..<(count + 2) {
            lines += ["3 T1 t\(i) runBegin task=t\(i)", "3 T1 t\(i) lockRequest mutex=mu9",
                      "3 T1 t\(i) block reason=mutex object=o9", "3 T1 t\(i) runEnd task=t\(i) reason=blocked"]
        }
        lines += ["\(t) T1 - unblock task=t1", "\(t) T1 t1 runBegin task=t1", "\(t) T1 t1 lockRelease mutex=mu9"]
        var now = t
        for i in 2..<(count + 2) {
            let previous = i == 2 ? 1 : i - 1
            lines += ["\(now) T1 t\(previous) unblock task=t\(i)",
                      "\(now) T1 t\(previous) taskEnd task=t\(previous) outcome=returned message=\"\"",
                      "\(now) T1 t\(previous) runEnd task=t\(previous) reason=finished"]
            now += 1
            lines += ["\(now) T1 t\(i) runBegin task=t\(i)", "\(now) T1 t\(i) lockAcquire mutex=mu9",
                      "\(now) T1 t\(i) lockRelease mutex=mu9"]
        }
        lines += ["\(now) T1 t\(count + 1) taskEnd task=t\(count + 1) outcome=returned message=\"\"",
                  "\(now) T1 t\(count + 1) runEnd task=t\(count + 1) reason=finished",
                  "\(now + 1) T1 - runFinish outcome=completed message=\"\""]
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("600 tasks each waiting 2^55 ns: stats, check, diff, render and export end normally", .timeLimit(.minutes(3)))
    func hugeSums() throws {
        let folder = try WeftProcess.temporaryFolder()
        let path = folder + "/huge-waits.txt"
        try Self.hugeWaits(600).write(toFile: path, atomically: true, encoding: .utf8)
        let commands: [[String]] = [
            ["stats", path], ["stats", "--json", path], ["stats", "--critical-path", path], ["check", path],
            ["diff", path, path], ["diff", "--json", path, path], ["diff", path, path, "-o", folder + "/diff.png"],
            ["render", path, "-o", folder + "/picture.png"], ["render", path, "--view", "threads", "-o", folder + "/threads.png"],
            ["export", path, "-o", folder + "/chrome.json"],
        ]
        for arguments in commands {
            let run = try WeftProcess.run(arguments)
            let command = arguments.joined(separator: " ")
            #expect(run.status == 0, "\(command): status \(run.status)\n\(run.standardError.prefix(400))")
            #expect(!run.standardError.contains("overflow"), "\(command)")
        }
    }

    @Test("a self-diff of tasks named 'worker 1', 'worker 1' and 'worker 1#2' matches every task and finds nothing")
    func lookAlikeNames() throws {
        let folder = try WeftProcess.temporaryFolder()
        let path = folder + "/names.txt"
        var lines = ["0 T1 - threadStart tid=400 role=worker index=0",
                     "0 T1 - taskCreate task=t1 parent=- name=\"main\" site=\"m\"", "0 T1 t1 runBegin task=t1",
                     "1 T1 t1 channelMake channel=ch4 capacity=4 name=\"jobs\"",
                     "1 T1 t1 channelMake channel=ch5 capacity=4 name=\"jobs\"",
                     "1 T1 t1 channelMake channel=ch6 capacity=4 name=\"jobs#2\""]
        let names = ["worker 1", "worker 1", "worker 1#2"]
        for (i, name) in names.enumerated() { lines.append("2 T1 t1 taskCreate task=t\(i + 2) parent=t1 name=\"\(name)\" site=\"m\"") }
        lines += ["3 T1 t1 taskEnd task=t1 outcome=returned message=\"\"", "3 T1 t1 runEnd task=t1 reason=finished"]
        for i in 2...4 {
            lines += ["\(2 * i) T1 t\(i) runBegin task=t\(i)", "\(2 * i) T1 t\(i) taskEnd task=t\(i) outcome=returned message=\"\"",
                      "\(2 * i) T1 t\(i) runEnd task=t\(i) reason=finished"]
        }
        lines.append("100 T1 - runFinish outcome=completed message=\"\"")
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let run = try WeftProcess.run(["diff", path, path])
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("no differences: 4 tasks do the same operations"), "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("added (only in B)"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("4 tasks did the same operations") || !run.standardOutput.contains("differs"),
                "\(run.standardOutput)")
        #expect(!run.standardOutput.contains("reordered"), "\(run.standardOutput)")
    }
}
