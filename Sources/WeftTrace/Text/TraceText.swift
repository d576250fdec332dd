/// Text form: one event a line; parses back into events + strings.
///
/// A line reads `TIME THREAD TASK KIND NAME=VALUE …`, e.g. `1200 T1 t2 send channel=ch1 seq=3`: the time in
/// nanoseconds since the start, the thread (`T1`), the running task (`t2`, or `-`), the kind's name, and its
/// arguments by name, typed as in the event table (`ch3`, `mu2`, `t5`, `"quoted strings"`, `blocked`, `1500ns`).
/// Blank lines and lines starting with `#` are ignored.
public enum TraceText {
    /// One event as a line (without a newline).
    public static func format(_ event: Event, strings: (StringID) -> String) -> String {
        var line = "\(event.time) \(event.thread) \(event.task) \(event.kind)"
        let arguments = event.kind.spec.arguments
        // A block's object is spelled by its kind, as every other tool spells it (`object=tm7`, `object=mu2`).
        var reason: BlockReason?
        for (i, argument) in arguments.enumerated() {
            if argument.type == .blockReason { reason = BlockReason(rawValue: event.args[i]) }
            let value = argument.type == .object && event.args[i] != 0
                ? reason?.spell(ObjectID(event.args[i])) ?? ArgumentText.format(event.args[i], argument.type, strings: strings)
                : ArgumentText.format(event.args[i], argument.type, strings: strings)
            line += " \(argument.name)=\(value)"
        }
        return line
    }

    /// Every event of a stream as text, one a line, each ending in a newline.
    public static func format(_ stream: EventStream) throws(TraceError) -> String {
        var out = ""
        while let e = try stream.next() {
            out += format(e, strings: stream.string)
            out += "\n"
        }
        return out
    }

    /// Parses text written by `format` into an event list with its strings.
    /// - Throws: `TraceError.syntax` naming the line and what was expected.
    public static func parse(_ text: String) throws(TraceError) -> EventList {
        let list = EventList()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.trimmingSuffix(while: { $0 == "\r" || $0 == " " || $0 == "\t" })
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let tokens = tokenize(trimmed) else {
                throw TraceError(.syntax, "an unterminated string (expected a closing \")", line: lineNumber)
            }
            list.append(try parseLine(tokens, line: lineNumber, into: list))
        }
        return list
    }

    private static func parseLine(_ tokens: [Substring], line: Int, into list: EventList) throws(TraceError) -> Event {
        func fail(_ message: String) -> TraceError { TraceError(.syntax, message, line: line) }
        guard tokens.count >= 4 else {
            throw fail("expected TIME THREAD TASK KIND [NAME=VALUE …], found \(tokens.count) field(s)")
        }
        guard let time = UInt64(tokens[0]) else { throw fail("the time \"\(tokens[0])\" is not a number of nanoseconds") }
        guard tokens[1].hasPrefix("T"), let thread = UInt64(tokens[1].dropFirst()), thread >= 1 else {
            throw fail("the thread \"\(tokens[1])\" should look like T1")
        }
        let task: UInt64
        if tokens[2] == "-" {
            task = 0
        } else if tokens[2].hasPrefix("t"), let t = UInt64(tokens[2].dropFirst()) {
            task = t
        } else {
            throw fail("the task \"\(tokens[2])\" should look like t3, or - for none")
        }
        guard let kind = EventKind(name: String(tokens[3])) else {
            throw fail("unknown event kind \"\(tokens[3])\" (expected a name from the event table, e.g. runBegin, send)")
        }
        let spec = kind.spec
        var args = EventArguments()
        var given = Set<Int>()
        for token in tokens.dropFirst(4) {
            guard let eq = token.firstIndex(of: "=") else { throw fail("expected NAME=VALUE, found \"\(token)\"") }
            let name = String(token[..<eq])
            let value = String(token[token.index(after: eq)...])
            guard let index = spec.argumentIndex(name) else {
                throw fail("\(kind) has no argument \"\(name)\" (it has: \(spec.arguments.map(\.name).joined(separator: ", ")))")
            }
            let type = spec.arguments[index].type
            guard let raw = ArgumentText.parse(value, type, intern: list.intern) else {
                throw fail("argument \(name) of \(kind) should be a \(type), found \(value)")
            }
            guard given.insert(index).inserted else { throw fail("argument \(name) is given twice") }
            args[index] = raw
        }
        return Event(kind: kind, time: time, thread: ThreadID(thread), task: TaskID(task), args: args)
    }

    /// Splits on blanks, keeping quoted strings (with escapes) whole. Nil when a quote is not closed.
    static func tokenize(_ line: Substring) -> [Substring]? {
        var tokens: [Substring] = []
        var start: Substring.Index?
        var inQuote = false
        var escaped = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if inQuote {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inQuote = false }
            } else if c == " " || c == "\t" {
                if let s = start { tokens.append(line[s..<i]); start = nil }
            } else {
                if start == nil { start = i }
                if c == "\"" { inQuote = true }
            }
            i = line.index(after: i)
        }
        if inQuote { return nil }
        if let s = start { tokens.append(line[s...]) }
        return tokens
    }
}

extension Substring {
    func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, predicate(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
