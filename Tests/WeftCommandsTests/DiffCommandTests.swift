import ArgumentParser
import Foundation
import Testing
import WeftAnalysis
import WeftRender
import WeftTrace
@testable import WeftCommands
import WeftTestSupport

@Suite("weft diff")
struct DiffCommandTests {
    /// A folder with one synthetic program traced under each scheduler, and a slower multiplexed run of it.
    static func traces() throws -> (folder: String, multiplexed: String, perTask: String, slower: String) {
        let folder = try TemporaryFiles.folder("diff-command")
        let a = "\(folder)/a.weft", b = "\(folder)/b.weft", c = "\(folder)/c.weft"
        try TraceFileWriter.write(SyntheticRun(tasks: 20, bursts: 3, workers: 2).events(), to: a)
        try TraceFileWriter.write(SyntheticRun(tasks: 20, bursts: 3, workers: nil).events(), to: b)
        try TraceFileWriter.write(SyntheticRun(tasks: 20, bursts: 3, workers: 2, sleep: 600_000).events(), to: c)
        return (folder, a, b, c)
    }

    /// The exit code `arguments` end with (0 when they succeed).
    func exitCode(_ arguments: [String]) -> Int32 {
        do {
            var command = try DiffCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            return DiffCommand.exitCode(for: error).rawValue
        }
    }

    @Test("a trace diffed with itself exits 0; a gate that trips exits 1")
    func exitStatus() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        #expect(exitCode([t.multiplexed, t.multiplexed]) == 0)
        #expect(exitCode([t.multiplexed, t.multiplexed, "--fail-if", "wall>+0%", "--fail-if", "divergent>0"]) == 0)
        #expect(exitCode([t.multiplexed, t.slower, "--fail-if", "wall>+10%"]) == 1)
        #expect(exitCode([t.multiplexed, t.slower, "--fail-if", "wall>+1000%"]) == 0)
        #expect(exitCode([t.multiplexed, t.perTask, "--fail-if", "threads>+5"]) == 1)
        #expect(exitCode([t.multiplexed, t.perTask, "--ignore-timing", "--json"]) == 0)
    }

    @Test("the multiplexed and thread-per-task runs: every task matched, more threads in B")
    func schedulers() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        let runs = try TraceLoader.tracedRuns([t.multiplexed, t.perTask], command: "diff")
        let (a, b) = (runs[0], runs[1])
        let diff = TraceDiff(a: a, b: b)
        #expect(diff.addedTasks.isEmpty && diff.removedTasks.isEmpty)
        let threads = try #require(diff.runMetric("threads"))
        #expect((threads.a ?? 0) < (threads.b ?? 0))
        // Every matched task's operations were compared (the synthetic program draws its work from the schedule,
        // so some differ).
        #expect(diff.sameBehaviour + diff.divergences.count == a.timeline.tasks.count)
    }

    @Test("a trace in its text form diffs as the same run as its .weft file")
    func textForm() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        let text = "\(t.folder)/a.txt"
        try TraceText.format(try TraceReader(path: t.multiplexed)).write(toFile: text, atomically: true, encoding: .utf8)
        let runs = try TraceLoader.tracedRuns([t.multiplexed, text], command: "diff")
        let (a, b) = (runs[0], runs[1])
        #expect(TraceDiff(a: a, b: b).isEmpty)
        #expect(exitCode([text, t.multiplexed, "--fail-if", "divergent>0", "--fail-if", "wall>+0%"]) == 0)
        try "0 T1 - nonsense".write(toFile: "\(t.folder)/bad.txt", atomically: true, encoding: .utf8)
        #expect(exitCode([t.multiplexed, "\(t.folder)/bad.txt"]) == 2)
    }

    @Test("bad input exits 2 and names the problem")
    func badInput() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        #expect(exitCode([t.multiplexed, "\(t.folder)/missing.weft"]) == 2)
        let junk = "\(t.folder)/junk.weft"
        try Data("not a trace".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(exitCode([junk, t.multiplexed]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, "--fail-if", "wall>>10%"]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, "--fail-if", "speed>+10%"]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, "--fail-if", "wall>+10%", "--ignore-timing"]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, "-o", "\(t.folder)/x.gif"]) == 2)
        #expect(exitCode([t.multiplexed, t.perTask, "--timelines"]) == 2)
        #expect(exitCode([t.multiplexed]) != 0)
    }

    @Test("draws the diff as PNG, SVG and PDF; slower and faster tasks in their colours")
    func picture() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        for name in ["d.png", "d.svg", "d.pdf"] {
            #expect(exitCode([t.multiplexed, t.slower, "-o", "\(t.folder)/\(name)"]) == 0)
            let size = try FileManager.default.attributesOfItem(atPath: "\(t.folder)/\(name)")[.size] as? Int ?? 0
            #expect(size > 1_000, "\(name)")
        }
        #expect(exitCode([t.multiplexed, t.perTask, "-o", "\(t.folder)/t.png", "--timelines"]) == 0)
        let runs = try TraceLoader.tracedRuns([t.multiplexed, t.slower], command: "diff")
        let (a, c) = (runs[0], runs[1])
        let diff = TraceDiff(a: a, b: c)
        let scene = try DiffRenderer.scene(diff, a: a.timeline, b: c.timeline)
        let image = try ScenePainter.image(scene)
        // The change bars use the change colours: the slower run's tasks show the "slower" colour somewhere.
        let changeRects = scene.layers.flatMap(\.items).compactMap { item -> Color? in
            if case let .rect(_, fill, _) = item { return fill } else { return nil }
        }
        #expect(changeRects.contains(ChangeColor.slower))
        #expect(scene.texts.contains { $0.text.hasPrefix("whole run") })
        #expect(image.width == 1400)
        // Sample the first task row's chip: the picture really paints it.
        if let chip = scene.layers.flatMap(\.items).compactMap({ item -> Rect? in
            if case let .rect(r, fill, _) = item, fill == ChangeColor.slower, r.width == 10 { return r } else { return nil }
        }).first {
            let pixel = image.color(x: Int(chip.x + 5), y: Int(chip.y + 5))
            #expect(pixel == ChangeColor.slower)
        }
    }

    @Test("the picture's description line comes from the demo registry for weft run DEMO, else from the recorded summary")
    func tracedDescription() {
        func run(_ program: String, summary: String = "", arguments: String = "") -> RunInfo {
            var metadata = [MetadataEntry(key: "program", value: program)]
            if !summary.isEmpty { metadata.append(MetadataEntry(key: "summary", value: summary)) }
            if !arguments.isEmpty { metadata.append(MetadataEntry(key: "arguments", value: arguments)) }
            return RunInfo(metadata: metadata)
        }
        func traced(_ run: RunInfo) -> String? { ProgramDescription.traced(run, run) }
        let ioBound = traced(run("weft run io-bound"))
        #expect(ioBound?.hasPrefix("io-bound: ") == true && (ioBound?.count ?? 0) > 20)
        #expect(ioBound?.contains(" — ") == false)
        #expect(traced(run("shop", summary: "orders flow through a pipeline")) == "shop: orders flow through a pipeline")
        #expect(traced(run("shop")) == nil)
        #expect(traced(run("weft run no-such-demo")) == nil)
    }

    @Test("the description says which options the runs set away from the demo's defaults, so its summary's counts never contradict them")
    func tracedDescriptionOptions() throws {
        func run(_ arguments: String) -> RunInfo {
            RunInfo(metadata: [MetadataEntry(key: "program", value: "weft run io-bound"),
                               MetadataEntry(key: "arguments", value: arguments)])
        }
        let defaults = run("--tasks 10000 --sleep-ms 2000 --rounds 1")
        let thousand = run("--tasks 1000 --sleep-ms 2000 --rounds 1")
        let both = try #require(ProgramDescription.traced(thousand, thousand))
        #expect(both.hasPrefix("io-bound: "))
        #expect(both.hasSuffix(" — both runs: --tasks 1,000 (default 10,000)"))
        #expect(ProgramDescription.traced(defaults, defaults)?.contains(" — ") == false)
        let differ = try #require(ProgramDescription.traced(defaults, thousand))
        #expect(differ.hasSuffix(" — A: the defaults; B: --tasks 1,000 (default 10,000)"))
    }

    @Test("the run table says why its sums over tasks can exceed the wall time, and what they make per task")
    func sumsExplained() throws {
        let t = try Self.traces()
        defer { try? FileManager.default.removeItem(atPath: t.folder) }
        let runs = try TraceLoader.tracedRuns([t.multiplexed, t.perTask], command: "diff")
        let text = DiffReport().runTable(TraceDiff(a: runs[0], b: runs[1])).render()
        #expect(text.contains("tasks runnable (task-time)"))
        #expect(text.contains("(task-time): each task's time added up, not wall time; \(TaskSum.sideBySide) (runnable per task on average: A "))
    }
}
