/// Which tracks a Chrome trace export draws.
public enum ExportLanes: String, Sendable, CaseIterable, CustomStringConvertible {
    /// One track per OS thread (worker n, thread of task t), with the tasks' run slices on it.
    case threads
    /// One track per task, with its states (running, runnable, blocked, sleeping) as slices.
    case tasks

    public var description: String { rawValue }
}

/// How to export a run in the Chrome Trace Event Format.
public struct ChromeTraceOptions: Sendable, Equatable {
    /// Which tracks to draw.
    public var lanes: ExportLanes
    /// The process id the run is given (one process per run).
    public var pid: UInt64
    /// Whether to write an instant event for each send, receive, lock, wake and other synchronisation event.
    public var instants: Bool

    public init(lanes: ExportLanes = .threads, pid: UInt64 = 1, instants: Bool = true) {
        self.lanes = lanes
        self.pid = pid
        self.instants = instants
    }
}

/// What a Chrome trace export wrote, by kind of trace event.
public struct ChromeTraceSummary: Sendable, Equatable, CustomStringConvertible {
    /// Complete events (`ph:"X"`): run slices (thread lanes) or task states (task lanes).
    public var slices = 0
    /// Instant events (`ph:"i"`).
    public var instants = 0
    /// Message flows (send → receive), each a `ph:"s"` and a `ph:"f"` event.
    public var messageFlows = 0
    /// Spawn flows (spawn → the child's first slice).
    public var spawnFlows = 0
    /// Flows left out because one end lay outside any slice of its track (a viewer could not draw them).
    public var unboundFlows = 0
    /// Counter events (`ph:"C"`).
    public var counters = 0
    /// Metadata events (`ph:"M"`): process and track names and sort indexes.
    public var metadata = 0

    public init() {}

    /// Every trace event written.
    public var total: Int { slices + instants + 2 * (messageFlows + spawnFlows) + counters + metadata }

    public var description: String {
        "\(total) trace events: \(slices) slices, \(instants) instants, \(messageFlows) message flows, "
            + "\(spawnFlows) spawn flows, \(counters) counter values, \(metadata) metadata"
            + (unboundFlows > 0 ? " (\(unboundFlows) flows left out: an end lay outside any slice)" : "")
    }
}
