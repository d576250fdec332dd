import Foundation

/// Decodes a Perfetto protobuf trace with a minimal wire reader of its own (independent of the exporter's encoder)
/// and checks the rules a viewer relies on: the sequence's state is cleared before anything uses it; every
/// interned id is defined before its use; every track an event uses (its own, or a counter it carries) is
/// described; every slice end closes a begin on its track (in time order); every flow has exactly one start and one
/// end, the end not before the start. Incremental timestamps are resolved against the clock snapshot.
struct PerfettoTraceChecker {
    /// A track event as decoded, with its absolute time.
    struct TrackEvent {
        var time: UInt64
        var order: Int
        var type: UInt64
        var track: UInt64
        var name: String?
        var annotations: [String: String] = [:]
        var flows: [UInt64] = []
        var terminating: [UInt64] = []
        var extraCounterTracks: [UInt64] = []
        var extraCounterValues: [Int64] = []
        var counterValue: Int64?
    }

    /// A track descriptor: uuid, name (its own, a thread's, or a process's), whether it is a counter.
    struct Track {
        var uuid: UInt64
        var name = ""
        var parent: UInt64?
        var isCounter = false
        var tid: UInt64?
    }

    var events: [TrackEvent] = []
    var tracks: [UInt64: Track] = [:]
    var problems: [String] = []
    var packets = 0
    /// Complete flows: message flows (top bit clear) and spawn flows (top bit set).
    var messageFlows = 0, spawnFlows = 0

    func count(type: UInt64) -> Int { events.lazy.filter { $0.type == type }.count }

    /// A protobuf field: number, wire type, and its varint value or bytes.
    struct Field {
        var number: UInt64
        var varint: UInt64 = 0
        var bytes: ArraySlice<UInt8> = []
    }

    /// The fields of a message, in order; nil when the bytes are not well-formed protobuf.
    static func fields(_ data: ArraySlice<UInt8>) -> [Field]? {
        var result: [Field] = []
        var i = data.startIndex
        func varint() -> UInt64? {
            var value: UInt64 = 0, shift: UInt64 = 0
            while i < data.endIndex {
                let b = data[i]
                i += 1
                value |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return value }
                shift += 7
                if shift > 63 { return nil }
            }
            return nil
        }
        while i < data.endIndex {
            guard let key = varint() else { return nil }
            var field = Field(number: key >> 3)
            switch key & 7 {
            case 0:
                guard let v = varint() else { return nil }
                field.varint = v
            case 1:
                guard data.endIndex - i >= 8 else { return nil }
                var v: UInt64 = 0
                for k in 0..<8 { v |= UInt64(data[i + k]) << (8 * UInt64(k)) }
                field.varint = v
                i += 8
            case 2:
                guard let n = varint(), data.endIndex - i >= Int(n) else { return nil }
                field.bytes = data[i..<(i + Int(n))]
                i += Int(n)
            default:
                return nil
            }
            result.append(field)
        }
        return result
    }

    static func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    init(_ data: [UInt8]) {
        guard let top = Self.fields(data[...]) else {
            problems.append("not a protobuf message")
            return
        }
        var cleared = false
        var names: [UInt64: [UInt64: String]] = [2: [:], 3: [:], 29: [:]] // interned, by InternedData field
        var incremental: UInt64?
        var clock: UInt64 = 0
        var defaultClock: UInt64 = 6
        var defaultCounterTracks: [UInt64] = []
        var usedTracks: Set<UInt64> = []
        for (order, packetField) in top.enumerated() {
            guard packetField.number == 1, let packet = Self.fields(packetField.bytes) else {
                problems.append("top-level field \(packetField.number) is not a well-formed TracePacket")
                continue
            }
            packets += 1
            var timestamp: UInt64?, clockID: UInt64?
            var eventBytes: ArraySlice<UInt8>?
            for f in packet {
                switch f.number {
                case 8: timestamp = f.varint
                case 58: clockID = f.varint
                case 13: if f.varint & 1 != 0 { cleared = true; names = [2: [:], 3: [:], 29: [:]] }
                case 6: // clock_snapshot
                    for c in Self.fields(f.bytes) ?? [] where c.number == 1 {
                        let clockFields = Self.fields(c.bytes) ?? []
                        let id = clockFields.first { $0.number == 1 }?.varint ?? 0
                        if clockFields.contains(where: { $0.number == 3 && $0.varint == 1 }) {
                            incremental = id
                            clock = clockFields.first { $0.number == 2 }?.varint ?? 0
                        }
                    }
                case 59: // trace_packet_defaults
                    for d in Self.fields(f.bytes) ?? [] {
                        if d.number == 58 { defaultClock = d.varint }
                        if d.number == 11 {
                            defaultCounterTracks = (Self.fields(d.bytes) ?? []).filter { $0.number == 31 }.map(\.varint)
                        }
                    }
                case 12: // interned_data
                    if !cleared { problems.append("packet \(order): interned data before the state was cleared") }
                    for entry in Self.fields(f.bytes) ?? [] where names[entry.number] != nil {
                        let e = Self.fields(entry.bytes) ?? []
                        let iid = e.first { $0.number == 1 }?.varint ?? 0
                        let text = e.first { $0.number == 2 }.map { Self.string($0.bytes) } ?? ""
                        if names[entry.number]![iid] != nil { problems.append("packet \(order): iid \(iid) defined twice") }
                        names[entry.number]![iid] = text
                    }
                case 60: // track_descriptor
                    var track = Track(uuid: 0)
                    for d in Self.fields(f.bytes) ?? [] {
                        switch d.number {
                        case 1: track.uuid = d.varint
                        case 2: track.name = Self.string(d.bytes)
                        case 5: track.parent = d.varint
                        case 8: track.isCounter = true
                        case 3: track.name = (Self.fields(d.bytes) ?? []).first { $0.number == 6 }.map { Self.string($0.bytes) } ?? ""
                        case 4:
                            let t = Self.fields(d.bytes) ?? []
                            track.name = t.first { $0.number == 5 }.map { Self.string($0.bytes) } ?? ""
                            track.tid = t.first { $0.number == 2 }?.varint
                        default: break
                        }
                    }
                    if tracks[track.uuid] != nil { problems.append("packet \(order): track \(track.uuid) described twice") }
                    tracks[track.uuid] = track
                case 11: eventBytes = f.bytes
                default: break
                }
            }
            guard let eventBytes else { continue }
            if !cleared { problems.append("packet \(order): a track event before the state was cleared") }
            var time = timestamp ?? 0
            if (clockID ?? defaultClock) == incremental {
                clock += timestamp ?? 0
                time = clock
            }
            var e = TrackEvent(time: time, order: order, type: 0, track: 0)
            for f in Self.fields(eventBytes) ?? [] {
                switch f.number {
                case 9: e.type = f.varint
                case 11: e.track = f.varint
                case 10:
                    e.name = names[2]![f.varint]
                    if e.name == nil { problems.append("packet \(order): event name iid \(f.varint) used before it is defined") }
                case 23: e.name = Self.string(f.bytes)
                case 47: e.flows.append(f.varint)
                case 48: e.terminating.append(f.varint)
                case 31: e.extraCounterTracks.append(f.varint)
                case 12: e.extraCounterValues.append(Int64(bitPattern: f.varint))
                case 30: e.counterValue = Int64(bitPattern: f.varint)
                case 4:
                    var name = "", value = ""
                    for a in Self.fields(f.bytes) ?? [] {
                        switch a.number {
                        case 1:
                            name = names[3]![a.varint] ?? ""
                            if name.isEmpty { problems.append("packet \(order): annotation name iid \(a.varint) used before it is defined") }
                        case 10: name = Self.string(a.bytes)
                        case 3: value = String(a.varint)
                        case 4: value = String(Int64(bitPattern: a.varint))
                        case 6: value = Self.string(a.bytes)
                        case 17:
                            value = names[29]![a.varint] ?? ""
                            if names[29]![a.varint] == nil { problems.append("packet \(order): string value iid \(a.varint) used before it is defined") }
                        default: break
                        }
                    }
                    e.annotations[name] = value
                default: break
                }
            }
            if e.extraCounterTracks.isEmpty && !e.extraCounterValues.isEmpty {
                e.extraCounterTracks = Array(defaultCounterTracks.prefix(e.extraCounterValues.count))
            }
            if e.extraCounterTracks.count != e.extraCounterValues.count {
                problems.append("packet \(order): \(e.extraCounterValues.count) counter values for \(e.extraCounterTracks.count) tracks")
            }
            usedTracks.insert(e.track)
            usedTracks.formUnion(e.extraCounterTracks)
            events.append(e)
        }
        for uuid in usedTracks.sorted() where tracks[uuid] == nil { problems.append("track \(uuid) is used but not described") }
        checkSlicesAndFlows()
    }

    private mutating func checkSlicesAndFlows() {
        var depth: [UInt64: Int] = [:]
        var starts: [UInt64: [UInt64]] = [:], ends: [UInt64: [UInt64]] = [:]
        for e in events.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
            if e.type == 1 { depth[e.track, default: 0] += 1 }
            if e.type == 2 {
                if depth[e.track, default: 0] == 0 { problems.append("slice end at \(e.time) on track \(e.track) without a begin") }
                else { depth[e.track]! -= 1 }
            }
            for f in e.flows { starts[f, default: []].append(e.time) }
            for f in e.terminating { ends[f, default: []].append(e.time) }
        }
        for id in Set(starts.keys).union(ends.keys) {
            let s = starts[id] ?? [], t = ends[id] ?? []
            guard s.count == 1, t.count == 1 else {
                problems.append("flow \(id) has \(s.count) start(s) and \(t.count) end(s)")
                continue
            }
            if t[0] < s[0] { problems.append("flow \(id) ends before it starts") }
            if id >> 63 == 1 { spawnFlows += 1 } else { messageFlows += 1 }
        }
    }
}
