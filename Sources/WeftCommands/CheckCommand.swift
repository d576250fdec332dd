import ArgumentParser
import WeftAnalysis
import WeftTrace

/// `weft check FILE`: runs every lint; exit 0 clean, 1 when a lint fires, 2 on bad input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Look for concurrency problems in a .weft trace: deadlocks, leaks, locks held across blocks, starvation.",
        discussion: "Lints:\n" + allLints().map { "  \($0.name): \($0.summary)" }.joined(separator: "\n")
            + "\nExit status: 0 when no lint fires, 1 when one does, 2 when the trace cannot be read."
    )

    @Argument(help: "The trace to read; - reads standard input.")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Report a task runnable for longer than this while others ran (e.g. 10ms, 500us).")
    var starvation = DurationOption(nanoseconds: LintThresholds().starvation)

    @Option(name: .long, help: "Report a run slice longer than this: the task held its thread without awaiting.")
    var neverYields = DurationOption(nanoseconds: LintThresholds().longSlice)

    @Option(name: .long, help: "Print at most this many findings per lint (JSON always has them all).")
    var limit = 10

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let (text, clean) = try report()
        print(text, terminator: "")
        if !clean { throw ExitCode(1) }
    }

    /// What `run` prints, and whether no lint fired.
    /// - Throws: `ExitCode(2)` when the trace cannot be read (the error is on standard error).
    func report() throws -> (text: String, clean: Bool) {
        let timeline = try TraceLoader.timeline(file, command: "check")
        let lints = allLints(LintThresholds(starvation: starvation.nanoseconds, longSlice: neverYields.nanoseconds))
        var results: [LintResult] = []
        var counts: [(lint: any Lint, count: Int)] = []
        for lint in lints {
            // JSON has every finding; text words only the ones it prints.
            let found: (results: [LintResult], count: Int)
            if json {
                let all = lint.run(timeline)
                found = (all, all.count)
            } else {
                found = lint.run(timeline, wording: limit)
            }
            results += found.results
            counts.append((lint, found.count))
        }
        let total = counts.reduce(0) { $0 + $1.count }
        if json {
            let output = CheckJSON(file: file, clean: results.isEmpty, findings: results,
                                   lints: counts.map { .init(name: $0.lint.name, summary: $0.lint.summary, findings: $0.count) })
            return (try JSONText.encode(output) + "\n", results.isEmpty)
        }
        var text = ""
        for (lint, count) in counts where count > 0 {
            let mine = results.filter { $0.lint == lint.name }
            text += mine.prefix(limit).map { $0.message + "\n" }.joined()
            if count > limit { text += "… \(count - limit) more \(lint.name) findings (use --limit or --json)\n" }
        }
        if total == 0 {
            text += "\(file): clean (\(lints.map(\.name).joined(separator: ", ")))\n"
        } else {
            let fired = counts.filter { $0.count > 0 }.map { "\($0.lint.name) \($0.count)" }.joined(separator: ", ")
            text += "\(file): \(total) finding\(total == 1 ? "" : "s") (\(fired))\n"
        }
        return (text, total == 0)
    }
}

/// What `weft check --json` prints.
struct CheckJSON: Encodable {
    struct LintCount: Encodable {
        var name: String
        var summary: String
        var findings: Int
    }
    var file: String
    var clean: Bool
    var findings: [LintResult]
    var lints: [LintCount]
}
