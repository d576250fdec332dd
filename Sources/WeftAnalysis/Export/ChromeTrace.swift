import WeftTrace

/// Exports a run in the Chrome Trace Event Format (JSON), as Perfetto (ui.perfetto.dev) and chrome://tracing read it.
///
/// The run is one process. With `ExportLanes.threads` each OS thread is a track named after its role (a thread
/// recorded again after its stop, with the same kernel tid, stays on its first track), holding the
/// tasks' run slices as complete events (`ph:"X"`) named after the task; with `.tasks` each task is a track holding
/// its states as slices. Sends, receives, locks, wakes and the other synchronisation events are instant events on
/// the track that recorded them; flow events (`ph:"s"` then `ph:"f"` with `bp:"e"`, both bound to the enclosing
/// slice) link each send to its receive and each spawn to the child's first run; counters (`ph:"C"`) show runnable
/// and waiting tasks, each channel's occupancy and the run's samples. Times are microseconds with nanosecond decimals.
///
/// Streaming: the trace is read once and each trace event is written as soon as it is known, in that order, not
/// in time order (viewers sort by `ts`): instants and samples at once, a slice when it ends, a counter value once
/// its time has passed, a flow once both its ends are read and the slices around them have ended. What is held is
/// per live task, thread and channel, plus the flows begun and not yet written (at most
/// `ChromeTraceOptions.heldFlowCap`), never the events.
///
/// ```swift
/// let out = try JSONOutput(path: "run.json")
/// let summary = try ChromeTrace.export(TraceReader(path: "run.weft"), to: out)
/// try out.close()
/// ```
public enum ChromeTrace {
    /// Reads the trace once and writes it as one JSON object
    /// (`{"displayTimeUnit":"ns","traceEvents":[…],"otherData":{…}}`).
    /// - Parameters:
    ///   - events: the trace, from its first event.
    ///   - options: which tracks, which process id, whether to write instants, how many flows to hold.
    ///   - out: where the JSON goes; the caller closes it.
    /// - Returns: how many trace events of each kind were written.
    /// - Throws: `ExportError` when the trace cannot be read to its end: the document is still completed, from
    ///   the events read before the damage.
    @discardableResult
    public static func export(_ events: some EventStream, options: ChromeTraceOptions = .init(),
                              to out: JSONOutput) throws(ExportError) -> ChromeTraceSummary {
        let writer = ChromeTraceWriter(options: options, out: out, strings: { [unowned events] in events.string($0) })
        var failure: TraceError?
        do {
            while let event = try events.next() { writer.add(event) }
        } catch {
            failure = error
        }
        writer.finish()
        // The document is complete (and valid JSON) up to the damage; say so.
        if let failure { throw ExportError(reading: failure) }
        return writer.summary
    }
}
