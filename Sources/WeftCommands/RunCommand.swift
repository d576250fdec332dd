import ArgumentParser
import Foundation
import WeftDemos
import WeftRuntime
import WeftTrace
import WeftAnalysis

/// `weft run DEMO`: runs one demo under one scheduler, prints its output, writes its trace, and sums up the run.
public struct RunCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one demo, or a program of your own, under one scheduler and write its trace.",
        discussion: """
            Demo options follow the demo's name, e.g. `weft run io-bound --tasks 1000 --scheduler thread-per-task`.
            `weft demos --verbose` lists every demo's options. The trace goes to weft-out/DEMO-SCHEDULER.weft unless -o says
            otherwise; it is written beside its name and renamed into place when complete. Exit status: 0 completed,
            1 the program failed, 2 bad input, 3 deadlock, 4 thread limit, 5 the trace could not be written, 130/143
            stopped by Ctrl-C/SIGTERM: the program's tasks are cancelled, and its trace (ending "stopped") and summary
            are still written; a second Ctrl-C ends it at once.
            `weft run --exec PROGRAM -- ARGS…` runs a program of your own instead, as a child process with
            WEFT_SCHEDULER, WEFT_WORKERS and WEFT_TRACE set: it must call Weft.run or Weft.trace (one that does not is
            told so, and no trace is kept). Its trace goes to weft-out/PROGRAM-SCHEDULER.weft unless -o says
            otherwise; the summary is read from the trace and the kernel's counters of the child.
            """)

    @Argument(help: "The demo to run (see `weft demos`); with --exec, the program's first argument.")
    var demo: String?

    @Option(help: "Run this program of your own (it calls Weft.run or Weft.trace) instead of a demo; its arguments follow --.")
    var exec: String?

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
        if let exec {
            try ExternalProgram.validate(exec)
            if noTrace { throw ValidationError("--no-trace does not apply to --exec: the program's trace is what weft reads.") }
            if maxThreads != nil { throw ValidationError("--max-threads applies to demos only, not to --exec.") }
        } else {
            guard let demo else { throw ValidationError("Name a demo (see `weft demos`) or give --exec PROGRAM.") }
            _ = try DemoSelection(name: demo, words: demoOptions)
        }
        _ = try SchedulerChoice.parse(scheduler, workers: workers, seed: seed, strategy: strategy)
        if let maxThreads, maxThreads < 1 { throw ValidationError("--max-threads must be at least 1; got \(maxThreads).") }
        if noTrace, output != nil { throw ValidationError("--no-trace and -o contradict each other; give one.") }
        if output == "-" {
            throw ValidationError("-o - would mix the trace with the program's output on standard output; give a file name, e.g. -o run.weft.")
        }
    }

    public func run() async throws {
        if let exec {
            try runExternal(ExternalProgram(path: exec, arguments: (demo.map { [$0] } ?? []) + demoOptions))
            return
        }
        guard let demo else { throw ValidationError("Name a demo (see `weft demos`) or give --exec PROGRAM.") }
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

    /// `--exec`: runs the program once under the chosen scheduler, keeps its trace, and sums it up as for a demo.
    private func runExternal(_ program: ExternalProgram) throws {
        let kind = try SchedulerChoice.parse(scheduler, workers: workers, seed: seed, strategy: strategy)
        let target: OutputFile
        do {
            target = try OutputFile(output ?? "\(TracePaths.folder)/\(program.name)-\(kind.name).weft", what: "trace",
                                    createFolder: true)
        } catch {
            Diagnostics.error("run", error.description)
            throw ExitCode(error.status)
        }
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try program.run(kind, tracePath: target.partialPath, quiet: reportJson)
        } catch {
            target.discard()
            Diagnostics.error("run", "could not start \(program.path): \(error)")
            throw ExitCode(1)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target.partialPath)[.size] as? NSNumber)??.intValue
        guard let size, size > 0 else {
            target.discard()
            Diagnostics.error("run", program.noTraceMessage(status: outcome.status))
            throw ExitCode(1)
        }
        do { try target.commit() } catch {
            Diagnostics.error("run", error.description)
            throw ExitCode(error.status)
        }
        let timeline = try TraceLoader.timeline(target.path, command: "run")
        let report = ExternalProgram.report(timeline, scheduler: kind, tracePath: target.path)
        let message = report.outcome == .completed ? nil : (timeline.run.message.isEmpty ? "\(report.outcome)" : timeline.run.message)
        if reportJson {
            var measurement = RunMeasurement(demo: program.name, arguments: program.arguments, report: report,
                                             message: message,
                                             // Memory before the program's tasks: its trace's first sample. Its address
                                             // space before the run is not known.
                                             baselineResidentBytes: timeline.run.counter(.residentBytes)?.points.first?.value,
                                             baselineVirtualBytes: nil)
            measurement.usage = outcome.usage
            measurement.meanSpawnNanoseconds = nil  // the program's own runtime measured it, and keeps it
            // The program's own peak, recorded in its trace: the kernel's peak for a child also counts the memory of
            // this process it was spawned from, before its exec.
            if let peak = timeline.run.peakResidentBytes { measurement.usage.peakResidentBytes = peak }
            try RunMeasurement.print(measurement)
        } else {
            print(RunSummary.text(demo: program.name, report: report))
        }
        switch report.outcome {
        case .completed:
            if outcome.status != 0 {
                Diagnostics.error("run", "\(program.name) exited with status \(outcome.status)")
                throw ExitCode(1)
            }
        case .deadlocked:
            if let message { Diagnostics.error("run", "\(program.name) deadlocked: \(message)") }
            throw ExitCode(3)
        case .threadLimit:
            if let message { Diagnostics.error("run", "\(program.name) hit the thread limit: \(message)") }
            throw ExitCode(4)
        case .failed, .stopped:
            if let message { Diagnostics.error("run", "\(program.name): \(message)") }
            throw ExitCode(1)
        }
    }
}
