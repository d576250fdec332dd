import WeftTrace

/// One diagnostic: a type that checks a timeline, words each finding, and says in a line what it looks for.
public protocol Lint: Sendable {
    /// What one finding holds.
    associatedtype Finding: Sendable
    /// The lint's short name, as printed and as used in JSON (`deadlock`, `leak`, …).
    var name: String { get }
    /// One line on what it looks for.
    var summary: String { get }
    /// Every finding in `timeline`, in time order.
    func check(_ timeline: Timeline) -> [Finding]
    /// The findings of a trace read in one pass, in the order `check` gives them: all of them, or the earliest
    /// `trace.detailLimit` when the lint can have one per event; and how many there are in all.
    func findings(in trace: CheckedTrace) -> (first: [Finding], count: Int)
    /// The finding for a person, in one or a few lines.
    func message(_ finding: Finding, in timeline: Timeline) -> String
    /// The tasks a finding is about (for JSON and for the renderer to highlight).
    func tasks(of finding: Finding) -> [TaskID]
    /// When the finding's trouble began.
    func time(of finding: Finding) -> UInt64
}

/// A lint finding in a form common to every lint: what `weft check` prints and encodes.
public struct LintResult: Sendable, Equatable, Codable {
    public var lint: String
    public var message: String
    /// Raw ids of the tasks involved.
    public var tasks: [UInt64]
    /// When it began (ns since trace start).
    public var time: UInt64

    public init(lint: String, message: String, tasks: [UInt64], time: UInt64) {
        self.lint = lint
        self.message = message
        self.tasks = tasks
        self.time = time
    }
}

extension Lint {
    /// How many findings there are, and the first `limit` of them worded: what a text report prints, without the
    /// cost of wording findings nobody reads (a million-task trace can have a million).
    public func run(_ timeline: Timeline, wording limit: Int) -> (results: [LintResult], count: Int) {
        let findings = check(timeline)
        let results = findings.prefix(Swift.max(limit, 0)).map { finding in
            LintResult(lint: name, message: message(finding, in: timeline), tasks: tasks(of: finding).map(\.rawValue),
                       time: time(of: finding))
        }
        return (results, findings.count)
    }

    /// Every finding, worded.
    public func run(_ timeline: Timeline) -> [LintResult] {
        check(timeline).map { finding in
            LintResult(lint: name, message: message(finding, in: timeline), tasks: tasks(of: finding).map(\.rawValue),
                       time: time(of: finding))
        }
    }
}

/// The thresholds of the lints that have one.
public struct LintThresholds: Sendable, Equatable {
    /// A task runnable longer than this while others ran is starved.
    public var starvation: UInt64
    /// A run slice longer than this never yielded.
    public var longSlice: UInt64

    public init(starvation: UInt64 = 10_000_000, longSlice: UInt64 = 10_000_000) {
        self.starvation = starvation
        self.longSlice = longSlice
    }
}

/// Every lint `weft check` runs, in order.
public func allLints(_ thresholds: LintThresholds = LintThresholds()) -> [any Lint] {
    [RunOutcomeLint(), DeadlockLint(), LeakLint(), LockAcrossBlockLint(), StarvationLint(threshold: thresholds.starvation),
     LongSliceLint(threshold: thresholds.longSlice)]
}
