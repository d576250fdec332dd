/// What a summary keeps of the run's samples: of each name, the largest and the last, so that `RunInfo`'s readings
/// of them (`sample(_:)`, a counter's `peak`, `peakResidentBytes`) are those of every sample, in memory that does not
/// grow with their count (how many there were is `RunStatsAccumulator.samplesTaken`).
struct SampleExtremes {
    /// Per name, in the order first seen: the first sample of the largest value, and the last sample.
    private var kept: [(largest: Sample, last: Sample, largestIsLast: Bool)] = []
    private var position: [String: Int] = [:]

    /// Adds the next sample, in stream order.
    mutating func add(_ sample: Sample) {
        guard let p = position[sample.name] else {
            position[sample.name] = kept.count
            kept.append((sample, sample, true))
            return
        }
        if sample.value > kept[p].largest.value {
            kept[p].largest = sample
            kept[p].largestIsLast = true
        } else {
            kept[p].largestIsLast = false
        }
        kept[p].last = sample
    }

    /// The samples kept, each name's largest before its last.
    var samples: [Sample] {
        kept.flatMap { $0.largestIsLast ? [$0.last] : [$0.largest, $0.last] }
    }

    /// How many samples it holds.
    var held: Int { kept.count * 2 }
}
