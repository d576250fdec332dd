/// How much a lint's findings matter, in the manner of clippy's and golangci-lint's levels: an error fails
/// `weft check` (exit 1), a warning is printed and passes unless `--strict`, an allowed lint is not run.
public enum LintLevel: String, Sendable, Codable, Comparable, CaseIterable {
    case allow, warning, error

    public static func < (a: LintLevel, b: LintLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// The level of each lint unless told otherwise: what is certainly wrong (a deadlock, a leak, a run that failed
    /// or ended without its end) is an error; what is often deliberate (a lock held across a sleep, a long slice,
    /// a task kept waiting) is a warning.
    static let defaults: [String: LintLevel] = [
        "deadlock": .error,
        "leak": .error,
        "outcome": .error,
        "lock-across-block": .warning,
        "starvation": .warning,
        "never-yields": .warning,
    ]
}

extension Lint {
    /// The level of this lint's findings unless `--allow`, `--warn`, `--deny` or `--strict` say otherwise.
    public var defaultLevel: LintLevel { LintLevel.defaults[name] ?? .warning }
}
