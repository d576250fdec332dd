import ArgumentParser
import Foundation
import WeftAnalysis
import WeftDemos
import WeftRender
import WeftRuntime

/// `weft explore DEMO --runs N`: runs a demo under N seeds of the deterministic scheduler, tables how the runs ended,
/// saves the first trace of each distinct deadlock or failure, prints the command that replays it, and draws it.
public struct ExploreCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run a demo under many seeds of the deterministic scheduler and table the interleavings that break it.",
        discussion: """
            Run i uses seed SEED+i of the deterministic scheduler (one thread, virtual time), choosing among runnable \
            tasks uniformly at random or by PCT (probabilistic concurrency testing: random priorities with DEPTH-1 \
            change points). The table counts completed runs, deadlocks (by wait-for cycle) and failures (by error), \
            and the distinct message orders of each channel. The first run of each distinct deadlock or failure is \
            replayed with a trace, saved in weft-out/explore/ (--output-directory names another folder), with the \
            `weft run` command that replays it; -o draws the first one. Demo options follow the demo's name. \
            Exit status: 0 every run completed, 1 some run deadlocked or failed, 2 bad input, 130/143 stopped by \
            Ctrl-C or SIGTERM (the table of the runs made is printed first).
            """)

    @Argument(help: "The demo to explore (see `weft demos`).")
    var demo: String

    @Option(help: "How many seeds to run.")
    var runs = 100

    @Option(help: "random (every runnable task equally likely) or pct (probabilistic concurrency testing).")
    var strategy = "random"

    @Option(help: "The first seed; run i uses seed+i.")
    var seed: UInt64 = 0

    @Option(help: "PCT's depth d: the bug depth it targets, with d-1 priority change points (default 3; only with --strategy pct).")
    var depth: Int?

    @Option(name: [.short, .customLong("output")], help: "Draw the first deadlock or failure found: a .png, .svg or .pdf.")
    var output: String?

    @Option(help: "Where the traces of the deadlocks and failures found go.")
    var outputDirectory = TracePaths.folder + "/explore"

    @Flag(help: "Print the table as JSON.")
    var json = false

    @Argument(parsing: .allUnrecognized, help: "The demo's own options, e.g. --fixed.")
    var demoOptions: [String] = []

    public init() {}

    /// Checks the demo, its options, the strategy and the picture's format; bad input is said on standard error and
    /// exits with status 2, as the other outcomes of an exploration have their own statuses.
    public func validate() throws {
        do {
            _ = try DemoSelection(name: demo, words: demoOptions)
            guard (1...100_000_000).contains(runs) else {
                throw ValidationError("--runs must be between 1 and 100,000,000; got \(runs).")
            }
            _ = try scheduleStrategy()
            if let output {
                do { _ = try OutputFormat(path: output) } catch { throw ValidationError("-o \(output): \(error.description)") }
            }
        } catch let error as ValidationError {
            Diagnostics.error("explore", error.message)
            throw ExitCode(ExitStatus.badInput)
        }
    }

    /// The strategy that `--strategy` and `--depth` describe.
    func scheduleStrategy() throws -> ScheduleStrategy {
        let parsed: ScheduleStrategy
        do { parsed = try ScheduleStrategy(parsing: strategy) } catch { throw ValidationError(error.message) }
        guard let depth else { return parsed }
        guard case .pct = parsed else {
            throw ValidationError("--depth only applies to --strategy pct; got --strategy \(strategy).")
        }
        guard (1...100).contains(depth) else { throw ValidationError("--depth must be between 1 and 100; got \(depth).") }
        return .pct(depth: depth, steps: ReplayCommand.pctSteps)
    }

    public func run() async throws {
        let selection = try DemoSelection(name: demo, words: demoOptions)
        let strategy = try scheduleStrategy()
        let progress = ExploreProgress(label: "weft explore \(demo)")
        let stop = ExploreStop()
        let watcher = stop.watchSignals()
        var options = ExploreOptions(programName: "weft run \(demo)",
                                     arguments: selection.options.commandLine(for: selection.demo))
        options.shouldStop = { stop.signal != nil }
        options.progress = { progress.update($0) }
        let report: ExploreReport
        do {
            report = try await Weft.explore(runs: runs, strategy: strategy, seed: seed, options: options,
                                            selection.demo.program(selection.options, output: DiscardedOutput()))
        } catch {
            progress.finish()
            Diagnostics.error("explore", error.message)
            throw ExitCode(ExitStatus.badInput)
        }
        progress.finish()
        watcher?.stop()

        var problems: [String] = []
        var traces: [String?] = []
        for finding in report.findings {
            do {
                traces.append(try await FindingTrace.save(finding, selection: selection, in: outputDirectory))
            } catch {
                problems.append("could not save the trace of seed \(finding.firstSeed): \(error)")
                traces.append(nil)
            }
        }
        var picture: String?
        if let output {
            if let trace = traces.compactMap({ $0 }).first {
                do {
                    try FindingPicture.draw(trace, to: output, title: "weft explore \(demo): first \(report.findings[0].kind.rawValue), seed \(report.findings[0].firstSeed)")
                    picture = output
                } catch {
                    problems.append("could not draw \(output): \(error)")
                }
            } else {
                Diagnostics.note("explore", "nothing to draw in \(output): no run deadlocked or failed")
            }
        }

        let table = ExploreTable(selection: selection, report: report, traces: traces,
                                 stoppedBy: stop.signal?.description, picture: picture)
        print(json ? try JSONText.encode(table) : table.text, terminator: json ? "\n" : "")
        for problem in problems { Diagnostics.error("explore", problem) }
        if let signal = stop.signal { throw ExitCode(signal.exitStatus) }
        if !problems.isEmpty { throw ExitCode(ExitStatus.cannotWrite) }
        if !report.allCompleted { throw ExitCode(ExitStatus.flagged) }
    }
}
