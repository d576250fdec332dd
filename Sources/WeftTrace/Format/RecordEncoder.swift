/// Builds the records of a `.weft` file into a byte buffer. Shared by the recorder and `TraceFileWriter`.
struct RecordEncoder {
    /// The encoded bytes so far.
    var bytes: [UInt8] = []

    /// The preamble: magic and version.
    mutating func preamble() {
        bytes += TraceFormat.magic
        bytes.append(UInt8(TraceFormat.version & 0xFF))
        bytes.append(UInt8(TraceFormat.version >> 8))
    }

    /// Appends one record with the given payload.
    mutating func record(_ tag: TraceFormat.Tag, _ payload: [UInt8]) {
        bytes.append(tag.rawValue)
        Varint.append(UInt64(payload.count), to: &bytes)
        bytes += payload
    }

    /// The header: the time unit in nanoseconds and this version's event table.
    /// `extraKinds` adds rows of plain unsigned arguments (tests use it to write kinds a reader does not know).
    mutating func header(nanosecondsPerUnit: Double, extraKinds: [(code: UInt8, name: String, arguments: Int)] = []) {
        var p: [UInt8] = []
        let bits = nanosecondsPerUnit.bitPattern
        for i in 0..<8 { p.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
        Varint.append(UInt64(EventSpec.all.count + extraKinds.count), to: &p)
        for spec in EventSpec.all {
            p.append(spec.kind.rawValue)
            Self.appendString(spec.name, to: &p)
            p.append(UInt8(spec.arguments.count))
            for (i, argument) in spec.arguments.enumerated() {
                Self.appendString(argument.name, to: &p)
                p.append(argument.type.rawValue)
                p.append(EventCoding.encoding(spec.kind, argument: i).rawValue)
            }
        }
        for extra in extraKinds {
            p.append(extra.code)
            Self.appendString(extra.name, to: &p)
            p.append(UInt8(extra.arguments))
            for i in 0..<extra.arguments {
                Self.appendString("a\(i)", to: &p)
                p.append(ArgumentType.uint.rawValue)
                p.append(TraceFormat.ArgumentEncoding.plain.rawValue)
            }
        }
        record(.header, p)
    }

    /// A strings record: `strings` numbered from `first`.
    mutating func strings(first: UInt64, _ strings: ArraySlice<String>) {
        var p: [UInt8] = []
        Varint.append(first, to: &p)
        Varint.append(UInt64(strings.count), to: &p)
        for s in strings { Self.appendString(s, to: &p) }
        record(.strings, p)
    }

    /// A batch record: `count` events of `thread`, encoded in `events`, starting from the encoder state `base`.
    mutating func batch(thread: UInt64, base: EventCoding.State, count: Int, events: UnsafeRawBufferPointer) {
        var p: [UInt8] = []
        p.reserveCapacity(events.count + 32)
        Varint.append(thread, to: &p)
        Varint.append(base.time, to: &p)
        Varint.append(UInt64(count), to: &p)
        let bases = [(EventKind.send, base.delta(0)), (EventKind.receive, base.delta(1))].filter { $0.1 != 0 }
        Varint.append(UInt64(bases.count), to: &p)
        for (kind, value) in bases {
            p.append(kind.rawValue)
            p.append(UInt8(EventCoding.deltaArgument))
            Varint.append(value, to: &p)
        }
        p += events
        record(.batch, p)
    }

    /// A round marker.
    mutating func round(time: UInt64) {
        var p: [UInt8] = []
        Varint.append(time, to: &p)
        record(.round, p)
    }

    /// The trailer.
    mutating func trailer(_ t: TraceTrailer, endTime: UInt64) {
        var p: [UInt8] = []
        Varint.append(t.events, to: &p)
        Varint.append(t.dropped, to: &p)
        Varint.append(UInt64(t.threads), to: &p)
        Varint.append(UInt64(t.strings), to: &p)
        Varint.append(endTime, to: &p)
        let counts = t.countsByCode.sorted { $0.key < $1.key }
        Varint.append(UInt64(counts.count), to: &p)
        for (code, n) in counts {
            p.append(code)
            Varint.append(n, to: &p)
        }
        record(.trailer, p)
    }

    static func appendString(_ s: String, to p: inout [UInt8]) {
        let utf8 = Array(s.utf8.prefix(TraceFormat.maxStringLength))
        Varint.append(UInt64(utf8.count), to: &p)
        p += utf8
    }
}

/// Walks encoded events of this version's table (the recorder's own output) to count them and follow the state.
enum EventWalker {
    /// Decodes events in `bytes`, advancing `state` and adding to `counts` (by kind code). Returns the count.
    static func walk(_ bytes: UnsafeRawBufferPointer, state: inout EventCoding.State, counts: inout [UInt64]) -> Int {
        var o = 0
        var n = 0
        let end = bytes.count
        while o < end {
            let code = bytes[o]
            o += 1
            guard let kind = EventKind(rawValue: code) else { break }
            state.time &+= Varint.read(bytes, &o, end: end) ?? 0
            let count = EventCoding.argumentCount(kind)
            let slot = EventCoding.deltaSlot(kind)
            for i in 0..<count {
                let raw = Varint.read(bytes, &o, end: end) ?? 0
                if i == EventCoding.deltaArgument && slot >= 0 {
                    let value = state.delta(slot) &+ UInt64(bitPattern: Event.unzigzag(raw))
                    _ = state.exchange(slot: slot, value)
                }
            }
            n += 1
            counts[Int(code)] &+= 1
        }
        return n
    }
}
