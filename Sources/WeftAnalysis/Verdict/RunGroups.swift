/// One scheduler's repeated runs split in two clearly separated groups of wall times: some runs fast, some slow, with
/// a gap between them wider than either group, as when one preemption or a slow thread start-up hits some runs and
/// not others. A median then stands for one group and hides the other, so the verdict and the runs strip say so.
///
/// Clearly separated means: at least 4 runs, at least 2 in each group, and a gap between the groups' nearest runs at
/// least `gapOverWidth` times the wider group's own range and at least `gapShare` of the faster group's slowest run.
public struct RunGroups: Sendable, Equatable {
    /// The faster group's and the slower group's wall times (ns), each sorted.
    public let faster: [UInt64]
    public let slower: [UInt64]

    /// The gap must be this many times the wider group's range (highest − lowest).
    public static let gapOverWidth = 2.0
    /// The gap must be at least this share of the faster group's slowest run.
    public static let gapShare = 0.10

    /// The two groups of `runs`, split at their widest gap; nil unless they are clearly separated.
    public init?(_ runs: WallTimeRuns) {
        let sorted: [UInt64] = runs.walls.sorted()
        let count = sorted.count
        guard count >= 4 else { return nil }
        // The widest gap between neighbours that leaves at least 2 runs on each side.
        var split = 2
        for index in stride(from: 3, through: count - 2, by: 1) where sorted[index] - sorted[index - 1] > sorted[split] - sorted[split - 1] {
            split = index
        }
        let faster = Array(sorted[0..<split]), slower = Array(sorted[split..<count])
        let fastest: UInt64 = faster[0], fasterEnd: UInt64 = faster[faster.count - 1]
        let slowerStart: UInt64 = slower[0], slowest: UInt64 = slower[slower.count - 1]
        let gap = Double(slowerStart - fasterEnd)
        let width = Double(max(fasterEnd - fastest, slowest - slowerStart))
        guard gap > 0, gap >= Self.gapOverWidth * width, gap >= Self.gapShare * Double(fasterEnd) else { return nil }
        self.faster = faster
        self.slower = slower
    }

    /// "multiplexed's runs fell in two separate groups: 3 took 5.17 ms – 5.74 ms, 2 took 7.50 ms – 7.88 ms"; the
    /// group that holds the drawn (median) run is named when `drawn` is given: "…, the drawn run among the 3".
    public func text(_ name: String, drawn: UInt64? = nil) -> String {
        var text = "\(name)'s runs fell in two separate groups: \(Self.group(faster)), \(Self.group(slower))"
        if let drawn {
            let inFaster = faster.contains(drawn)
            let among: Int = inFaster ? faster.count : slower.count
            text += ", the drawn run among the \(CountFormat.grouped(among)) " + (inFaster ? "faster" : "slower")
        }
        return text
    }

    /// "3 took 5.17 ms – 5.74 ms", or "2 took 7.50 ms" when they took the same.
    static func group(_ walls: [UInt64]) -> String {
        let low: UInt64 = walls[0], high: UInt64 = walls[walls.count - 1]
        let range = low == high ? DurationFormat.format(low)
            : DurationFormat.format(low) + " – " + DurationFormat.format(high)
        return CountFormat.grouped(walls.count) + " took " + range
    }
}

extension WallTimeRuns {
    /// The runs' two clearly separated groups of wall times, when they fall in two (`RunGroups`).
    public var groups: RunGroups? { RunGroups(self) }
}
