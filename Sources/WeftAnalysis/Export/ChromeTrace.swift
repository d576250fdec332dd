import WeftTrace

/// Exports a run in the Chrome Trace Event Format (JSON), as Perfetto (ui.perfetto.dev) and chrome://tracing read it.
///
/// The run is one process. With `ExportLanes.threads` each OS thread is a track named after its role, holding the
/// tasks' run slices as complete events (`ph:"X"`) named after the task; with `.tasks` each task is a track holding
/// its states as slices. Sends, receives, locks, wakes and the other synchronisation events are instant events on
/// the track that recorded them; flow events (`ph:"s"` then `ph:"f"` with `bp:"e"`, both bound to the enclosing
/// slice) link each send to its receive and each spawn to the child's first run; counters (`ph:"C"`) show runnable
/// and waiting tasks, each channel's occupancy and the run's samples. Times are microseconds with nanosecond decimals.
///
/// ```swift
/// let timeline = try TimelineBuilder.build(from: TraceReader(path: "run.weft"))
/// let out = try JSONOutput(path: "run.json")
/// let summary = try ChromeTrace.export(timeline, events: TraceReader(path: "run.weft"), to: out)
/// try out.close()
/// ```
public enum ChromeTrace {
    /// Writes the run as one JSON object (`{"traceEvents":[…],"otherData":{…}}`).
    ///
    /// Slices, flows and counters come from `timeline`; instant events come from `events`, read once from its start
    /// and written as they are read, so memory does not grow with the trace beyond the model itself.
    /// - Parameters:
    ///   - timeline: the model of the run, built from the same trace.
    ///   - events: the trace, read again from its first event (for instant events; unread when `options.instants` is false).
    ///   - options: which tracks, which process id.
    ///   - out: where the JSON goes; the caller closes it.
    /// - Returns: how many trace events of each kind were written.
    /// - Throws: `ExportError` when the trace cannot be read to its end: the document is still completed, holding
    ///   the instants read before the damage.
    @discardableResult
    public static func export(_ timeline: Timeline, events: some EventStream, options: ChromeTraceOptions = .init(),
                              to out: JSONOutput) throws(ExportError) -> ChromeTraceSummary {
        let writer = ChromeTraceWriter(timeline: timeline, options: options, out: out)
        out.raw("{\"traceEvents\":[\n")
        writer.writeMetadata()
        switch options.lanes {
        case .threads: writer.writeThreadSlices()
        case .tasks: writer.writeTaskSlices()
        }
        writer.writeMessageFlows()
        writer.writeSpawnFlows()
        var failure: TraceError?
        if options.instants {
            do {
                while let event = try events.next() { writer.writeInstant(event, strings: events.string) }
            } catch {
                failure = error
            }
        }
        writer.writeOutsideTrackName()
        writer.writeCounters()
        out.raw("\n],\n\"otherData\":")
        writer.writeOtherData()
        out.raw("}\n")
        // The document is complete (and valid JSON) up to the damage; say so.
        if let failure { throw ExportError(reading: failure) }
        return writer.summary
    }
}
