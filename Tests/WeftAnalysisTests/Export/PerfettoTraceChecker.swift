import Foundation

/// Decodes a Perfetto protobuf trace with a minimal wire reader of its own (independent of the exporter's encoder)
/// and checks the rules a viewer relies on: the sequence's state is cleared before anything uses it; every
/// interned id is defined before its use; every track an event uses (its own, or a counter it carries) is
/// described; every slice end closes a begin on its track (in time order); every flow ends at most once before its
/// id starts another, never before its start; one process, whose id is one of its threads'. Incremental timestamps are
/// resolved against each sequence's clock snapshot.
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
        var pid: UInt64?
        /// `sibling_order_rank`: the viewer's order among siblings.
        var rank: Int64?
    }

    var events: [TrackEvent] = []
    var tracks: [UInt64: Track] = [:]
    var problems: [String] = []
    var packets = 0
    /// Complete flows: message flows (ending at an instant) and spawn flows (ending at a slice's begin).
    var messageFlows = 0, spawnFlows = 0
    /// Flows started and never ended (a message never received, a task never run).
    var openFlows = 0

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

    /// What one packet sequence has set: whether its state was cleared, its interned strings, its clocks and
    /// defaults.
    struct Sequence {
        var cleared = false
        var names: [UInt64: [UInt64: String]] = [2: [:], 3: [:], 29: [:]] // interned, by InternedData field
        var incremental: UInt64?
        var clock: UInt64 = 0
        var defaultClock: UInt64 = 6
        var defaultTrack: UInt64?
        var defaultCounterTracks: [UInt64] = []
    }

    init(_ data: [UInt8]) {
        guard let top = Self.fields(data[...]) else {
            problems.append("not a protobuf message")
            return
        }
        var sequences: [UInt64: Sequence] = [:]
        var usedTracks: Set<UInt64> = []
        for (order, packetField) in top.enumerated() {
            guard packetField.number == 1, let packet = Self.fields(packetField.bytes) else {
                problems.append("top-level field \(packetField.number) is not a well-formed TracePacket")
                continue
            }
            packets += 1
            let seqID = packet.first { $0.number == 10 }?.varint ?? 0
            if seqID == 0 { problems.append("packet \(order): no trusted_packet_sequence_id") }
            var seq = sequences[seqID] ?? Sequence()
            if packet.contains(where: { $0.number == 13 && $0.varint & 1 != 0 }) { seq = Sequence(cleared: true) }
            var timestamp: UInt64?, clockID: UInt64?
            var eventBytes: ArraySlice<UInt8>?
            for f in packet {
                switch f.number {
                case 8: timestamp = f.varint
                case 58: clockID = f.varint
                case 6: // clock_snapshot
                    for c in Self.fields(f.bytes) ?? [] where c.number == 1 {
                        let clockFields = Self.fields(c.bytes) ?? []
                        let id = clockFields.first { $0.number == 1 }?.varint ?? 0
                        if clockFields.contains(where: { $0.number == 3 && $0.varint == 1 }) {
                            seq.incremental = id
                            seq.clock = clockFields.first { $0.number == 2 }?.varint ?? 0
                        }
                    }
                case 59: // trace_packet_defaults
                    for d in Self.fields(f.bytes) ?? [] {
                        if d.number == 58 { seq.defaultClock = d.varint }
                        if d.number == 11 {
                            let defaults = Self.fields(d.bytes) ?? []
                            seq.defaultCounterTracks = defaults.filter { $0.number == 31 }.map(\.varint)
                            seq.defaultTrack = defaults.first { $0.number == 11 }?.varint
                        }
                    }
                case 12: // interned_data
                    if !seq.cleared { problems.append("packet \(order): interned data before the sequence's state was cleared") }
                    for entry in Self.fields(f.bytes) ?? [] where seq.names[entry.number] != nil {
                        let e = Self.fields(entry.bytes) ?? []
                        let iid = e.first { $0.number == 1 }?.varint ?? 0
                        let text = e.first { $0.number == 2 }.map { Self.string($0.bytes) } ?? ""
                        if seq.names[entry.number]![iid] != nil { problems.append("packet \(order): iid \(iid) defined twice") }
                        seq.names[entry.number]![iid] = text
                    }
                case 60: // track_descriptor
                    var track = Track(uuid: 0)
                    for d in Self.fields(f.bytes) ?? [] {
                        switch d.number {
                        case 1: track.uuid = d.varint
                        case 2: track.name = Self.string(d.bytes)
                        case 5: track.parent = d.varint
                        case 8: track.isCounter = true
                        case 12: track.rank = Int64(bitPattern: d.varint)
                        case 3:
                            let p = Self.fields(d.bytes) ?? []
                            track.name = p.first { $0.number == 6 }.map { Self.string($0.bytes) } ?? ""
                            track.pid = p.first { $0.number == 1 }?.varint
                        case 4:
                            let t = Self.fields(d.bytes) ?? []
                            track.name = t.first { $0.number == 5 }.map { Self.string($0.bytes) } ?? ""
                            track.tid = t.first { $0.number == 2 }?.varint
                            track.pid = t.first { $0.number == 1 }?.varint
                        default: break
                        }
                    }
                    if tracks[track.uuid] != nil { problems.append("packet \(order): track \(track.uuid) described twice") }
                    tracks[track.uuid] = track
                case 11: eventBytes = f.bytes
                default: break
                }
            }
            defer { sequences[seqID] = seq }
            guard let eventBytes else { continue }
            if !seq.cleared { problems.append("packet \(order): a track event before its sequence's state was cleared") }
            var time = timestamp ?? 0
            if (clockID ?? seq.defaultClock) == seq.incremental {
                seq.clock += timestamp ?? 0
                time = seq.clock
            }
            var e = TrackEvent(time: time, order: order, type: 0, track: seq.defaultTrack ?? 0)
            for f in Self.fields(eventBytes) ?? [] {
                switch f.number {
                case 9: e.type = f.varint
                case 11: e.track = f.varint
                case 10:
                    e.name = seq.names[2]![f.varint]
                    if e.name == nil { problems.append("packet \(order): event name iid \(f.varint) used before it is defined") }
                case 23: e.name = Self.string(f.bytes)
                case 47, 36: e.flows.append(f.varint)
                case 48, 42: e.terminating.append(f.varint)
                case 31: e.extraCounterTracks.append(f.varint)
                case 12: e.extraCounterValues.append(Int64(bitPattern: f.varint))
                case 30: e.counterValue = Int64(bitPattern: f.varint)
                case 4:
                    var name = "", value = ""
                    for a in Self.fields(f.bytes) ?? [] {
                        switch a.number {
                        case 1:
                            name = seq.names[3]![a.varint] ?? ""
                            if name.isEmpty { problems.append("packet \(order): annotation name iid \(a.varint) used before it is defined") }
                        case 10: name = Self.string(a.bytes)
                        case 3: value = String(a.varint)
                        case 4: value = String(Int64(bitPattern: a.varint))
                        case 6: value = Self.string(a.bytes)
                        case 17:
                            value = seq.names[29]![a.varint] ?? ""
                            if seq.names[29]![a.varint] == nil { problems.append("packet \(order): string value iid \(a.varint) used before it is defined") }
                        default: break
                        }
                    }
                    e.annotations[name] = value
                default: break
                }
            }
            if e.track == 0 { problems.append("packet \(order): a track event without a track") }
            if e.extraCounterTracks.isEmpty && !e.extraCounterValues.isEmpty {
                e.extraCounterTracks = Array(seq.defaultCounterTracks.prefix(e.extraCounterValues.count))
            }
            if e.extraCounterTracks.count != e.extraCounterValues.count {
                problems.append("packet \(order): \(e.extraCounterValues.count) counter values for \(e.extraCounterTracks.count) tracks")
            }
            usedTracks.insert(e.track)
            usedTracks.formUnion(e.extraCounterTracks)
            events.append(e)
        }
        for uuid in usedTracks.sorted() where tracks[uuid] == nil { problems.append("track \(uuid) is used but not described") }
        checkThreads()
        checkSlicesAndFlows()
    }

    /// Every thread belongs to the one process, with a tid of its own, and the process's id is one of its threads'
    /// (else the viewer shows an empty main thread of that id).
    private mutating func checkThreads() {
        let processes = tracks.values.filter { $0.tid == nil && $0.pid != nil }
        guard let process = processes.first, processes.count == 1 else {
            problems.append("\(processes.count) processes described; expected one")
            return
        }
        let threads = tracks.values.filter { $0.tid != nil }
        if threads.contains(where: { $0.pid != process.pid }) { problems.append("a thread of another process") }
        if Set(threads.map(\.tid)).count != threads.count { problems.append("two thread tracks share a tid") }
        if !threads.isEmpty && !threads.contains(where: { $0.tid == process.pid }) {
            problems.append("the process's id \(process.pid ?? 0) is no thread's: the viewer would show an empty thread")
        }
    }

    /// Thread tracks (or the process's child tracks) in the order the viewer shows them: by sibling rank.
    func orderedNames(threads: Bool) -> [String] {
        tracks.values.filter { threads ? $0.tid != nil : ($0.parent != nil && !$0.isCounter) }
            .sorted { ($0.rank ?? 0, $0.uuid) < ($1.rank ?? 0, $1.uuid) }.map(\.name)
    }

    /// Slices nest on each track; flows, in time order, go start → end with an id free at its start (an id is
    /// free again once a flow ended with it): a flow ending at a slice's begin is a spawn's, at an instant a
    /// message's; `openFlows` counts the starts never ended.
    private mutating func checkSlicesAndFlows() {
        var depth: [UInt64: Int] = [:]
        var open: [UInt64: UInt64] = [:] // flow id → start time
        for e in events.sorted(by: { ($0.time, $0.order) < ($1.time, $1.order) }) {
            if e.type == 1 { depth[e.track, default: 0] += 1 }
            if e.type == 2 {
                if depth[e.track, default: 0] == 0 { problems.append("slice end at \(e.time) on track \(e.track) without a begin") }
                else { depth[e.track]! -= 1 }
            }
            for f in e.terminating {
                guard let start = open.removeValue(forKey: f) else {
                    problems.append("flow \(f) ends at \(e.time) without a start")
                    continue
                }
                if e.time < start { problems.append("flow \(f) ends before it starts") }
                if e.type == 1 { spawnFlows += 1 } else { messageFlows += 1 }
            }
            for f in e.flows {
                if open[f] != nil { problems.append("flow \(f) starts again at \(e.time) before its end") }
                open[f] = e.time
            }
        }
        openFlows = open.count
    }
}
