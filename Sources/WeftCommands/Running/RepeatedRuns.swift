import WeftAnalysis

/// One scheduler's runs in `weft compare --repeat N`: every run's measurement, each measure's median and range, and
/// the run whose wall time is the median (its trace is the one kept and drawn).
struct RepeatedRuns {
    /// The runs, in the order they ran; never empty.
    let runs: [RunMeasurement]

    /// - Precondition: `runs` is not empty.
    init(_ runs: [RunMeasurement]) {
        precondition(!runs.isEmpty, "a scheduler's runs are never empty")
        self.runs = runs
    }

    /// The scheduler as people read it: "multiplexed(2 workers)".
    var scheduler: String { runs[0].scheduler }

    /// The position in `runs` of the run whose wall time is the median (`Spread`'s median: for an even count, the
    /// lower of the two middle ones).
    var medianIndex: Int { wallTimes.drawn }

    /// The run whose wall time is the median.
    var medianRun: RunMeasurement { runs[medianIndex] }

    /// A measure over every run; nil when any run lacks it.
    func spread(_ value: (RunMeasurement) -> Double?) -> Spread<Double>? {
        let values = runs.map(value)
        guard values.allSatisfy({ $0 != nil }) else { return nil }
        return Spread(values.map { $0! })
    }

    /// The median of a measure over every run; nil when any run lacks it.
    func median(_ value: (RunMeasurement) -> Double?) -> Double? { spread(value)?.median }

    /// Every run's wall time and which run is drawn: the one source of the table's wall-time row, the verdict's
    /// rank test and the contrast picture's runs strip.
    var wallTimes: WallTimeRuns { WallTimeRuns(runs.map(\.wallNanoseconds)) ?? WallTimeRuns([0])! }

    /// The wall times of every run: their median, lowest and highest.
    var walls: Spread<UInt64> { wallTimes.spread }

    /// "completed", or with runs that ended differently, how many ended each way: "deadlocked 3, completed 2".
    var outcome: String {
        var counts: [(String, Int)] = []
        for run in runs {
            if let i = counts.firstIndex(where: { $0.0 == run.outcome }) { counts[i].1 += 1 } else { counts.append((run.outcome, 1)) }
        }
        if counts.count == 1 { return counts[0].0 }
        return counts.sorted { $0.1 > $1.1 }.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
    }
}
