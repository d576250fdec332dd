import ArgumentParser
import Foundation
import WeftDemos
import WeftRuntime

/// `weft run DEMO`: runs one demo under one scheduler, prints its output, writes its trace, and sums up the run.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one demo under one scheduler and write its trace.",
        discussion: """
            Demo options follow the demo's name, e.g. `weft run io-bound --tasks 1000 --scheduler thread-per-task`.
            `weft demos --verbose` lists every demo's options. The trace goes to weft-out/DEMO-SCHEDULER.weft unless -o says
            otherwise; it is written beside its name and renamed into place when complete. Exit status: 0 completed,
            1 the program failed, 2 bad input, 3 deadlock, 4 thread limit, 5 the trace could not be written, 130/143
            stopped by Ctrl-C/SIGTERM: the program's tasks are cancelled, and its trace (ending "stopped") and summary
            are still written; a second Ctrl-C ends it at once.
            """)

    @Argument(help: "The demo to run (see `weft demos`).")
    var demo: String

    @Option(help: "multiplexed, thread-per-task or deterministic (default: $WEFT_SCHEDULER, else multiplexed).")
    var scheduler: String?

    @Option(help: "The deterministic scheduler's seed: the same seed replays the same run (default: $WEFT_SEED, else 0).")
    var seed: UInt64?

    @Option(help: "How the deterministic scheduler picks among runnable tasks: random, pct or pct:DEPTH (default random); `weft explore` prints it in its replay command.")
    var strategy: String?

    @Option(help: "Worker threads of the multiplexed scheduler (default: one per core).")
    var workers: Int?

    @Option(name: [.short, .customLong("output")], help: "Where to write the trace (default weft-out/DEMO-SCHEDULER.weft).")
    var output: String?

    @Option(help: "Cap the OS threads the scheduler may create, to meet the thread limit without exhausting the machine.")
    var maxThreads: Int?

    @Flag(help: "Record no trace.")
    var noTrace = false

    @Flag(help: "Print one JSON object with the run's measurements instead of the demo's output and summary.")
    var reportJson = false

    @Argument(parsing: .allUnrecognized, help: "The demo's own options, e.g. --tasks 1000.")
    var demoOptions: [String] = []

    public init() {}

    public func validate() throws {
        _ = try DemoSelection(name: demo, words: demoOptions)
        _ = try SchedulerChoice.parse(scheduler, workers: workers, seed: seed, strategy: strategy)
        if let maxThreads, maxThreads < 1 { throw ValidationError("--max-threads must be at least 1; got \(maxThreads).") }
        if noTrace, output != nil { throw ValidationError("--no-trace and -o contradict each other; give one.") }
        if output == "-" {
            throw ValidationError("-o - would mix the trace with the program's output on standard output; give a file name, e.g. -o run.weft.")
        }
    }

    public func run() async throws {
        let selection = try DemoSelection(name: demo, words: demoOptions)
        let kind = try SchedulerChoice.parse(scheduler, workers: workers, seed: seed, strategy: strategy)
        let target: OutputFile?
        do {
            target = noTrace ? nil : try OutputFile(output ?? TracePaths.run(selection, scheduler: kind), what: "trace", createFolder: true)
        } catch {
            Diagnostics.error("run", error.description)
            throw ExitCode(error.status)
        }
        let tracePath = target?.partialPath
        let sink: any DemoOutput = reportJson ? DiscardedOutput() : StandardOutput()
        let arguments = selection.options.commandLine(for: selection.demo)
        let baseline = ProcessUsage.residentBytesNow()
        let baselineVirtual = ProcessUsage.virtualBytesNow()

        // Ctrl-C or SIGTERM stops the program through the runtime, so that its trace, summary and exit status are
        // still written; a second Ctrl-C ends the process at once. Without the watcher the signals kill as usual.
        let stop = RunStop()
        let watcher = try? SignalWatcher { signal in stop.request("stopped by \(signal)") }
        var report: RunReport?
        let failure: RuntimeError?
        do {
            report = try await selection.demo.run(selection.options, scheduler: kind, tracePath: tracePath, output: sink,
                                                       maxThreads: maxThreads, stop: stop)
            failure = nil
        } catch {
            report = error.report
            failure = error
        }
        watcher?.stop()
        let signal = watcher?.received
        // The finished trace (the runtime flushed it, whatever the outcome) replaces any earlier one in one step.
        if let target {
            if failure?.kind == .trace {
                target.discard()
            } else {
                do { try target.commit() } catch {
                    Diagnostics.error("run", error.description)
                    throw ExitCode(error.status)
                }
            }
            report?.tracePath = target.path
        }

        if reportJson {
            if let report {
                let measurement = RunMeasurement(
                    demo: demo, arguments: arguments, report: report, message: failure?.message,
                    baselineResidentBytes: baseline, baselineVirtualBytes: baselineVirtual)
                try RunMeasurement.print(measurement)
            }
        } else if let report {
            print(RunSummary.text(demo: demo, report: report))
        }
        if let failure {
            Diagnostics.error(RunFailure.describe(failure, demo: selection.demo, options: selection.options))
            throw ExitCode(RunFailure.exitStatus(failure, signal: signal))
        }
    }
}
