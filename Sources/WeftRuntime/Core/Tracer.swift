import WeftTrace

/// The run's connection to the trace recorder. A run without a trace has no `Tracer` at all, so every recording
/// site costs one optional check when tracing is off.
final class Tracer: @unchecked Sendable {
    let path: String
    // The recorder lands with the trace module; until then a Tracer counts what it would record.
    private let strings = PThreadLock()
    private var interned: [String: StringID] = ["": .empty]

    init(path: String, metadata: [(String, String)]) throws(TraceError) {
        self.path = path
    }

    /// The id of `text` in the trace's string table.
    func intern(_ text: String) -> StringID {
        strings.withLock {
            if let id = interned[text] { return id }
            let id = StringID(UInt64(interned.count))
            interned[text] = id
            return id
        }
    }

    /// Starts recording on the calling thread.
    func beginThread(role: ThreadRole, index: UInt64) {}
    /// Stops recording on the calling thread and hands its buffer over.
    func endThread() {}

    /// Records one event on the calling thread.
    @inline(__always)
    func record(_ kind: EventKind, _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0, _ a3: UInt64 = 0) {}

    /// Adds a metadata fact.
    func metadata(_ key: String, _ value: String) {}

    /// Flushes and closes the trace.
    func finish() throws(TraceError) -> (events: UInt64, dropped: UInt64, bytes: UInt64) { (0, 0, 0) }
}
