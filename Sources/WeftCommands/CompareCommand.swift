import ArgumentParser
import WeftAnalysis
import Foundation
import WeftDemos
import WeftRuntime

/// `weft compare DEMO`: runs the demo under both schedulers, each in its own process, and prints the blog's claims
/// measured side by side.
public struct CompareCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Run one demo under both schedulers and compare them side by side.",
        discussion: """
            Each run is its own child process (`weft run … --report-json`), so its CPU time, peak RSS and context
            switches are its own. Writes weft-out/DEMO-multiplexed.weft, weft-out/DEMO-thread-per-task.weft and the
            contrast picture weft-out/DEMO-compare.png and .svg (-o names another folder).
            Demo options follow the demo's name, e.g. `weft compare io-bound --tasks 10000`.
            `weft compare --exec PROGRAM -- ARGS…` compares a program of your own that calls Weft.run or Weft.trace:
            each run is `weft run --exec` in a child process, which runs the program as its own child with
            WEFT_SCHEDULER, WEFT_WORKERS and WEFT_TRACE set; its counters are the program's. Per-task memory counts
            the program's whole memory (no baseline is known for it).
            """)

    @Argument(help: "The demo to compare (see `weft demos`); with --exec, the program's first argument.")
    var demo: String?

    @Option(help: "Compare this program of your own (it calls Weft.run or Weft.trace) instead of a demo; its arguments follow --.")
    var exec: String?

    @Option(help: "Worker threads of the multiplexed scheduler (default: one per core).")
    var workers: Int?

    @Option(name: [.short, .customLong("output-directory")], help: "Where traces and pictures go.")
    var outputDirectory = TracePaths.folder

    @Option(help: ArgumentHelp("The weft binary to run for each scheduler (default: this one).", visibility: .hidden))
    var weftBinary: String?

    @Argument(parsing: .allUnrecognized, help: "The demo's own options, e.g. --tasks 1000.")
    var demoOptions: [String] = []

    public init() {}

    public func validate() throws {
        if let exec {
            try ExternalProgram.validate(exec)
        } else {
            guard let demo else { throw ValidationError("Name a demo (see `weft demos`) or give --exec PROGRAM.") }
            _ = try DemoSelection(name: demo, words: demoOptions)
        }
        _ = try SchedulerChoice.parse("multiplexed", workers: workers)
    }

    public func run() async throws {
        // What runs: a demo with its options, or a program with its arguments.
        let name: String, baseName: String, arguments: [String], runWords: [String], trailing: [String]
        if let exec {
            let program = ExternalProgram(path: exec, arguments: (demo.map { [$0] } ?? []) + demoOptions)
            name = program.name
            baseName = program.name
            arguments = program.arguments
            runWords = ["run", "--exec", exec]
            trailing = ["--"] + program.arguments
        } else {
            guard let demo else { throw ValidationError("Name a demo (see `weft demos`) or give --exec PROGRAM.") }
            let selection = try DemoSelection(name: demo, words: demoOptions)
            name = demo
            baseName = TracePaths.baseName(selection)
            arguments = selection.options.commandLine(for: selection.demo)
            runWords = ["run", demo]
            trailing = arguments
        }
        let kinds: [SchedulerKind] = [
            try SchedulerChoice.parse("multiplexed", workers: workers),
            try SchedulerChoice.parse("thread-per-task", workers: nil),
        ]
        let child = ChildRun(executable: weftBinary ?? ChildRun.currentExecutable())
        var measurements: [RunMeasurement] = []
        var failures: [String] = []
        for kind in kinds {
            let tracePath = "\(outputDirectory)/\(baseName)-\(kind.name).weft"
            var words = runWords + ["--scheduler", kind.name, "-o", tracePath, "--report-json"]
            if case let .multiplexed(count) = kind { words += ["--workers", String(count)] }
            let result = try child.run(words + trailing, label: "\(name) under \(kind.name)")
            guard let measurement = RunMeasurement.parse(result.standardOutput) else {
                let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                failures.append("\(kind.name): the run ended with status \(result.status) and no measurement. \(said)")
                continue
            }
            if let message = measurement.message { failures.append("\(kind.name): \(measurement.outcome): \(message)") }
            measurements.append(measurement)
        }
        let traces = measurements.compactMap(\.tracePath)
        let base = "\(outputDirectory)/\(baseName)-compare"
        // Both traces, read once: for the verdict under the table and for the picture.
        var timelines: [Timeline]?
        if traces.count == 2 {
            do {
                timelines = try TraceLoader.timelines(traces, command: "compare")
            } catch {
                failures.append("could not draw the contrast picture \(base).png: a trace could not be read (said above)")
            }
        }
        if !measurements.isEmpty {
            print(CompareTable.report(demo: name, arguments: arguments, measurements,
                                      figures: timelines.map { (RunFigures($0[0]), RunFigures($0[1])) }))
        }
        if let timelines {
            do {
                let shown = exec.map { ["--exec", $0] + (arguments.isEmpty ? [] : ["--"]) } ?? [name]
                let title = "weft compare \((shown + arguments).joined(separator: " "))"
                let pictures = try ContrastPicture.draw(timelines[0], timelines[1], from: traces, to: base, title: title)
                print("\nTraces: \(traces.joined(separator: ", "))\nPictures: \(pictures.joined(separator: ", "))")
            } catch {
                failures.append("could not draw the contrast picture \(base).png: \(error)")
            }
        }
        for failure in failures { Diagnostics.error(failure) }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
