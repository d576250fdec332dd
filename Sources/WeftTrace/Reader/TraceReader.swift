#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams events from a .weft file in causal order, validating as it goes.
///
/// Batches of all threads are merged by time, except that an event waits for its causes: a receive for its send,
/// a runBegin for the unblock (and the runEnd elsewhere) before it, a lockAcquire for the previous release, a use of
/// an object for its make. Only a bounded window of batches is held (a few writer rounds, at most 64 MiB), so
/// memory does not grow with the length of the trace. A second thread reads and decodes records ahead (`ReadAhead`);
/// it ends when the reader is released. See docs/trace-format.md for what is an error and what a warning.
public final class TraceReader: EventStream {
    /// Unchecked: the engine is only touched through this object's methods, one at a time (the reader is not
    /// Sendable), and a dynamic exclusivity check on every event costs more than decoding it.
    @exclusivity(unchecked) private var engine: ReaderEngine
    /// The trailer's totals read from the end of the file when it was opened: a hint of the trace's size (see
    /// `EventStream.expectedTotals`); nil for a pipe or a file without a trailer.
    public let expectedTotals: TraceTrailer?

    deinit { engine.stopReadingAhead() }

    /// Opens a file; "-" reads standard input.
    /// - Throws: `TraceError` when the file cannot be opened or does not start like a trace.
    public convenience init(path: String) throws(TraceError) {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            throw TraceError(.cannotOpen, "cannot open the trace: \(String(cString: strerror(errno))); check the path", path: path)
        }
        try self.init(input: ByteInput(fd: fd, owns: path != "-"), path: path)
    }

    /// Reads a trace held in memory.
    public convenience init(bytes: [UInt8], path: String? = nil) throws(TraceError) {
        try self.init(input: ByteInput(bytes: bytes), path: path)
    }

    init(input: ByteInput, path: String?) throws(TraceError) {
        expectedTotals = input.peekTrailer()
        engine = try ReaderEngine(input: input, path: path)
    }

    /// Reads a trace held in memory, accepting at most `maxThreads` threads (tests of the cap lower it).
    init(bytes: [UInt8], maxThreads: Int) throws(TraceError) {
        let input = ByteInput(bytes: bytes)
        expectedTotals = input.peekTrailer()
        engine = try ReaderEngine(input: input, path: nil, maxThreads: maxThreads)
    }

    /// The next event in causal order, or nil at the end.
    /// - Throws: `TraceError` naming the byte offset and event index when the trace is damaged or inconsistent.
    public func next() throws(TraceError) -> Event? { try engine.next() }

    public func string(_ id: StringID) -> String {
        id.rawValue < UInt64(engine.strings.count) ? engine.strings[Int(id.rawValue)] : ""
    }

    /// The format version of the file.
    public var version: Int { engine.version }
    /// The event table as read from the header (the kinds this reader knows).
    public var eventTable: [EventSpec] { engine.eventTable }
    /// What was noticed without stopping: truncation (with how much was lost), unknown kinds skipped, events whose
    /// causes were lost.
    public var warnings: [TraceWarning] { engine.warnings }
    /// The trailer's totals; nil until it is read, and when the file was cut before it.
    public var trailer: TraceTrailer? { engine.trailer }
    /// The file, when there is one.
    public var path: String? { engine.path }
    /// Nanoseconds per time unit, from the header.
    public var nanosecondsPerUnit: Double { engine.nanosecondsPerUnit }
    /// Kinds in the header this reader does not know (their events are skipped).
    public var unknownKinds: [(code: UInt8, name: String)] { engine.table.unknown }
    /// Events returned so far.
    public var eventsRead: Int { engine.eventsRead }
    /// The strings read so far (id = index).
    public var stringTable: [String] { engine.strings }
    /// The payload bytes of the batches read but not yet used up (what the look-ahead bounds).
    var heldBatchBytes: Int { engine.heldBatchBytes }
}
