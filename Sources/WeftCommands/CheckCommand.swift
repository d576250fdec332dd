import ArgumentParser
import WeftAnalysis
import WeftTrace

/// `weft check FILE`: runs every lint; exit 0 when no error-level lint fires, 1 when one does, 2 on bad input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Look for concurrency problems in a .weft trace: deadlocks, leaks, locks held across blocks, starvation.",
        discussion: "Lints (level in brackets):\n"
            + allLints().map { "  \($0.name) [\($0.defaultLevel.rawValue)]: \($0.summary)" }.joined(separator: "\n")
            + "\nErrors make the exit status 1; warnings are printed and leave it 0 unless --strict. --allow LINT "
            + "leaves a lint out, --warn LINT makes it a warning, --deny LINT an error (each repeatable).\n"
            + "Exit status: 0 no error-level finding, 1 at least one, 2 the trace cannot be read, 5 the report cannot be written."
    )

    @Argument(help: "The trace to read; - reads standard input.")
    var file: String

    @Flag(name: .long, help: "Print JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Report a task runnable for longer than this while others ran (e.g. 10ms, 500us).")
    var starvation = DurationOption(nanoseconds: LintThresholds().starvation)

    @Option(name: .long, help: "Report a run slice longer than this: the task held its thread without awaiting.")
    var neverYields = DurationOption(nanoseconds: LintThresholds().longSlice)

    @Option(name: .long, help: "Print at most this many findings per lint (JSON: at most this many or 1000, whichever is more; the counts are always exact).")
    var limit = 10

    /// How many findings of a lint JSON lists at the least.
    static let jsonFindings = 1000

    @Flag(name: .long, help: "Treat warnings as errors: any finding makes the exit status 1.")
    var strict = false

    @Option(name: .long, help: "Leave this lint out (repeatable).")
    var allow: [String] = []

    @Option(name: .long, help: "Make this lint's findings warnings (repeatable).")
    var warn: [String] = []

    @Option(name: .long, help: "Make this lint's findings errors (repeatable).")
    var deny: [String] = []

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        let names = Set(allLints().map(\.name))
        for (option, lints) in [("--allow", allow), ("--warn", warn), ("--deny", deny)] {
            for lint in lints where !names.contains(lint) {
                throw ValidationError("\(option) \(lint): no such lint; the lints are \(allLints().map(\.name).joined(separator: ", "))")
            }
        }
    }

    /// Each lint's level after the defaults, `--allow`, `--warn`, `--deny` and `--strict` (later kinds win).
    func level(of lint: any Lint) -> LintLevel {
        var level = lint.defaultLevel
        if allow.contains(lint.name) { level = .allow }
        if warn.contains(lint.name) { level = .warning }
        if deny.contains(lint.name) { level = .error }
        if strict, level == .warning { level = .error }
        return level
    }

    func run() throws {
        let (text, status) = try report()
        print(text, terminator: "")
        if status != 0 { throw ExitCode(status) }
    }

    /// What `run` prints, and the exit status: 1 when an error-level lint fired, else 0.
    /// - Throws: `ExitCode(2)` when the trace cannot be read (the error is on standard error).
    func report() throws -> (text: String, status: Int32) {
        let thresholds = LintThresholds(starvation: starvation.nanoseconds, longSlice: neverYields.nanoseconds)
        // Each lint keeps and words only the findings that are printed; the counts are exact.
        let shown = json ? max(limit, Self.jsonFindings) : limit
        let trace = try TraceLoader.checked(file, command: "check", thresholds: thresholds, detailLimit: shown)
        let lints = allLints(thresholds).filter { level(of: $0) != .allow }
        var findings: [CheckJSON.Finding] = []
        var counts: [(lint: any Lint, level: LintLevel, count: Int)] = []
        for lint in lints {
            let level = level(of: lint)
            let found = lint.run(trace, wording: shown)
            findings += found.results.map { CheckJSON.Finding($0, level: level) }
            counts.append((lint, level, found.count))
        }
        let errors = counts.filter { $0.level == .error }.reduce(0) { $0 + $1.count }
        let warnings = counts.filter { $0.level == .warning }.reduce(0) { $0 + $1.count }
        let status: Int32 = errors > 0 ? ExitStatus.flagged : 0
        if json {
            let output = CheckJSON(file: file, clean: errors + warnings == 0, errors: errors, warnings: warnings, findings: findings,
                                   lints: counts.map { count in
                                       .init(name: count.lint.name, summary: count.lint.summary, level: count.level, findings: count.count,
                                             shown: findings.filter { $0.lint == count.lint.name }.count)
                                   })
            return (try JSONText.encode(output) + "\n", status)
        }
        var text = ""
        for (lint, level, count) in counts where count > 0 {
            let mine = findings.filter { $0.lint == lint.name }
            text += mine.prefix(limit).map { "\(level == .error ? "error" : "warning"): \($0.message)\n" }.joined()
            if count > limit { text += "… first \(limit) of \(count) \(lint.name) findings shown (use --limit or --json for more)\n" }
        }
        if errors + warnings == 0 {
            text += "\(file): clean (\(lints.map(\.name).joined(separator: ", ")))\n"
        } else {
            func list(_ level: LintLevel) -> String {
                counts.filter { $0.level == level && $0.count > 0 }.map { "\($0.lint.name) \($0.count)" }.joined(separator: ", ")
            }
            var parts: [String] = []
            if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s") (\(list(.error)))") }
            if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s") (\(list(.warning)))") }
            text += "\(file): \(parts.joined(separator: ", "))\n"
        }
        return (text, status)
    }
}

/// What `weft check --json` prints.
struct CheckJSON: Encodable {
    /// One finding with its level.
    struct Finding: Encodable {
        var lint: String
        var level: LintLevel
        var message: String
        /// Raw ids of the tasks involved.
        var tasks: [UInt64]
        /// When it began (ns since trace start).
        var time: UInt64

        init(_ result: LintResult, level: LintLevel) {
            lint = result.lint
            self.level = level
            message = result.message
            tasks = result.tasks
            time = result.time
        }
    }
    /// One lint: its level and how many findings it had.
    struct LintCount: Encodable {
        var name: String
        var summary: String
        var level: LintLevel
        /// How many findings the lint had, and how many of them are listed (the first, in time order).
        var findings: Int
        var shown: Int
    }
    var file: String
    /// No finding at all.
    var clean: Bool
    /// Findings of error level (any makes the exit status 1) and of warning level.
    var errors: Int
    var warnings: Int
    var findings: [Finding]
    var lints: [LintCount]
}
