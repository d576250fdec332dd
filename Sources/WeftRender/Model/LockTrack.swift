import WeftTrace

/// One mutex's lane (as Tracy draws locks): who held it when (a read-write mutex: writers and readers), and when tasks
/// were waiting for it.
public struct LockTrack: Sendable {
    public var mutex: MutexID
    /// "stats" or "mu3".
    public var label: String
    /// Holds, sorted by start, not overlapping.
    public var holds: [ThreadSlice]
    /// Times some task waited for it (request to acquisition), sorted by start; they may overlap.
    public var waits: [TimeSpan]
    /// True for a read-write mutex: `holds` are its writers', `readHolds` its readers' (which may overlap).
    public var isReadWrite = false
    /// A read-write mutex's read holds, sorted by start.
    public var readHolds: [ThreadSlice] = []

    public init(mutex: MutexID, label: String, holds: [ThreadSlice], waits: [TimeSpan] = []) {
        self.mutex = mutex
        self.label = label
        self.holds = holds
        self.waits = waits
    }

    /// Total time tasks spent waiting for it.
    public var totalWait: UInt64 { waits.saturatingSum { $0.end &- $0.start } }
}
