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
            """)

    @Argument(help: "The demo to compare (see `weft demos`).")
    var demo: String

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
        _ = try DemoSelection(name: demo, words: demoOptions)
        _ = try SchedulerChoice.parse("multiplexed", workers: workers)
    }

    public func run() async throws {
        let selection = try DemoSelection(name: demo, words: demoOptions)
        let arguments = selection.options.commandLine(for: selection.demo)
        let kinds: [SchedulerKind] = [
            try SchedulerChoice.parse("multiplexed", workers: workers),
            try SchedulerChoice.parse("thread-per-task", workers: nil),
        ]
        let child = ChildRun(executable: weftBinary ?? ChildRun.currentExecutable())
        var measurements: [RunMeasurement] = []
        var failures: [String] = []
        for kind in kinds {
            let tracePath = TracePaths.run(selection, scheduler: kind, in: outputDirectory)
            var words = ["run", demo, "--scheduler", kind.name, "-o", tracePath, "--report-json"]
            if case let .multiplexed(count) = kind { words += ["--workers", String(count)] }
            let result = try child.run(words + arguments, label: "\(demo) under \(kind.name)")
            guard let measurement = RunMeasurement.parse(result.standardOutput) else {
                let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                failures.append("\(kind.name): the run ended with status \(result.status) and no measurement. \(said)")
                continue
            }
            if let message = measurement.message { failures.append("\(kind.name): \(measurement.outcome): \(message)") }
            measurements.append(measurement)
        }
        let traces = measurements.compactMap(\.tracePath)
        let base = "\(outputDirectory)/\(TracePaths.baseName(selection))-compare"
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
            print(CompareTable.report(demo: demo, arguments: arguments, measurements,
                                      figures: timelines.map { (RunFigures($0[0]), RunFigures($0[1])) }))
        }
        if let timelines {
            do {
                let title = "weft compare \(([demo] + arguments).joined(separator: " "))"
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
