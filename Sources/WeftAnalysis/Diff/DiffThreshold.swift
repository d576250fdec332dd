import WeftTrace

/// A regression gate for `weft diff --fail-if`: `METRIC OP CHANGE`, e.g. `wall>+10%`, `blocked>+2ms`, `divergent>0`.
///
/// - METRIC: a run row's key (`wall`, `cpu`, `cpu.user`, `cpu.system`, `tasks`, `threads`, `threads.created`,
///   `threads.peak`, `rss`, `switches`, `events`, `running`, `runnable`, `blocked`, `sleeping`), a task's metric as
///   `task:IDENTITY.METRIC` (`lifetime`, `running`, `runnable`, `blocked`, `sleeping`), or a behaviour count:
///   `divergent` (tasks whose operations differ), `reordered` (channels whose message order differs), `added`,
///   `removed` (tasks).
/// - OP: `>` (B grew by more than CHANGE) or `<` (B shrank below CHANGE, e.g. `wall<-20%`).
/// - CHANGE: a percentage of A (`+10%`, `-5%`), or an amount in the metric's unit: a duration (`+2ms`, `500us`),
///   bytes (`+64MiB`, `+100KiB`, `+10B`), or a count (`+3`).
public struct DiffThreshold: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Equatable { case greater = ">", less = "<" }
    public enum Amount: Sendable, Equatable {
        /// A percentage of A.
        case percent(Double)
        /// An amount in the metric's own unit (nanoseconds, bytes or a count).
        case absolute(Double)
    }

    public var metric: String
    public var comparison: Comparison
    public var amount: Amount
    /// The text it was parsed from.
    public var text: String

    public var description: String { text }

    /// The behaviour counts that can be gated.
    public static let behaviourMetrics = ["divergent", "reordered", "added", "removed"]

    /// Parses `METRIC OP CHANGE` (spaces allowed around each part; a task's name keeps its own spaces, as in
    /// `task:worker 1.blocked>+10%`).
    /// - Throws: `DiffError.badThreshold` naming what is wrong, including a change that is not a finite number.
    public init(parsing text: String) throws(DiffError) {
        self.text = text
        guard let opIndex = text.firstIndex(where: { $0 == ">" || $0 == "<" }) else {
            throw .badThreshold(text, "no comparison: write METRIC>CHANGE or METRIC<CHANGE, e.g. wall>+10%")
        }
        metric = String(text[..<opIndex]).trimmingSpaces
        comparison = text[opIndex] == ">" ? .greater : .less
        var value = text[text.index(after: opIndex)...].filter { $0 != " " }
        guard !metric.isEmpty else { throw .badThreshold(text, "no metric before \(comparison.rawValue)") }
        guard !value.isEmpty else { throw .badThreshold(text, "no change after \(comparison.rawValue), e.g. +10% or +2ms") }
        var sign = 1.0
        if value.hasPrefix("+") { value.removeFirst() } else if value.hasPrefix("-") { sign = -1; value.removeFirst() }
        if value.hasSuffix("%") {
            guard let p = Double(value.dropLast()), p.isFinite else { throw .badThreshold(text, "\"\(value)\" is not a percentage") }
            amount = .percent(sign * p)
            if Self.behaviourMetrics.contains(metric) {
                throw .badThreshold(text, "\(metric) is a count of differences; give a number, e.g. \(metric)>0")
            }
        } else if let n = Double(value), n.isFinite {
            amount = .absolute(sign * n)
        } else if let ns = DurationFormat.parse(value) {
            amount = .absolute(sign * Double(ns))
        } else if let bytes = Self.parseBytes(value), bytes.isFinite {
            amount = .absolute(sign * bytes)
        } else {
            throw .badThreshold(text, "\"\(value)\" is not a change: use +10%, +2ms, +64MiB or +3")
        }
    }

    static func parseBytes(_ text: String) -> Double? {
        let units: [(String, Double)] = [("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024), ("GB", 1e9), ("MB", 1e6),
                                         ("KB", 1e3), ("kB", 1e3), ("B", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let n = Double(text.dropLast(suffix.count)) else { return nil }
            return n * scale
        }
        return nil
    }

    /// Whether the diff trips this gate, with the observed change for the message.
    /// - Throws: `DiffError.badThreshold` when the metric is unknown or was not recorded by both runs.
    public func evaluate(_ diff: TraceDiff) throws(DiffError) -> (tripped: Bool, observed: String) {
        let count: Int?
        switch metric {
        case "divergent": count = diff.divergences.count
        case "reordered": count = diff.reorderedChannels.count
        case "added": count = diff.addedTasks.count
        case "removed": count = diff.removedTasks.count
        default: count = nil
        }
        if let count {
            guard case .absolute(let limit) = amount else { return (false, "\(count)") }
            let tripped = comparison == .greater ? Double(count) > limit : Double(count) < limit
            return (tripped, "\(count)")
        }
        let row = try lookup(diff)
        guard let delta = row.delta else {
            throw .badThreshold(text, "\(row.name) was not recorded by \(row.a == nil ? "A" : "B")")
        }
        switch amount {
        case .percent(let limit):
            let percent = row.percent ?? (delta > 0 ? .infinity : delta < 0 ? -.infinity : 0)
            let tripped = comparison == .greater ? percent > limit : percent < limit
            return (tripped, DiffText.percent(row.percent, delta: delta))
        case .absolute(let limit):
            let tripped = comparison == .greater ? Double(delta) > limit : Double(delta) < limit
            return (tripped, DiffText.signed(delta, row.unit))
        }
    }

    private func lookup(_ diff: TraceDiff) throws(DiffError) -> MetricDelta {
        if metric.hasPrefix("task:") {
            let rest = metric.dropFirst(5)
            // Identities may hold dots (spawn sites): a block reason's key is `blocked.REASON`, any other the last part.
            let marker = ".blocked."
            let blockedAt = rest.indices.last { rest[$0...].hasPrefix(marker) }
            let split = blockedAt ?? rest.lastIndex(of: ".")
            guard let dot = split else {
                throw .badThreshold(text, "write task:IDENTITY.METRIC, e.g. task:worker.blocked>+20%")
            }
            let identity = String(rest[..<dot]), key = String(rest[rest.index(after: dot)...])
            guard let task = diff.tasks.first(where: { $0.identity == identity }) else {
                if diff.ignoresTiming { throw .badThreshold(text, "task timing is left out by --ignore-timing") }
                throw .badThreshold(text, "no task \"\(identity)\" in both runs")
            }
            if let row = task.metric(key) ?? task.blockedByReason.first(where: { $0.key == key }) { return row }
            let reasons = BlockReason.allCases.map { "blocked.\($0)" } + ["blocked.unknown"]
            // A block reason neither run had: no time in either.
            if reasons.contains(key) { return MetricDelta(key: key, name: key, unit: .nanoseconds, a: 0, b: 0) }
            throw .badThreshold(text, "a task has no metric \"\(key)\"; use lifetime, running, runnable, blocked, "
                                + "blocked.REASON (\(BlockReason.allCases.map(\.description).joined(separator: ", "))), sleeping")
        }
        guard let row = diff.runMetric(metric) else {
            let known = (diff.run.map(\.key) + Self.behaviourMetrics).joined(separator: ", ")
            if diff.ignoresTiming && ["wall", "cpu", "cpu.user", "cpu.system", "running", "runnable", "blocked", "sleeping"].contains(metric) {
                throw .badThreshold(text, "\(metric) is timing, left out by --ignore-timing")
            }
            throw .badThreshold(text, "unknown metric \"\(metric)\"; these runs have: \(known)")
        }
        return row
    }
}

/// What went wrong comparing two runs.
public enum DiffError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A `--fail-if` expression that cannot be read or evaluated: the text and why.
    case badThreshold(String, String)

    public var description: String {
        switch self {
        case let .badThreshold(text, why): "--fail-if '\(text)': \(why)"
        }
    }
}

extension String {
    /// The string without spaces at either end.
    fileprivate var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
