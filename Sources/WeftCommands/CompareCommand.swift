import ArgumentParser
import WeftAnalysis
import Foundation
import WeftDemos
import WeftTrace
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
            --repeat N runs each scheduler N times, taken in turn (multiplexed, thread-per-task, multiplexed, …) so that
            the machine's drift reaches both; the table then shows each measure's median with its lowest – highest,
            ratios of the medians, and the traces and picture kept are of each scheduler's run with the median wall
            time. The verdict calls the wall times different when an exact rank test (Mann–Whitney U) on every run gives
            p < 0.05 and the medians are more than 15% apart (with 2 or 3 runs each, too few for the test: every run of
            one faster than every run of the other); anything else is a tie.
            """)

    @Argument(help: "The demo to compare (see `weft demos`); with --exec, the program's first argument.")
    var demo: String?

    @Option(help: "Compare this program of your own (it calls Weft.run or Weft.trace) instead of a demo; its arguments follow --.")
    var exec: String?

    @Option(help: "Worker threads of the multiplexed scheduler (default: one per core).")
    var workers: Int?

    @Option(name: .customLong("repeat"), help: ArgumentHelp(
        "Runs of each scheduler, taken in turn; the table shows medians and ranges (1–\(Self.repeatLimit)).",
        valueName: "N"))
    var repeats = 1

    /// The most runs of each scheduler `--repeat` takes.
    static let repeatLimit = 100

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
        guard (1...Self.repeatLimit).contains(repeats) else {
            throw ValidationError("--repeat must be between 1 and \(Self.repeatLimit); got \(repeats).")
        }
    }

    public func run() async throws {
        // What runs: a demo with its options, or a program with its arguments.
        let name: String, baseName: String, arguments: [String], runWords: [String], trailing: [String]
        var description: String
        var external: ExternalProgram?
        if let exec {
            let program = ExternalProgram(path: exec, arguments: (demo.map { [$0] } ?? []) + demoOptions)
            name = program.name
            baseName = program.name
            arguments = program.arguments
            runWords = ["run", "--exec", exec]
            trailing = ["--"] + program.arguments
            description = ProgramDescription.program(program)
            external = program
        } else {
            guard let demo else { throw ValidationError("Name a demo (see `weft demos`) or give --exec PROGRAM.") }
            let selection = try DemoSelection(name: demo, words: demoOptions)
            name = demo
            baseName = TracePaths.baseName(selection)
            arguments = selection.options.commandLine(for: selection.demo)
            runWords = ["run", demo]
            trailing = arguments
            description = ProgramDescription.demo(selection)
        }
        let kinds: [SchedulerKind] = [
            try SchedulerChoice.parse("multiplexed", workers: workers),
            try SchedulerChoice.parse("thread-per-task", workers: nil),
        ]
        let child = ChildRun(executable: weftBinary ?? ChildRun.currentExecutable())
        var failures: [String] = []
        // Each scheduler in turn, `repeats` times, so that the machine's drift reaches both alike.
        var runs: [[RunMeasurement]] = kinds.map { _ in [] }
        for round in 1...repeats {
            for (k, kind) in kinds.enumerated() {
                let tracePath = repeats == 1 ? finalTrace(baseName, kind) : roundTrace(baseName, kind, round: round)
                var words = runWords + ["--scheduler", kind.name, "-o", tracePath, "--report-json"]
                if case let .multiplexed(count) = kind { words += ["--workers", String(count)] }
                let label = "\(name) under \(kind.name)" + (repeats == 1 ? "" : " (run \(round) of \(repeats))")
                let result = try child.run(words + trailing, label: label)
                let which = repeats == 1 ? kind.name : "\(kind.name), run \(round)"
                guard let measurement = RunMeasurement.parse(result.standardOutput) else {
                    let said = result.standardError.trimmingCharacters(in: .whitespacesAndNewlines)
                    failures.append("\(which): the run ended with status \(result.status) and no measurement. \(said)")
                    // A repeated run's trace without its measurement is of no use; the others are removed later.
                    if repeats > 1 { try? FileManager.default.removeItem(atPath: tracePath) }
                    continue
                }
                if let message = measurement.message { failures.append("\(which): \(measurement.outcome): \(message)") }
                runs[k].append(measurement)
            }
        }
        // Of each scheduler's runs, the median one's trace is kept under the usual name; the others go.
        var models: [RepeatedRuns] = []
        for (k, kind) in kinds.enumerated() where !runs[k].isEmpty {
            var model = runs[k]
            if repeats > 1 {
                do {
                    model = try keepMedianTrace(model, as: finalTrace(baseName, kind))
                } catch {
                    failures.append("\(kind.name): could not keep the median run's trace: \(error)")
                }
            }
            models.append(RepeatedRuns(model))
        }
        let traces = models.compactMap(\.medianRun.tracePath)
        let base = "\(outputDirectory)/\(baseName)-compare"
        // Both kept traces, read once: for the verdict under the table and atop the picture.
        var timelines: [Timeline]?
        if traces.count == 2 {
            do {
                timelines = try TraceLoader.timelines(traces, command: "compare")
            } catch {
                failures.append("could not draw the contrast picture \(base).png: a trace could not be read (said above)")
            }
        }
        // A program that says what it does (RunOptions.summary) is described in its own words.
        if let external, let summary = timelines?.lazy.compactMap({ $0.run.metadata(MetadataKey.summary.rawValue) }).first {
            description = ProgramDescription.program(external, summary: summary)
        }
        let verdict = timelines.map { timelines in
            ContrastVerdict.verdict(figures(timelines[0], models[0]), figures(timelines[1], models[1]))
        }
        let shownArguments = arguments + (repeats == 1 ? [] : ["--repeat", String(repeats)])
        if !models.isEmpty {
            print(CompareTable.report(demo: name, arguments: shownArguments, description: description, models,
                                      verdict: verdict?.text))
        }
        if let timelines, let verdict {
            do {
                let shown = exec.map { ["--exec", $0] + (arguments.isEmpty ? [] : ["--"]) } ?? [name]
                let title = "weft compare \((shown + arguments).joined(separator: " "))"
                    + (repeats == 1 ? "" : " --repeat \(repeats)")
                let pictures = try ContrastPicture.draw(timelines[0], timelines[1], from: traces, to: base, title: title,
                                                        description: description, verdict: verdict, runs: models)
                print("\nTraces: \(traces.joined(separator: ", "))\nPictures: \(pictures.joined(separator: ", "))")
            } catch {
                failures.append("could not draw the contrast picture \(base).png: \(error)")
            }
        }
        var said: Set<String> = []
        for failure in failures where said.insert(failure).inserted { Diagnostics.error(failure) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// `weft-out/DEMO-SCHEDULER.weft`: the trace kept for a scheduler.
    func finalTrace(_ baseName: String, _ kind: SchedulerKind) -> String {
        "\(outputDirectory)/\(baseName)-\(kind.name).weft"
    }

    /// `weft-out/DEMO-SCHEDULER.run3.weft`: one of several runs' traces, until the median one is chosen.
    func roundTrace(_ baseName: String, _ kind: SchedulerKind, round: Int) -> String {
        "\(outputDirectory)/\(baseName)-\(kind.name).run\(round).weft"
    }

    /// Renames the trace of the run with the median wall time to `path` and removes the other runs' traces.
    /// - Returns: the runs, the median one's trace path now `path`.
    /// - Throws: when the file cannot be renamed.
    func keepMedianTrace(_ runs: [RunMeasurement], as path: String) throws -> [RunMeasurement] {
        var runs = runs
        let median = RepeatedRuns(runs).medianIndex
        let files = FileManager.default
        for (i, run) in runs.enumerated() {
            guard let trace = run.tracePath, i != median else { continue }
            try? files.removeItem(atPath: trace)
        }
        guard let trace = runs[median].tracePath else { return runs }
        if rename(trace, path) != 0 {
            throw OutputError(path: path, message: "could not rename \(trace) to it: \(String(cString: strerror(errno)))",
                              status: ExitStatus.cannotWrite)
        }
        runs[median].tracePath = path
        return runs
    }

    /// The figures a verdict compares for one scheduler: its kept run's, with the wall times of every run and the
    /// median peak memory (the table's) when there were several.
    func figures(_ timeline: Timeline, _ model: RepeatedRuns) -> RunFigures {
        var figures = RunFigures(timeline)
        guard model.runs.count > 1 else { return figures }
        figures.wallRuns = model.wallTimes
        if let peak = model.median({ Double($0.usage.peakResidentBytes) }), peak > 0 { figures.peakMemory = UInt64(peak) }
        return figures
    }
}
