import Foundation

/// A Chrome trace's events as a sorted list of lines, one per event, that does not depend on the order the events
/// were written in or on the flow ids chosen: what a viewer, which sorts by time, draws.
///
/// Each event becomes `ph name cat tid ts dur {args}` (arguments with sorted keys); each flow becomes one line
/// `flow cat name tid ts -> tid ts` from its start (`ph:"s"`) to its end (`ph:"f"`), whatever its id. The top-level
/// `displayTimeUnit` and `otherData` come first.
enum ChromeEventSet {
    /// The canonical lines of a Chrome trace JSON document.
    static func lines(_ bytes: [UInt8]) throws -> [String] {
        guard let top = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any],
              let events = top["traceEvents"] as? [[String: Any]] else { return ["not a Chrome trace object"] }
        var lines: [String] = []
        var flowStarts: [String: [String: Any]] = [:], flowEnds: [String: [String: Any]] = [:]
        for event in events {
            let ph = event["ph"] as? String ?? "?"
            if ph == "s" || ph == "f" {
                let key = "\(event["cat"] ?? "") \(event["name"] ?? "") \(event["id"] ?? "")"
                if ph == "s" { flowStarts[key] = event } else { flowEnds[key] = event }
                continue
            }
            var line = "\(ph) \(event["name"] ?? "") \(event["cat"] ?? "") \(event["tid"] ?? "")"
            line += " \(event["ts"].map { "\($0)" } ?? "-") \(event["dur"].map { "\($0)" } ?? "-")"
            if let s = event["s"] { line += " s=\(s)" }
            if let args = event["args"] { line += " " + (try text(args)) }
            lines.append(line)
        }
        for (key, start) in flowStarts {
            let end = flowEnds.removeValue(forKey: key)
            let to = end.map { "\($0["tid"] ?? "") \($0["ts"] ?? "") bp=\($0["bp"] ?? "")" } ?? "nothing"
            lines.append("flow \(start["cat"] ?? "") \(start["name"] ?? "") \(start["tid"] ?? "") \(start["ts"] ?? "") -> \(to)")
        }
        for (_, end) in flowEnds { lines.append("flow end alone \(end)") }
        lines.sort()
        let header = ["displayTimeUnit \(top["displayTimeUnit"] ?? "")",
                      "otherData " + (try text(top["otherData"] ?? [:]))]
        return header + lines
    }

    /// A JSON value as text with sorted keys.
    private static func text(_ value: Any) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]),
               as: UTF8.self)
    }
}
