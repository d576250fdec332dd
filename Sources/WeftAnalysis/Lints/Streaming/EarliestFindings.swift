/// The first `limit` findings of a lint in a given order, and how many there were in all: a lint's detail held in
/// memory that does not grow with the findings (a million-task trace can have a million).
///
/// Findings may arrive in any order; the kept ones are the `limit` least by `precedes`. The buffer grows to twice the
/// limit before it is sorted and cut, and once cut, a finding that does not precede the last one kept is only
/// counted, so each finding costs O(1) on average when most come too late. `StatsReport` picks the top rows of a
/// table with it in the same way, without sorting every row.
struct EarliestFindings<Finding: Sendable>: Sendable {
    /// How many are kept.
    let limit: Int
    /// Every finding seen, kept or not.
    private(set) var count = 0
    private var kept: [Finding] = []
    /// The last one kept at the last cut, once `limit` were kept: a finding that does not precede it is not kept.
    private var bound: Finding?
    private let precedes: @Sendable (Finding, Finding) -> Bool

    init(limit: Int, by precedes: @escaping @Sendable (Finding, Finding) -> Bool) {
        self.limit = max(limit, 0)
        self.precedes = precedes
    }

    /// Counts `finding` and keeps it if it is among the first `limit` so far.
    mutating func add(_ finding: Finding) {
        count += 1
        guard limit > 0 else { return }
        if let bound, !precedes(finding, bound) { return }
        kept.append(finding)
        if kept.count >= 2 * limit { trim() }
    }

    /// The kept findings, in order: the first `min(limit, count)` of all.
    var first: [Finding] {
        var copy = self
        copy.trim()
        return copy.kept
    }

    /// How many findings are held now (for the retained-state figure).
    var held: Int { kept.count }

    private mutating func trim() {
        kept.sort(by: precedes)
        if kept.count > limit { kept.removeLast(kept.count - limit) }
        if kept.count == limit { bound = kept.last }
    }
}
