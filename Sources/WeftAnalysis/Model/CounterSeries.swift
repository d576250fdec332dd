import WeftTrace

/// One quantity sampled periodically during the run (resident memory, threads alive), as a counter over time:
/// the `sample` events of one name, in time order.
public struct CounterSeries: Sendable, Equatable {
    /// The sample name (`SampleName.residentBytes.rawValue`, …).
    public var name: String
    /// The samples, in time order (times in ns since the trace's start).
    public var points: [Sample]

    public init(name: String, points: [Sample]) {
        self.name = name
        self.points = points
    }

    /// The largest value sampled; nil when there is no sample.
    public var peak: UInt64? { points.lazy.map(\.value).max() }
    /// The value in force at `time`: the last sample at or before it; nil before the first.
    public func value(at time: UInt64) -> UInt64? {
        var low = 0, high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : points[low - 1].value
    }
}

extension RunInfo {
    /// The samples of `name` as a counter series; nil when the trace holds none.
    public func counter(_ name: SampleName) -> CounterSeries? {
        let points = samples.filter { $0.name == name.rawValue }
        return points.isEmpty ? nil : CounterSeries(name: name.rawValue, points: points.sorted { $0.time < $1.time })
    }

    /// Every periodically sampled quantity the trace holds (resident memory, threads alive), as counter series.
    public var counters: [CounterSeries] { SampleName.periodic.compactMap { counter($0) } }
}
