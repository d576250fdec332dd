/// How one argument value is written in the text form and parsed back, by its `ArgumentType`.
enum ArgumentText {
    /// The text of `raw` read as `type` (strings quoted, through `strings`).
    static func format(_ raw: UInt64, _ type: ArgumentType, strings: (StringID) -> String) -> String {
        switch type {
        case .uint: return String(raw)
        case .int: return String(Event.unzigzag(raw))
        case .task: return TaskID(raw).description
        case .channel: return ChannelID(raw).description
        case .mutex: return MutexID(raw).description
        case .waitGroup: return WaitGroupID(raw).description
        case .condition: return ConditionID(raw).description
        case .semaphore: return SemaphoreID(raw).description
        case .once: return OnceID(raw).description
        case .timer: return TimerID(raw).description
        case .actor: return ActorID(raw).description
        case .thread: return ThreadID(raw).description
        case .object: return ObjectID(raw).description
        case .string: return quote(strings(StringID(raw)))
        case .duration: return "\(raw)ns"
        case .threadRole: return ThreadRole(rawValue: raw)?.description ?? "?\(raw)"
        case .runEndReason: return RunEndReason(rawValue: raw)?.description ?? "?\(raw)"
        case .blockReason: return BlockReason(rawValue: raw)?.description ?? "?\(raw)"
        case .taskOutcome: return TaskOutcome(rawValue: raw)?.description ?? "?\(raw)"
        case .runOutcome: return RunOutcome(rawValue: raw)?.description ?? "?\(raw)"
        }
    }

    /// Parses a value written by `format`; strings are interned through `intern`. Nil when it does not fit `type`.
    static func parse(_ text: String, _ type: ArgumentType, intern: (String) -> StringID) -> UInt64? {
        func prefixed(_ prefix: String) -> UInt64? {
            if text == "-" { return 0 }
            guard text.hasPrefix(prefix) else { return nil }
            return UInt64(text.dropFirst(prefix.count))
        }
        func named<E: RawRepresentable & CaseIterable & CustomStringConvertible>(_: E.Type) -> UInt64? where E.RawValue == UInt64 {
            if let e = E.allCases.first(where: { $0.description == text }) { return e.rawValue }
            return text.hasPrefix("?") ? UInt64(text.dropFirst()) : nil
        }
        switch type {
        case .uint: return UInt64(text)
        case .int: return Int64(text).map(Event.zigzag)
        case .task: return prefixed("t")
        case .channel: return prefixed("ch")
        case .mutex: return prefixed("mu")
        case .waitGroup: return prefixed("wg")
        case .condition: return prefixed("cv")
        case .semaphore: return prefixed("sem")
        case .once: return prefixed("on")
        case .timer: return prefixed("tm")
        case .actor: return prefixed("ac")
        case .thread: return prefixed("T")
        case .object:
            // Any object's spelling (`tm7`, `mu2`, `t6` for a join), or the raw `o7`.
            if text == "-" { return 0 }
            let letters = text.prefix { $0.isLetter }
            guard Self.objectPrefixes.contains(String(letters)) else { return nil }
            return UInt64(text.dropFirst(letters.count))
        case .string: return unquote(text).map { intern($0).rawValue }
        case .duration: return text.hasSuffix("ns") ? UInt64(text.dropLast(2)) : UInt64(text)
        case .threadRole: return named(ThreadRole.self)
        case .runEndReason: return named(RunEndReason.self)
        case .blockReason: return named(BlockReason.self)
        case .taskOutcome: return named(TaskOutcome.self)
        case .runOutcome: return named(RunOutcome.self)
        }
    }

    /// The prefixes an object argument may be spelled with: each kind's, and the raw `o`.
    static let objectPrefixes: Set<String> = ["o", "t", "ch", "mu", "wg", "cv", "sem", "on", "tm", "ac"]

    /// A string in double quotes with `\\`, `\"`, `\n`, `\t`, `\r` and other control characters escaped.
    static func quote(_ s: String) -> String {
        StringQuoting.quote(s) { scalar in
            scalar.value < 0x20 || scalar.value == 0x7F ? "\\u{\(String(scalar.value, radix: 16))}" : nil
        }
    }

    /// The string inside quotes written by `quote`, or nil when `text` is not one.
    static func unquote(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 2, scalars.first == "\"", scalars.last == "\"" else { return nil }
        var out = String.UnicodeScalarView()
        var i = 1
        while i < scalars.count - 1 {
            let c = scalars[i]
            if c == "\\" {
                guard i + 1 < scalars.count - 1 else { return nil }
                let e = scalars[i + 1]
                i += 2
                switch e {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                case "u":
                    guard i < scalars.count - 1, scalars[i] == "{" else { return nil }
                    var hex = ""
                    i += 1
                    while i < scalars.count - 1 && scalars[i] != "}" { hex.unicodeScalars.append(scalars[i]); i += 1 }
                    guard i < scalars.count - 1, let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else { return nil }
                    out.append(u)
                    i += 1
                default: return nil
                }
            } else if c == "\"" {
                return nil
            } else {
                out.append(c)
                i += 1
            }
        }
        return String(out)
    }
}
