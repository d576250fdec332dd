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
    /// What the program does, in one line, as the program itself says (`RunOptions.summary`); absent when it says
    /// nothing.
    case summary
    /// The wall-clock time the run started, in nanoseconds since 1970.
    case wallClockStart = "wallclock_start_ns"
    /// The host's name.
    case host
    /// How the trace clock was read and calibrated.
    case clock
    /// "true" when the trace's times are virtual (the deterministic scheduler's clock), not measured.
    case virtualTime = "virtual_time"
    /// The deterministic scheduler's seed: `weft run … --scheduler deterministic --seed N` replays the run.
    case seed
    /// The deterministic scheduler's strategy ("random" or "pct").
    case strategy
}
