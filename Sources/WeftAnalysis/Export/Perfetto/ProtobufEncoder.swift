/// Writes Protocol Buffers wire format by hand: varints, fixed64, and length-delimited fields and messages.
///
/// Only what Perfetto's trace format needs. A nested message is opened with `begin(_:)`, which reserves one byte
/// for its length, and closed with `end(_:)`, which writes the length there (moving the body when the length needs
/// more than one byte), so that a message is written in one pass, front to back.
struct ProtobufEncoder {
    /// The bytes written so far.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    /// The wire types used here.
    enum WireType: UInt64 {
        case varint = 0, fixed64 = 1, lengthDelimited = 2
    }

    /// Forgets the bytes, keeping the storage.
    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    var count: Int { bytes.count }
    var isEmpty: Bool { bytes.isEmpty }

    /// A base-128 varint, low groups first.
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// The number of bytes `varint(value)` writes.
    static func varintSize(_ value: UInt64) -> Int {
        var n = 1, v = value
        while v >= 0x80 {
            n += 1
            v >>= 7
        }
        return n
    }

    mutating func tag(_ field: UInt64, _ type: WireType) { varint(field << 3 | type.rawValue) }

    /// An unsigned integer field (uint32, uint64, bool, enum).
    mutating func uint(_ field: UInt64, _ value: UInt64) {
        tag(field, .varint)
        varint(value)
    }

    /// A signed integer field (int32, int64: negative values take ten bytes, as the format says).
    mutating func int(_ field: UInt64, _ value: Int64) {
        tag(field, .varint)
        varint(UInt64(bitPattern: value))
    }

    mutating func bool(_ field: UInt64, _ value: Bool) { uint(field, value ? 1 : 0) }

    /// A fixed64 field, little-endian.
    mutating func fixed64(_ field: UInt64, _ value: UInt64) {
        tag(field, .fixed64)
        var v = value
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// A string (or bytes) field, as UTF-8.
    mutating func string(_ field: UInt64, _ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            tag(field, .lengthDelimited)
            varint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// A length-delimited field holding bytes already encoded (a message written elsewhere).
    mutating func message(_ field: UInt64, _ body: [UInt8]) {
        tag(field, .lengthDelimited)
        varint(UInt64(body.count))
        bytes.append(contentsOf: body)
    }

    /// A length-delimited field holding bytes already encoded, from a buffer.
    mutating func message(_ field: UInt64, _ body: UnsafeBufferPointer<UInt8>) {
        tag(field, .lengthDelimited)
        varint(UInt64(body.count))
        bytes.append(contentsOf: body)
    }

    /// Calls `body` with the bytes written so far.
    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer(body)
    }

    /// Opens a nested message: returns where its length goes, for `end(_:)`.
    mutating func begin(_ field: UInt64) -> Int {
        tag(field, .lengthDelimited)
        bytes.append(0)
        return bytes.count - 1
    }

    /// Closes the nested message opened at `mark`, writing its length.
    mutating func end(_ mark: Int) {
        let length = bytes.count - mark - 1
        if length < 0x80 {
            bytes[mark] = UInt8(length)
            return
        }
        var prefix: [UInt8] = []
        var v = UInt64(length)
        while v >= 0x80 {
            prefix.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        prefix.append(UInt8(truncatingIfNeeded: v))
        bytes.replaceSubrange(mark..<(mark + 1), with: prefix)
    }
}
