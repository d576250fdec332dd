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
/// ```swift
/// let out = try JSONOutput(path: "run.json")
/// let summary = try ChromeTrace.export(TraceReader(path: "run.weft"), to: out)
/// try out.close()
/// ```
public enum ChromeTrace {
    /// Reads the trace once and writes it as one JSON object
    /// (`{"displayTimeUnit":"ns","traceEvents":[…],"otherData":{…}}`).
    ///
    /// Each event is written as an instant as it is read, and fed to a `TimelineBuilder`; the slices, flows and
    /// counters follow from the finished model. Memory grows with the model only, never with the raw events.
    /// - Parameters:
    ///   - events: the trace, from its first event.
    ///   - options: which tracks, which process id, whether to write instants.
    ///   - out: where the JSON goes; the caller closes it.
    /// - Returns: how many trace events of each kind were written.
    /// - Throws: `ExportError` when the trace cannot be read to its end: the document is still completed, from
    ///   the events read before the damage.
    @discardableResult
    public static func export(_ events: some EventStream, options: ChromeTraceOptions = .init(),
                              to out: JSONOutput) throws(ExportError) -> ChromeTraceSummary {
        let writer = ChromeTraceWriter(options: options, out: out)
        let builder = TimelineBuilder(strings: { [unowned events] in events.string($0) })
        // Nanosecond display: without it Catapult nests events by times rounded to whole microseconds, and
        // instants under 1 µs apart swallow run slices (and the flows bound to them).
        out.raw("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n")
        var failure: TraceError?
        do {
            if options.instants {
                while let event = try events.next() {
                    builder.add(event)
                    if event.kind == .threadStart { writer.noteThreadStart(event) }
                    writer.writeInstant(event, strings: events.string)
                }
            } else {
                while let event = try events.next() {
                    builder.add(event)
                    if event.kind == .threadStart { writer.noteThreadStart(event) }
                }
            }
        } catch {
            failure = error
        }
        writer.timeline = builder.finish()
        writer.writeMetadata()
        switch options.lanes {
        case .threads: writer.writeThreadSlices()
        case .tasks: writer.writeTaskSlices()
        }
        writer.writeMessageFlows()
        writer.writeSpawnFlows()
        writer.writeCounters()
        out.raw("\n],\n\"otherData\":")
        writer.writeOtherData()
        out.raw("}\n")
        // The document is complete (and valid JSON) up to the damage; say so.
        if let failure { throw ExportError(reading: failure) }
        return writer.summary
    }
}
