/// What decoding a batch needs, fixed once the header is read: the header's table, the per-kind lookups and the
/// time limits. The reader holds one; the thread that reads ahead holds its own (with its own event counts).
struct BatchDecoder {
    let table: HeaderTable
    let tables: KindTables
    /// The latest time accepted, in the file's units.
    let maxUnits: UInt64
    /// Whether the unit is one nanosecond.
    let exactUnits: Bool
    let nanosecondsPerUnit: Double
    let path: String?

    init(table: HeaderTable, maxUnits: UInt64, exactUnits: Bool, nanosecondsPerUnit: Double, path: String?) {
        self.table = table
        tables = KindTables(table)
        self.maxUnits = maxUnits
        self.exactUnits = exactUnits
        self.nanosecondsPerUnit = nanosecondsPerUnit
        self.path = path
    }

    /// The same decoder with event counts of its own (for another thread).
    func copy() -> BatchDecoder {
        BatchDecoder(table: table, maxUnits: maxUnits, exactUnits: exactUnits, nanosecondsPerUnit: nanosecondsPerUnit, path: path)
    }

    /// Nanoseconds since the start for a time in units.
    @inline(__always)
    func nanoseconds(_ units: UInt64) -> UInt64 {
        exactUnits ? units : UInt64(min(Double(units) * nanosecondsPerUnit, Double(TraceFormat.maxTime)))
    }

    private func varint(_ p: [UInt8], _ o: inout Int, _ base: Int, _ what: String) throws(TraceError) -> UInt64 {
        let at = o
        let v: UInt64? = p.withUnsafeBytes { Varint.read($0, &o, end: p.count) }
        guard let v else { throw TraceError(.corrupt, "\(what) is cut or not a valid number", path: path, byteOffset: base + at) }
        return v
    }

    /// Reads a batch's header (thread, base time, event count, delta bases) from payload `p` at file offset `base`.
    /// - Parameter spare: an array of a used-up batch to hold the delta bases, when it has the right size (zeroed
    ///   here): a batch of a few events then costs no allocation for them.
    /// - Returns: the thread's number and a cursor at the batch's first event.
    /// - Throws: `TraceError` (`.corrupt`) naming what in the header is wrong.
    func batchHeader(_ p: [UInt8], _ base: Int, reusing spare: [UInt64] = []) throws(TraceError) -> (thread: UInt64, cursor: BatchCursor) {
        func corrupt(_ message: String, at offset: Int) -> TraceError {
            TraceError(.corrupt, message, path: path, byteOffset: offset)
        }
        var o = 0
        let thread = try varint(p, &o, base, "the thread of a batch")
        guard thread >= 1 && thread <= TraceFormat.maxThread else {
            throw corrupt("a batch names thread \(thread) (expected 1 to \(TraceFormat.maxThread))", at: base)
        }
        let time = try varint(p, &o, base, "the base time of a batch")
        guard time <= maxUnits else {
            throw corrupt("a batch starts at time \(time) units, beyond the latest time a trace may hold (\(TraceFormat.maxTime) ns, about 417 days); the file is damaged here", at: base)
        }
        let count = try varint(p, &o, base, "the event count of a batch")
        guard count <= UInt64(p.count) else {
            throw corrupt("a batch of \(p.count) bytes claims \(count) events (each takes at least 2 bytes)", at: base)
        }
        let bases = try varint(p, &o, base, "the number of delta bases of a batch")
        guard bases <= 256 * 16 else { throw corrupt("a batch claims \(bases) delta bases", at: base) }
        var deltas = spare
        if deltas.count == table.deltaCount {
            deltas.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
        } else {
            deltas = [UInt64](repeating: 0, count: table.deltaCount)
        }
        for _ in 0..<bases {
            guard o + 2 <= p.count else { throw corrupt("a batch header ends early", at: base + o) }
            let code = p[o], argument = Int(p[o + 1])
            o += 2
            let value = try varint(p, &o, base, "a delta base")
            guard let slot = table.deltaSlot(code: code, argument: argument) else {
                throw corrupt("a batch gives a delta base for argument \(argument) of kind \(code), which the header does not delta-encode", at: base + o)
            }
            deltas[slot] = value
        }
        return (thread, BatchCursor(bytes: p, fileOffset: base, position: o, remaining: Int(count), time: time, deltas: deltas))
    }

    /// Decodes events of the cursor's batch into `buffer` until it holds `limit` events, the batch has no more, or
    /// the next event needs the careful path (`ReaderEngine.decode`): one of a kind this reader skips, or one with
    /// anything wrong (cut, an unknown code, too late, an argument out of range). It checks what `decode` checks, on
    /// raw memory set up once per run rather than per event, and commits an event (its deltas, its count, the
    /// cursor) only once it passed every check, so that `decode` meets a refused event exactly as it would have alone.
    func decodeRun(_ c: inout BatchCursor, into buffer: inout [PendingEvent], limit: Int, thread: ThreadID) {
        let tables = tables
        let maxUnits = maxUnits
        let exact = exactUnits
        let bytes = c.bytes
        let end = bytes.count
        let fileOffset = c.fileOffset
        var position = c.position
        var time = c.time
        var remaining = c.remaining
        var room = limit - buffer.count
        bytes.withUnsafeBytes { b in
            c.deltas.withUnsafeMutableBufferPointer { deltas in
                while remaining > 0 && room > 0 {
                    let start = position
                    guard start < end else { return }
                    let code = Int(b[start])
                    let argc = tables.argumentCounts[code]
                    guard argc >= 0, let kind = tables.kinds[code] else { return }
                    var o = start &+ 1
                    guard let dt = Varint.read(b, &o, end: end) else { return }
                    let at = time &+ min(dt, maxUnits &+ 1)  // as in `decode`: no overflow
                    guard at <= maxUnits else { return }
                    // A known kind has at most four arguments (the header table drops the kind otherwise); each
                    // has its own delta slot, so reading the bases before writing any back is the same.
                    let slots = tables.deltaSlots + code &* KindTables.slotsPerCode
                    var args = EventArguments()
                    for i in 0..<argc {
                        guard var v = Varint.read(b, &o, end: end) else { return }
                        let slot = slots[i]
                        if slot >= 0 { v = deltas[slot] &+ UInt64(bitPattern: Event.unzigzag(v)) }
                        args[i] = v
                    }
                    let limits = tables.argumentLimits + code &* EventSpec.maxArguments
                    guard args.a0 <= limits[0] && args.a1 <= limits[1] && args.a2 <= limits[2] && args.a3 <= limits[3] else { return }
                    let event = Event(kind: kind, time: exact ? at : nanoseconds(at), thread: thread, args: args)
                    if tables.hasEnumeration[code] && TypedEvent(event) == nil { return }
                    for i in 0..<argc where slots[i] >= 0 { deltas[slots[i]] = args[i] }
                    tables.counts[code] &+= 1
                    buffer.append(PendingEvent(kind: kind, time: event.time, args: args, offset: fileOffset &+ start))
                    time = at
                    position = o
                    remaining &-= 1
                    room &-= 1
                }
            }
        }
        c.position = position
        c.time = time
        c.remaining = remaining
    }

    /// Decodes a whole batch record ahead of its use, when nothing in it needs the careful path.
    /// - Returns: the thread, its events and their counts by kind, or nil when the header or an event is not clean (the reader then
    ///   decodes the batch itself, meeting what is wrong where it would have).
    func decodeWhole(_ p: [UInt8], _ base: Int) -> DecodedBatch? {
        guard let header = try? batchHeader(p, base) else { return nil }
        let thread = header.thread
        var c = header.cursor
        var events: [PendingEvent] = []
        events.reserveCapacity(min(c.remaining, p.count / 2))  // an event takes at least 2 bytes
        decodeRun(&c, into: &events, limit: c.remaining, thread: ThreadID(thread))
        guard c.remaining == 0 && c.position == c.bytes.count else { return nil }
        // Its events by kind, for the reader to count when it is done with the batch.
        var counts: [(code: UInt8, events: UInt64)] = []
        var last = -1  // the index in `counts` of the last event's kind: kinds come in runs
        for pending in events {
            let code = pending.kind.rawValue
            if last < 0 || counts[last].code != code {
                last = counts.firstIndex { $0.code == code } ?? -1
                if last < 0 {
                    last = counts.count
                    counts.append((code, 0))
                }
            }
            counts[last].events &+= 1
        }
        return DecodedBatch(thread: thread, events: events, counts: counts, size: p.count)
    }
}
