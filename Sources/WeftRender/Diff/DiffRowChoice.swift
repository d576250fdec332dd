import WeftAnalysis

/// Which matched tasks the diff picture gives a row, so that the rows stand for the distribution of the tasks'
/// changes in lifetime (B − A) rather than for its largest few: every task when `top` rows hold them all, else the
/// five-number summary of the changes (the largest increase, the upper quartile, the median, the lower quartile, the
/// largest decrease; fewer for a smaller `top`), each row labelled with what it stands for. Rows go from the largest
/// increase down to the largest decrease.
struct DiffRowChoice {
    /// One drawn task and the place in the distribution it stands for ("median"); nil when every task is drawn.
    struct Row {
        var task: TaskDelta
        var rank: String?
    }

    /// The drawn rows, largest increase first.
    let rows: [Row]
    /// The changes in lifetime (ns, B − A) of the matched tasks not drawn, largest increase first.
    let hidden: [Int64]
    /// How many tasks were matched.
    let total: Int

    /// The change in lifetime (B − A) of `task`, in ns; 0 when either run lacks it.
    static func change(_ task: TaskDelta) -> Int64 { task.metric("lifetime")?.delta ?? 0 }

    /// The places in the distribution a picture of `top` rows shows when the tasks do not all fit, as fractions of
    /// the way from the largest increase (0) to the largest decrease (1).
    static func places(top: Int) -> [(fraction: Double, name: String)] {
        switch top {
        case ...1: [(0.5, "median")]
        case 2: [(0, "largest increase"), (1, "largest decrease")]
        case 3, 4: [(0, "largest increase"), (0.5, "median"), (1, "largest decrease")]
        default: [(0, "largest increase"), (0.25, "upper quartile"), (0.5, "median"), (0.75, "lower quartile"),
                  (1, "largest decrease")]
        }
    }

    /// The rows for `tasks` in a picture of at most `top` of them.
    init(tasks: [TaskDelta], top: Int) {
        let sorted = tasks.sorted {
            let (a, b) = (Self.change($0), Self.change($1))
            return a != b ? a > b : $0.identity < $1.identity
        }
        total = sorted.count
        guard sorted.count > top else {
            rows = sorted.map { Row(task: $0, rank: nil) }
            hidden = []
            return
        }
        var picked: [Int: String] = [:]
        for place in Self.places(top: top) {
            // The median of an even count is the lower-ranked of the middle two, as `Spread` takes it.
            let index = place.fraction == 0.5 ? (sorted.count - 1) / 2
                : Int((Double(sorted.count - 1) * place.fraction).rounded())
            if picked[index] == nil { picked[index] = place.name }
        }
        rows = picked.keys.sorted().map { Row(task: sorted[$0], rank: picked[$0]) }
        hidden = sorted.indices.filter { picked[$0] == nil }.map { Self.change(sorted[$0]) }
    }

    /// Whether some matched tasks have no row.
    var isSample: Bool { !hidden.isEmpty }

    /// The line above the rows that says how they were chosen: "Rows: the whole run, then all 3 matched tasks, from
    /// the largest increase in lifetime (B − A) to the largest decrease." or "Rows: the whole run, then 5 of the 1,001
    /// matched tasks, chosen by their change in lifetime (B − A): the largest increase, the upper quartile, the
    /// median, the lower quartile and the largest decrease."
    var heading: String {
        guard isSample else {
            if total == 1 { return "Rows: the whole run, then the one matched task." }
            return "Rows: the whole run, then all \(Format.count(total)) matched tasks, from the largest increase in "
                + "lifetime (B − A) to the largest decrease."
        }
        let names = rows.compactMap(\.rank).map { "the " + $0 }
        let list = names.count > 1 ? names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
            : names.joined()
        return "Rows: the whole run, then \(Format.count(rows.count)) of the \(Format.count(total)) matched tasks, "
            + "chosen by their change in lifetime (B − A): \(list)."
    }

    /// The line under the rows about the tasks without one: "996 more matched tasks: changes in lifetime from
    /// −10.6 ms to −10.2 ms, median −10.4 ms (--top 1001 draws every task)"; nil when every task has a row.
    var hiddenLine: String? {
        guard let first = hidden.first, let last = hidden.last else { return nil }
        let median = hidden[(hidden.count - 1) / 2]
        let what = hidden.count == 1
            ? "1 more matched task: change in lifetime \(DiffText.signed(first, .nanoseconds))"
            : "\(Format.count(hidden.count)) more matched tasks: changes in lifetime from "
                + "\(DiffText.signed(last, .nanoseconds)) to \(DiffText.signed(first, .nanoseconds)), "
                + "median \(DiffText.signed(median, .nanoseconds))"
        return what + " (--top \(total) draws every task)"
    }
}
