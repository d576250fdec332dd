import Foundation

/// Checks a Chrome Trace Event Format file against the format's documented rules, the way a viewer reads it.
///
/// Parsed with Foundation's `JSONSerialization`. Rules checked: the top level is an object with a `traceEvents`
/// array; every event has a known `ph`, a `name`, numeric `pid` and `tid`, and (except metadata) a `ts` ≥ 0 that is
/// a whole number of nanoseconds; complete events have `dur` ≥ 0 and nest properly on their track (sorted by time,
/// each one either after the previous or inside it), and so do B/E pairs; every flow id (per category and name, as
/// viewers key v1 flows) has exactly one start and one end, the end with `bp:"e"`, not before the start; each flow
/// event lies inside exactly one top-level slice of its track (so binding it to "the enclosing slice" is not
/// ambiguous); counters carry numeric arguments; every track used is named by a `thread_name` metadata event, and no
/// two tracks of a process share a name; the top level says `"displayTimeUnit":"ns"`.
struct ChromeTraceChecker {
    /// A trace event as parsed, with the fields the rules use.
    struct TraceEvent {
        var ph: String
        var name: String
        var cat: String
        var pid: Int
        var tid: Int
        var ts: Int64?       // ns
        var dur: Int64?      // ns
        var args: [String: Any]
        var raw: [String: Any]
    }

    var events: [TraceEvent] = []
    var otherData: [String: Any] = [:]
    var problems: [String] = []
    /// Complete flows (one start and one end) by category.
    var flowsByCategory: [String: Int] = [:]

    init(_ bytes: [UInt8]) throws {
        let object = try JSONSerialization.jsonObject(with: Data(bytes))
        guard let top = object as? [String: Any], let list = top["traceEvents"] as? [[String: Any]] else {
            problems.append("the top level is not an object with a traceEvents array of objects")
            return
        }
        otherData = top["otherData"] as? [String: Any] ?? [:]
        if top["displayTimeUnit"] as? String != "ns" {
            problems.append("no \"displayTimeUnit\":\"ns\": Catapult would nest events by times rounded to whole µs")
        }
        for (i, raw) in list.enumerated() {
            guard let ph = raw["ph"] as? String, ["X", "B", "E", "i", "I", "s", "t", "f", "C", "M"].contains(ph) else {
                problems.append("event \(i): missing or unknown ph: \(raw)")
                continue
            }
            guard let name = raw["name"] as? String else { problems.append("event \(i): no name"); continue }
            guard let pid = raw["pid"] as? Int, let tid = raw["tid"] as? Int else {
                problems.append("event \(i): pid and tid must be numbers")
                continue
            }
            var ts: Int64?
            if let value = raw["ts"] {
                guard let t = Self.nanoseconds(value) else { problems.append("event \(i): ts \(value) is not whole ns"); continue }
                guard t >= 0 else { problems.append("event \(i): negative ts"); continue }
                ts = t
            } else if ph != "M" {
                problems.append("event \(i): no ts")
                continue
            }
            var dur: Int64?
            if ph == "X" {
                guard let value = raw["dur"], let d = Self.nanoseconds(value), d >= 0 else {
                    problems.append("event \(i): X without a dur ≥ 0")
                    continue
                }
                dur = d
            }
            events.append(TraceEvent(ph: ph, name: name, cat: raw["cat"] as? String ?? "", pid: pid, tid: tid, ts: ts,
                                     dur: dur, args: raw["args"] as? [String: Any] ?? [:], raw: raw))
        }
        checkNesting()
        checkFlows()
        checkCountersAndNames()
    }

    /// A JSON number of microseconds as whole nanoseconds (nil when it is not a number or has sub-ns digits).
    static func nanoseconds(_ value: Any) -> Int64? {
        guard let number = value as? NSNumber else { return nil }
        let ns = number.doubleValue * 1000
        let rounded = ns.rounded()
        guard abs(ns - rounded) < 1e-3 * max(1, abs(ns) / 1e9) else { return nil }
        return Int64(rounded)
    }

    func count(_ ph: String) -> Int { events.lazy.filter { $0.ph == ph }.count }
    func events(_ ph: String) -> [TraceEvent] { events.filter { $0.ph == ph } }

    struct Track: Hashable { var pid: Int; var tid: Int }

    /// Top-level complete events per track (those not inside an earlier one), sorted.
    var topSlices: [Track: [(start: Int64, end: Int64)]] {
        slicesByTrack.mapValues { slices in
            var top: [(start: Int64, end: Int64)] = []
            for s in slices where top.last.map({ s.start >= $0.end }) ?? true { top.append(s) }
            return top
        }
    }

    /// Complete events per track, sorted by start, then longest first.
    var slicesByTrack: [Track: [(start: Int64, end: Int64)]] {
        var result: [Track: [(start: Int64, end: Int64)]] = [:]
        for e in events where e.ph == "X" {
            result[Track(pid: e.pid, tid: e.tid), default: []].append((e.ts!, e.ts! + e.dur!))
        }
        for key in result.keys {
            result[key]!.sort { $0.start != $1.start ? $0.start < $1.start : $0.end > $1.end }
        }
        return result
    }

    private mutating func checkNesting() {
        for (track, slices) in slicesByTrack {
            var stack: [Int64] = [] // ends of open slices
            for s in slices {
                while let top = stack.last, top <= s.start { stack.removeLast() }
                if let top = stack.last, s.end > top {
                    problems.append("X on pid \(track.pid) tid \(track.tid) [\(s.start), \(s.end)] ns overlaps its enclosing slice ending at \(top)")
                }
                stack.append(s.end)
            }
        }
        // B/E pairs: a stack per track, names matching.
        var open: [Track: [String]] = [:]
        for e in events.filter({ $0.ph == "B" || $0.ph == "E" }).sorted(by: { $0.ts! < $1.ts! }) {
            let track = Track(pid: e.pid, tid: e.tid)
            if e.ph == "B" { open[track, default: []].append(e.name) }
            else if open[track]?.popLast() == nil { problems.append("E without B on tid \(e.tid) at \(e.ts!)") }
        }
        for (track, names) in open where !names.isEmpty { problems.append("B without E on tid \(track.tid): \(names)") }
    }

    private mutating func checkFlows() {
        struct Key: Hashable { var cat: String; var name: String; var id: String }
        var starts: [Key: [TraceEvent]] = [:], ends: [Key: [TraceEvent]] = [:]
        for e in events where e.ph == "s" || e.ph == "f" || e.ph == "t" {
            guard let id = e.raw["id"] else { problems.append("flow event without id at \(e.ts!)"); continue }
            let key = Key(cat: e.cat, name: e.name, id: "\(id)")
            if e.ph == "s" { starts[key, default: []].append(e) }
            if e.ph == "f" {
                ends[key, default: []].append(e)
                if e.raw["bp"] as? String != "e" { problems.append("flow end \(key) without bp:\"e\"") }
            }
        }
        let top = topSlices
        func enclosing(_ e: TraceEvent) -> Int {
            let slices = top[Track(pid: e.pid, tid: e.tid)] ?? []
            // Top-level slices do not overlap: find the last one starting at or before ts, then look back over
            // those that end exactly there.
            var low = 0, high = slices.count
            while low < high {
                let mid = (low + high) / 2
                if slices[mid].start <= e.ts! { low = mid + 1 } else { high = mid }
            }
            var n = 0, i = low - 1
            while i >= 0 && slices[i].end >= e.ts! {
                n += 1
                i -= 1
            }
            return n
        }
        for key in Set(starts.keys).union(ends.keys) {
            let s = starts[key] ?? [], f = ends[key] ?? []
            guard s.count == 1, f.count == 1 else {
                problems.append("flow \(key) has \(s.count) start(s) and \(f.count) end(s); expected one of each")
                continue
            }
            if f[0].ts! < s[0].ts! { problems.append("flow \(key) ends before it starts") }
            for e in [s[0], f[0]] where enclosing(e) != 1 {
                problems.append("flow \(key) \(e.ph) at \(e.ts!) ns on tid \(e.tid) lies in \(enclosing(e)) top-level slices; expected exactly 1")
            }
            flowsByCategory[key.cat, default: 0] += 1
        }
    }

    private mutating func checkCountersAndNames() {
        for e in events where e.ph == "C" {
            if e.args.isEmpty || !e.args.values.allSatisfy({ $0 is NSNumber }) {
                problems.append("counter \(e.name) at \(e.ts!) has no numeric arguments: \(e.args)")
            }
        }
        var named = Set<Track>()
        var trackNames: [Int: [String]] = [:]
        for e in events where e.ph == "M" {
            switch e.name {
            case "thread_name":
                if (e.args["name"] as? String ?? "").isEmpty { problems.append("thread_name without a name") }
                named.insert(Track(pid: e.pid, tid: e.tid))
                trackNames[e.pid, default: []].append(e.args["name"] as? String ?? "")
            case "process_name":
                if (e.args["name"] as? String ?? "").isEmpty { problems.append("process_name without a name") }
            case "thread_sort_index", "process_sort_index":
                if !(e.args["sort_index"] is NSNumber) { problems.append("\(e.name) without a sort_index") }
            default:
                problems.append("unknown metadata event \(e.name)")
            }
        }
        for (pid, names) in trackNames where Set(names).count != names.count {
            problems.append("pid \(pid) has tracks of the same name (a viewer lists them as one): \(names.sorted())")
        }
        for e in events where ["X", "s", "f"].contains(e.ph) || (e.ph == "i" && e.raw["s"] as? String == "t") {
            if !named.contains(Track(pid: e.pid, tid: e.tid)) {
                problems.append("\(e.ph) \(e.name) on pid \(e.pid) tid \(e.tid), a track without a thread_name")
                named.insert(Track(pid: e.pid, tid: e.tid)) // once per track
            }
        }
    }
}
