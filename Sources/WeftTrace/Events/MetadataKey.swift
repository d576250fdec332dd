/// The keys of the facts Weft records as `metadata` events, spelled once for the runtime that writes them and the
/// analysis that reads them. A trace may hold other keys; they stay plain strings.
public enum MetadataKey: String, Sendable, CaseIterable {
    /// The scheduler's name: `multiplexed` or `thread-per-task`.
    case scheduler
    /// The number of worker threads (0 for thread-per-task).
    case workers
    /// The traced program's name.
    case program
    /// The program's arguments, joined by spaces.
    case arguments
    /// The wall-clock time the run started, in nanoseconds since 1970.
    case wallClockStart = "wallclock_start_ns"
    /// The host's name.
    case host
    /// How the trace clock was read and calibrated.
    case clock
}
