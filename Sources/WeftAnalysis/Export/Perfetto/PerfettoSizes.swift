import WeftTrace

/// Where a Perfetto export's bytes go: per event kind, the events read and the bytes their packets took (track
/// descriptors and interned strings included, as written in the event's turn), and the bytes written at the end.
public struct PerfettoSizes: Sendable {
    /// Events of a kind and the bytes written while adding them.
    public struct Share: Sendable, Equatable {
        public var events = 0
        public var bytes = 0
        /// Bytes per event of the kind.
        public var perEvent: Double { events == 0 ? 0 : Double(bytes) / Double(events) }
    }

    /// By event kind, in the event table's order.
    public var byKind: [(kind: EventKind, share: Share)] = []
    /// Bytes written by `finish` (slices closed at the end, counters left over).
    public var atEnd = 0
    /// All the bytes, and all the events.
    public var bytes: Int { byKind.reduce(atEnd) { $0 + $1.share.bytes } }
    public var events: Int { byKind.reduce(0) { $0 + $1.share.events } }

    /// Exports `events` to `out` as `PerfettoTrace.export` does, measuring each event's bytes.
    /// - Throws: `ExportError` when the trace cannot be read to its end.
    public static func measure(_ events: some EventStream, options: PerfettoTraceOptions = .init(),
                               to out: JSONOutput) throws(ExportError) -> PerfettoSizes {
        let writer = PerfettoTraceWriter(options: options, out: out, strings: { [unowned events] in events.string($0) })
        var shares = [Share](repeating: Share(), count: 256)
        do {
            while let event = try events.next() {
                let before = out.totalBytes
                writer.add(event)
                let k = Int(event.kind.rawValue)
                shares[k].events += 1
                shares[k].bytes += out.totalBytes - before
            }
        } catch {
            throw ExportError(reading: error)
        }
        let before = out.totalBytes
        writer.finish()
        var sizes = PerfettoSizes(atEnd: out.totalBytes - before)
        for kind in EventKind.allCases where shares[Int(kind.rawValue)].events > 0 {
            sizes.byKind.append((kind, shares[Int(kind.rawValue)]))
        }
        return sizes
    }
}
