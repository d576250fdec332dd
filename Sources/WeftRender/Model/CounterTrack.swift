/// One quantity sampled over the run (resident memory, OS threads alive), drawn as a small step line under a panel.
public struct CounterTrack: Sendable, Equatable {
    /// What it counts.
    public enum Kind: Sendable, Equatable {
        /// Resident memory in bytes.
        case residentBytes
        /// The scheduler's OS threads alive (the caller of `Weft.run` apart), from the trace's thread starts and stops.
        case threads
    }

    public var kind: Kind
    /// (time in ns since the run's start, value), in time order.
    public var points: [(time: UInt64, value: UInt64)]

    public init(kind: Kind, points: [(time: UInt64, value: UInt64)]) {
        self.kind = kind
        self.points = points
    }

    /// The smallest value sampled (0 when there is none).
    public var low: UInt64 { points.lazy.map(\.value).min() ?? 0 }
    /// The largest value sampled (0 when there is none).
    public var peak: UInt64 { points.lazy.map(\.value).max() ?? 0 }

    public static func == (a: CounterTrack, b: CounterTrack) -> Bool {
        a.kind == b.kind && a.points.elementsEqual(b.points) { $0.time == $1.time && $0.value == $1.value }
    }
}

extension CounterTrack {
    /// The scheduler's threads alive over time, a step at each thread's start and stop (the caller's lane apart, as
    /// in the header's count); nil when no thread's lifetime is known.
    static func threadsAlive(_ threads: [ThreadTrack]) -> CounterTrack? {
        var steps: [(time: UInt64, delta: Int)] = []
        for thread in threads where thread.role != .main {
            guard let life = thread.lifetime else { continue }
            steps.append((life.start, 1))
            steps.append((life.end, -1))
        }
        guard !steps.isEmpty else { return nil }
        // Stops before starts at one instant: a thread that replaces another is not counted twice.
        steps.sort { $0.time != $1.time ? $0.time < $1.time : $0.delta < $1.delta }
        var alive = 0
        var points: [(time: UInt64, value: UInt64)] = []
        for step in steps {
            alive += step.delta
            let value = UInt64(max(alive, 0))
            if let last = points.last, last.time == step.time { points[points.count - 1].value = value } else {
                points.append((step.time, value))
            }
        }
        return CounterTrack(kind: .threads, points: points)
    }
}
