extension ReaderEngine {
    /// Decodes events of the cursor's batch into `buffer` until it holds `limit` events, the batch has no more, or
    /// the next event needs the careful path (`decode`): one of a kind this reader skips, or one with anything wrong
    /// (cut, an unknown code, too late, an argument out of range). It checks what `decode` checks, on raw memory set
    /// up once per run rather than per event, and commits an event (its deltas, its count, the cursor) only once it
    /// passed every check, so that `decode` meets a refused event exactly as it would have alone.
    mutating func decodeRun(_ c: inout BatchCursor, into buffer: inout [PendingEvent], limit: Int, thread: ThreadID) {
        let tables = kindTables
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
                    buffer.append(PendingEvent(event: event, offset: fileOffset &+ start))
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
}
