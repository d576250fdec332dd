/// How the deterministic scheduler chooses among runnable tasks.
public enum ScheduleStrategy: Sendable, Equatable, CustomStringConvertible {
    /// Every runnable task is equally likely at every step.
    case random
    /// Probabilistic concurrency testing (Burckhardt et al. 2010): random task priorities with `depth - 1` priority
    /// change points drawn from the first `steps` scheduling steps; finds a bug of depth `depth` with a known
    /// probability (at least 1 / (tasks · steps^(depth-1)) per run).
    case pct(depth: Int, steps: Int)

    /// PCT with depth 3 over an estimated 1,000 steps.
    public static let pctDefault = ScheduleStrategy.pct(depth: 3, steps: 1_000)

    /// Parses "random" or "pct" (optionally "pct:DEPTH").
    /// - Throws: `.badConfiguration` for anything else.
    public init(parsing text: String) throws(RuntimeError) {
        let lowered = text.lowercased()
        if lowered == "random" {
            self = .random
        } else if lowered == "pct" {
            self = .pctDefault
        } else if lowered.hasPrefix("pct:"), let depth = Int(lowered.dropFirst(4)), depth >= 1 {
            self = .pct(depth: depth, steps: 1_000)
        } else {
            throw RuntimeError(kind: .badConfiguration,
                               message: "unknown strategy \"\(text)\": use \"random\", \"pct\" or \"pct:DEPTH\" (DEPTH from 1)")
        }
    }

    /// "random" or "pct".
    public var name: String {
        switch self {
        case .random: "random"
        case .pct: "pct"
        }
    }

    public var description: String {
        switch self {
        case .random: "random"
        case .pct(let depth, let steps): "pct(depth \(depth), \(steps) steps)"
        }
    }
}
