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
    /// The most flows held at once (begun, not yet written: a message sent and not yet received, a task spawned and
    /// not yet run, or an end whose slice has not ended); past it a send or spawn gets no flow (counted in
    /// `ChromeTraceSummary.flowsPastCap`), so memory stays bounded on a trace of messages never received.
    public var heldFlowCap: Int

    public init(lanes: ExportLanes = .threads, pid: UInt64 = 1, instants: Bool = true, heldFlowCap: Int = 1 << 20) {
        self.lanes = lanes
        self.pid = pid
        self.instants = instants
        self.heldFlowCap = heldFlowCap
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
    /// Sends and spawns given no flow because `ChromeTraceOptions.heldFlowCap` flows were held already.
    public var flowsPastCap = 0
    /// The most records held at once while streaming: flows not yet written, flow ends waiting for the slice
    /// around them to end, blocked slices waiting for their wait (flat however long the trace).
    public var heldPeak = 0
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
            + (flowsPastCap > 0 ? " (\(flowsPastCap) sends or spawns past the cap of held flows got no flow)" : "")
    }
}
