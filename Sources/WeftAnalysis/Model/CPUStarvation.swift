import WeftTrace

/// A stretch of a run slice during which the OS gave the slice's thread (almost) no CPU: between two `threadCPU`
/// samples of the thread inside one slice, its CPU clock advanced by less than `CPUStarvation.threshold` of the wall
/// time. The trace records the slice as running; the thread was preempted, or its virtual CPU was not run (the kernel
/// leaves stolen time out of a thread's CPU clock), or it was blocked in the kernel by a call Weft does not see.
///
/// The one definition of "running, but given no CPU" that the model, stats and the pictures share (docs/analysis.md).
public struct CPUStarvation: TimedInterval, Sendable, Equatable {
    /// The earlier sample's time.
    public var start: UInt64
    /// The later sample's time (touching stretches of one slice are joined).
    public var end: UInt64
    /// The CPU time the thread got in it (ns).
    public var cpu: UInt64

    public init(start: UInt64, end: UInt64, cpu: UInt64) {
        self.start = start
        self.end = end
        self.cpu = cpu
    }

    /// The share of the wall time below which a stretch counts as given no CPU: a quarter.
    public static let threshold = 0.25

    /// Whether a thread that got `cpu` ns of CPU over `wall` ns of a slice was starved of CPU.
    public static func isStarved(cpu: UInt64, wall: UInt64) -> Bool {
        wall > 0 && Double(cpu) < threshold * Double(wall)
    }
}
