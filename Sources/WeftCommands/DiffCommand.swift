import ArgumentParser
import Foundation
import WeftAnalysis
import WeftRender
import WeftTrace

/// `weft diff A B`: compares two traces task by task — timing, behaviour and message order — in text, JSON or a picture.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two traces task by task: where the time went differently, and what each task did differently.",
        discussion: """
            Tasks of A and B are matched by name (a second task of the same name is NAME#2, and so on) or, when \
            unnamed, by spawn path: the parent's identity, the spawn site and the index among its siblings of that \
            site (main/demo.swift:12[3]). Channels and mutexes are matched the same way. The report shows, most \
            important first: the run (wall and CPU time, tasks, OS threads, peak RSS, context switches, events by \
            kind) as A, B, Δ and Δ%; the tasks whose time changed most, by state; channels and mutexes; each task's \
            operations (send, receive, lock, spawn, …) and where they first diverge; and the order of messages on \
            each channel, which differs between two runs of a nondeterministic program.

            Gates for CI: --fail-if EXPR, repeatable; the exit status is 1 when one trips.
              EXPR    METRIC>CHANGE (B grew by more) or METRIC<CHANGE (B fell below)
              METRIC  wall, cpu, cpu.user, cpu.system, tasks, threads,
                      threads.created, threads.peak, rss, switches, events;
                      running, runnable, blocked, sleeping (sums over tasks);
                      task:IDENTITY.METRIC: lifetime, running, runnable,
                      blocked, blocked.REASON (e.g. blocked.receive), sleeping;
                      divergent (tasks whose operations differ), reordered
                      (channels whose message order differs), added, removed
              CHANGE  a percentage of A (+10%, -5%), a duration (+2ms, 500us),
                      bytes (+64MiB), a count (+3)
            e.g. --fail-if 'wall>+10%' --fail-if 'blocked>+20%'

            Exit status: 0 when no gate trips, 1 when one does, 2 for bad input (an unreadable trace, a bad gate \
            or option), 5 when the picture or the report cannot be written, with the problem named on standard error. Traces are .weft files, or their text form \
            (weft dump) when the name ends in .txt.
            """)

    @Argument(help: "The trace to compare from (A).")
    var a: String

    @Argument(help: "The trace to compare to (B).")
    var b: String

    @Flag(help: "Print the diff as JSON instead of text.")
    var json = false

    @Option(help: "How many tasks, objects and divergences each section shows.")
    var top = 10

    @Option(name: .customLong("fail-if"), help: "A regression gate, e.g. 'wall>+10%' (repeatable; grammar above).")
    var failIf: [String] = []

    @Flag(name: .customLong("ignore-timing"), help: "Compare counts and behaviour only, leaving every duration out.")
    var ignoreTiming = false

    @Option(name: [.short, .customLong("output")], help: "Also draw the diff: a .png, .svg or .pdf file.")
    var output: String?

    @Flag(help: "In the picture, draw both runs' timelines below the bars, on one time scale.")
    var timelines = false

    @Option(help: "Picture width in pixels.")
    var width = 1400

    @Option(help: "Picture theme: light or dark.")
    var theme = "light"

    init() {}

    /// Prints `message` as weft diff's error and returns exit status 2.
    static func badInput(_ message: String) -> ExitCode {
        Diagnostics.error("diff", message)
        return ExitCode(2)
    }

    func validate() throws {
        _ = try gates()
        guard top >= 1 else { throw Self.badInput("--top must be at least 1 (got \(top))") }
        if let output {
            do { _ = try OutputFormat(path: output) } catch { throw Self.badInput(error.description) }
            guard (RenderOptions.minimumWidth...8_000).contains(width) else {
                throw Self.badInput("--width must be between \(RenderOptions.minimumWidth) and 8000 pixels (got \(width))")
            }
            guard Theme.named(theme) != nil else { throw Self.badInput("--theme must be light or dark (got '\(theme)')") }
        } else if timelines {
            throw Self.badInput("--timelines draws into the picture: give -o diff.png as well")
        }
    }

    /// The parsed `--fail-if` gates.
    func gates() throws -> [DiffThreshold] {
        var gates: [DiffThreshold] = []
        for text in failIf {
            do { gates.append(try DiffThreshold(parsing: text)) } catch { throw Self.badInput(error.description) }
        }
        return gates
    }

    func run() throws {
        let gates = try gates()
        // The timelines draw both whole models; standard input cannot be read twice. Otherwise each trace is read
        // once for the diff keeping no per-event lists, and the picture takes what it says of each run from one
        // model at a time, built for a picture: past its budget its lanes stop growing with the events.
        let whole = timelines || (output != nil && (a == "-" || b == "-"))
        let runs = whole ? try TraceLoader.tracedRuns([a, b], command: "diff") : try TraceLoader.digests([a, b], command: "diff")
        let (runA, runB) = (runs[0], runs[1])
        let diff = TraceDiff(a: runA, b: runB, nameA: a, nameB: b, ignoreTiming: ignoreTiming)

        var results: [GateResult] = []
        for gate in gates {
            do {
                let (tripped, observed) = try gate.evaluate(diff)
                results.append(GateResult(gate: gate.text, tripped: tripped, observed: observed))
            } catch {
                throw Self.badInput(error.description)
            }
        }

        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(DiffJSON(diff: diff, gates: results))
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(DiffReport(top: top).render(diff), terminator: "")
            if !results.isEmpty {
                print("\ngates")
                for r in results { print("  \(r.tripped ? "FAIL" : "ok  ")  \(r.gate)  (observed \(r.observed))") }
            }
        }

        if let output {
            do {
                let target = try OutputFile(output, inputs: [a, b], what: "picture")
                var options = DiffPictureOptions(width: width, theme: Theme.named(theme) ?? .light, top: top)
                options.timelines = timelines
                // One program under both: say once what it does. Two programs: each run's line names its own.
                if runA.timeline.run.program == runB.timeline.run.program {
                    options.description = ProgramDescription.traced(runA.timeline.run, runB.timeline.run)
                }
                if whole {
                    try DiffRenderer.render(diff, a: runA.timeline, b: runB.timeline, to: target.partialPath, options: options)
                } else {
                    let sideA = DiffSide(try TraceLoader.timeline(a, command: "diff", warns: false, detail: PictureDetail()))
                    let sideB = DiffSide(try TraceLoader.timeline(b, command: "diff", warns: false, detail: PictureDetail()))
                    try DiffRenderer.render(diff, a: sideA, b: sideB, to: target.partialPath, options: options)
                }
                try target.commit()
            } catch let error as OutputError {
                Diagnostics.error("diff", error.description)
                throw ExitCode(error.status)
            } catch let error as RenderError {
                Diagnostics.error("diff", "\(error)")
                throw ExitCode(error.isInputProblem ? ExitStatus.badInput : ExitStatus.cannotWrite)
            }
            if !json { print("wrote \(output)") }
        }

        let tripped = results.filter(\.tripped)
        if !tripped.isEmpty {
            let list = tripped.map { "'\($0.gate)' (observed \($0.observed))" }.joined(separator: ", ")
            Diagnostics.note("diff", "gate tripped: \(list)")
            throw ExitCode(1)
        }
    }
}

/// One `--fail-if` gate's outcome.
struct GateResult: Codable, Equatable {
    var gate: String
    var tripped: Bool
    var observed: String
}

/// What `weft diff --json` prints.
struct DiffJSON: Codable {
    var diff: TraceDiff
    var gates: [GateResult]
}
