/// The event table as read from a trace's header: how to decode and name each kind code.
struct HeaderTable {
    struct Row {
        var code: UInt8
        var name: String
        var arguments: [(name: String, type: UInt8, encoding: TraceFormat.ArgumentEncoding)]
        /// The kind, when this reader knows the code.
        var kind: EventKind?
        /// Per argument: its delta slot in a batch cursor, or -1.
        var deltaSlots: [Int]
    }

    /// Rows by code.
    var rows: [Row?] = Array(repeating: nil, count: 256)
    /// The rows this reader knows, in header order.
    var specs: [EventSpec] = []
    /// Kinds in the header that this reader does not know: code and name.
    var unknown: [(code: UInt8, name: String)] = []
    /// How many delta slots the table uses.
    var deltaCount = 0
    /// Delta slot by (code, argument).
    var deltaSlotIndex: [Int: Int] = [:]

    /// The delta slot of argument `argument` of `code`, or nil.
    func deltaSlot(code: UInt8, argument: Int) -> Int? { deltaSlotIndex[Int(code) << 4 | argument] }
}

extension HeaderTable {
    /// Parses a header payload.
    /// - Throws: a description of what is wrong, with the offset inside the payload.
    static func parse(_ p: [UInt8]) throws(HeaderProblem) -> (nanosecondsPerUnit: Double, table: HeaderTable) {
        var o = 0
        guard p.count >= 8 else { throw HeaderProblem(offset: 0, message: "the header is too short for its time unit") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(p[i]) << (8 * UInt64(i)) }
        o = 8
        let unit = Double(bitPattern: bits)
        guard unit.isFinite, unit > 0, unit <= 1e9 else {
            throw HeaderProblem(offset: 0, message: "the time unit \(unit) ns is impossible (expected a positive number up to 1e9)")
        }
        func varint() throws(HeaderProblem) -> UInt64 {
            let at = o
            let v: UInt64? = p.withUnsafeBytes { Varint.read($0, &o, end: p.count) }
            guard let v else { throw HeaderProblem(offset: at, message: "a number in the event table is cut or too long") }
            return v
        }
        func byte() throws(HeaderProblem) -> UInt8 {
            guard o < p.count else { throw HeaderProblem(offset: o, message: "the event table ends early") }
            defer { o += 1 }
            return p[o]
        }
        func string() throws(HeaderProblem) -> String {
            let at = o
            let n = try varint()
            guard n <= 256, o + Int(n) <= p.count else {
                throw HeaderProblem(offset: at, message: "a name in the event table has an impossible length \(n) (expected at most 256 bytes, within the header)")
            }
            defer { o += Int(n) }
            return String(decoding: p[o..<(o + Int(n))], as: UTF8.self)
        }
        var table = HeaderTable()
        let count = try varint()
        guard count <= 256 else { throw HeaderProblem(offset: 8, message: "the event table claims \(count) kinds (at most 256)") }
        for _ in 0..<count {
            let at = o
            let code = try byte()
            let name = try string()
            let argc = Int(try byte())
            guard argc <= 16 else { throw HeaderProblem(offset: at, message: "kind \(code) claims \(argc) arguments (at most 16)") }
            var arguments: [(name: String, type: UInt8, encoding: TraceFormat.ArgumentEncoding)] = []
            var slots: [Int] = []
            for i in 0..<argc {
                let argName = try string()
                let type = try byte()
                let encodingAt = o
                guard let encoding = TraceFormat.ArgumentEncoding(rawValue: try byte()) else {
                    throw HeaderProblem(offset: encodingAt, message: "argument \(argName) of kind \(name) has an unknown encoding (expected 0 or 1)")
                }
                arguments.append((argName, type, encoding))
                if encoding == .delta {
                    table.deltaSlotIndex[Int(code) << 4 | i] = table.deltaCount
                    slots.append(table.deltaCount)
                    table.deltaCount += 1
                } else {
                    slots.append(-1)
                }
            }
            guard table.rows[Int(code)] == nil else { throw HeaderProblem(offset: at, message: "kind code \(code) appears twice in the event table") }
            var kind = EventKind(rawValue: code)
            if let k = kind, argc > EventSpec.maxArguments || k.spec.name != name { kind = nil }
            table.rows[Int(code)] = Row(code: code, name: name, arguments: arguments, kind: kind, deltaSlots: slots)
            if let kind { table.specs.append(kind.spec) } else { table.unknown.append((code, name)) }
        }
        guard o == p.count else { throw HeaderProblem(offset: o, message: "\(p.count - o) unexpected bytes after the event table") }
        return (unit, table)
    }
}

/// A problem in the header payload.
struct HeaderProblem: Error {
    var offset: Int
    var message: String
}
