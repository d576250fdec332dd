/// JSON lines: one event as one JSON object, for `weft dump --json` and exports.
///
/// `{"time":1200,"thread":1,"task":2,"kind":"send","args":{"channel":1,"seq":3}}`: ids as numbers (0 for none),
/// strings as JSON strings, enumerations by name, `.int` arguments signed.
public enum TraceJSON {
    /// One event as a JSON object on one line (without a newline).
    public static func line(_ event: Event, strings: (StringID) -> String) -> String {
        var out = "{\"time\":\(event.time),\"thread\":\(event.thread.rawValue),\"task\":\(event.task.rawValue),\"kind\":\"\(event.kind)\",\"args\":{"
        for (i, argument) in event.kind.spec.arguments.enumerated() {
            if i > 0 { out += "," }
            out += "\"\(argument.name)\":"
            let raw = event.args[i]
            switch argument.type {
            case .string: out += quote(strings(StringID(raw)))
            case .int: out += String(Event.unzigzag(raw))
            case .threadRole, .runEndReason, .blockReason, .taskOutcome, .runOutcome:
                out += quote(ArgumentText.format(raw, argument.type, strings: strings))
            default: out += String(raw)
            }
        }
        return out + "}}"
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        StringQuoting.quote(s) { scalar in
            guard scalar.value < 0x20 else { return nil }
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
    }
}
