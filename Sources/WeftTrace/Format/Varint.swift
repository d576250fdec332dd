/// LEB128 variable-length unsigned integers: seven bits a byte, low bits first, high bit set on every byte but the last.
public enum Varint {
    /// The most bytes one encoded value takes.
    public static let maxBytes = 10

    /// Writes `value` at `offset` in raw memory and returns the offset after it. The caller guarantees room.
    @inlinable @inline(__always)
    public static func put(_ value: UInt64, _ memory: UnsafeMutableRawPointer, _ offset: Int) -> Int {
        var value = value
        var offset = offset
        while value >= 0x80 {
            memory.storeBytes(of: UInt8(truncatingIfNeeded: value) | 0x80, toByteOffset: offset, as: UInt8.self)
            value >>= 7
            offset &+= 1
        }
        memory.storeBytes(of: UInt8(truncatingIfNeeded: value), toByteOffset: offset, as: UInt8.self)
        return offset &+ 1
    }

    /// Appends `value` to a byte array.
    @inlinable
    public static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    /// The number of bytes `value` takes.
    @inlinable
    public static func size(_ value: UInt64) -> Int {
        var value = value
        var n = 1
        while value >= 0x80 { value >>= 7; n += 1 }
        return n
    }

    /// Reads one value from `bytes` at `offset` (advancing it), not reading at or past `end`.
    /// - Returns: nil when the value runs past `end` or is longer than ten bytes (or overflows 64 bits).
    @inlinable @inline(__always)
    public static func read(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int, end: Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var i = offset
        while i < end {
            let byte = bytes[i]
            i &+= 1
            if shift == 63 && byte > 1 { return nil }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                offset = i
                return result
            }
            shift &+= 7
            if shift > 63 { return nil }
        }
        return nil
    }
}
