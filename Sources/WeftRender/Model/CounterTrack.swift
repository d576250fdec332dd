/// One quantity sampled over the run (resident memory, OS threads alive), drawn as a small step line under a panel.
public struct CounterTrack: Sendable, Equatable {
    /// What it counts.
    public enum Kind: Sendable, Equatable {
        /// Resident memory in bytes.
        case residentBytes
        /// OS threads alive.
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
