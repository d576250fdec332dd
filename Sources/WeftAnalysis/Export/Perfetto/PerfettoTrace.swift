import WeftTrace

/// Exports a run as Perfetto's native protobuf trace (a `Trace` of `TracePacket`s holding `TrackDescriptor`s and
/// `TrackEvent`s), the format ui.perfetto.dev and `trace_processor` read best, written in one streaming pass.
///
/// The same content as `ChromeTrace`: one process per run; a track per OS thread (or per task with
/// `ExportLanes.tasks`) named after its role; run slices named after the task, with debug annotations (task id, why
/// the slice ended, the wait's reason and object); instants for sends, receives, locks, wakes and the rest; flows
/// from each send to its receive and from each spawn to the child's first slice; counter tracks for runnable and
/// waiting tasks, each channel's occupancy, and the run's samples.
///
/// Small: one packet sequence per OS thread, whose defaults name the thread's track (its events carry no track
/// uuid) and whose timestamps are deltas on a sequence-scoped incremental clock (one thread's events are in time
/// order); names, annotation names and string values interned per sequence (`interned_data`, the sequence's first
/// packet flagged `SEQ_INCREMENTAL_STATE_CLEARED`); an instant's subject in its interned name (`send ping (ch1)`,
/// `wake t3 ponger`); a blocked slice's wait in its end's one annotation; small varint flow ids, reused once a flow
/// ends; the task counters carried on the events that change them. Streaming: events are written as they are read,
/// in their turn; what is kept is per live task, thread and object, the interning tables, and the flows begun and
/// not yet ended (a send until its receive, a spawn until the child's first slice), at most
/// `PerfettoTraceOptions.heldFlowCap` of them.
///
/// ```swift
/// let out = try JSONOutput(path: "run.pftrace")
/// let summary = try PerfettoTrace.export(TraceReader(path: "run.weft"), to: out)
/// try out.close()
/// ```
public enum PerfettoTrace {
    /// Reads the trace once and writes it as a Perfetto protobuf trace.
    /// - Parameters:
    ///   - events: the trace, from its first event.
    ///   - options: which tracks, how many flow ends to hold, how many strings to intern.
    ///   - out: where the bytes go; the caller closes it.
    /// - Returns: what was written.
    /// - Throws: `ExportError` when the trace cannot be read to its end: what was read before the damage is still
    ///   written, as a complete trace.
    @discardableResult
    public static func export(_ events: some EventStream, options: PerfettoTraceOptions = .init(),
                              to out: JSONOutput) throws(ExportError) -> PerfettoTraceSummary {
        let writer = PerfettoTraceWriter(options: options, out: out, strings: { [unowned events] in events.string($0) })
        var failure: TraceError?
        do {
            while let event = try events.next() { writer.add(event) }
        } catch {
            failure = error
        }
        writer.finish()
        if let failure { throw ExportError(reading: failure) }
        return writer.summary
    }
}

/// How to export a run as a Perfetto protobuf trace.
public struct PerfettoTraceOptions: Sendable, Equatable {
    /// Which tracks to draw.
    public var lanes: ExportLanes
    /// The most flows open at once (begun, their other end not yet read); past it a send or spawn is written
    /// without its flow (and counted in `PerfettoTraceSummary.flowsLeftOut`), so memory stays bounded.
    public var heldFlowCap: Int
    /// The most strings interned per sequence and kind; later new strings are written inline (memory bounded on
    /// traces of many names).
    public var internCap: Int

    public init(lanes: ExportLanes = .threads, heldFlowCap: Int = 1 << 20, internCap: Int = 1 << 16) {
        self.lanes = lanes
        self.heldFlowCap = heldFlowCap
        self.internCap = internCap
    }
}

/// What a Perfetto export wrote.
public struct PerfettoTraceSummary: Sendable, Equatable, CustomStringConvertible {
    /// Trace packets.
    public var packets = 0
    /// Track descriptors: the process, threads or tasks, counters.
    public var tracks = 0
    /// Slices begun (run slices with thread lanes, task states with task lanes).
    public var slices = 0
    /// Instant events.
    public var instants = 0
    /// Message flows (send → receive).
    public var messageFlows = 0
    /// Spawn flows (spawn → the child's first slice).
    public var spawnFlows = 0
    /// Sends and spawns whose flow has no other end: a message never received, a task never run, or a flow past
    /// the cap.
    public var flowsLeftOut = 0
    /// Counter values (on counter events, or carried by other events).
    public var counterValues = 0
    /// Slices still open at the end of the trace, closed there.
    public var closedAtEnd = 0

    public init() {}

    public var description: String {
        "\(packets) packets: \(tracks) tracks, \(slices) slices, \(instants) instants, \(messageFlows) message flows, "
            + "\(spawnFlows) spawn flows, \(counterValues) counter values"
            + (flowsLeftOut > 0 ? " (\(flowsLeftOut) flow ends without their other end)" : "")
    }
}
