#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of JSON text, to a file or to memory.
///
/// Bytes collect in a 1 MiB buffer that is written out whenever it fills, so memory stays flat however much is
/// exported. Writing never throws on each call: the first failure is kept, later output is dropped, and `close()`
/// reports it. Helpers write JSON values (escaped strings, integers, microseconds with nanosecond decimals).
public final class JSONOutput {
    /// Where the text goes: "-" for standard output, "" for memory.
    public let path: String
    private var buffer: [UInt8] = []
    private let fd: Int32?
    private let ownsFD: Bool
    private var failure: ExportError?
    /// Everything written, when writing to memory.
    public private(set) var memory: [UInt8] = []
    /// Bytes handed to the file (or memory) so far, not counting the buffer.
    public private(set) var bytesWritten = 0

    private static let capacity = 1 << 20

    /// Writes to memory; read the result with `text` after `close()`.
    public init() {
        path = ""
        fd = nil
        ownsFD = false
        buffer.reserveCapacity(Self.capacity)
    }

    /// Creates (or truncates) the file at `path`; "-" writes to standard output.
    /// - Throws: `ExportError` when the file cannot be created.
    public init(path: String) throws(ExportError) {
        self.path = path
        if path == "-" {
            fd = 1
            ownsFD = false
        } else {
            let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard opened >= 0 else {
                throw ExportError(path: path, "cannot create the output file: \(String(cString: strerror(errno))); check the directory exists and is writable")
            }
            fd = opened
            ownsFD = true
        }
        buffer.reserveCapacity(Self.capacity)
    }

    deinit {
        if ownsFD, let fd { _ = Glibc.close(fd) }
    }

    /// The text written to memory so far (after `flush()` or `close()`).
    public var text: String { String(decoding: memory, as: UTF8.self) }

    // MARK: Raw output

    /// Appends one byte.
    @inline(__always)
    public func byte(_ b: UInt8) {
        buffer.append(b)
        if buffer.count >= Self.capacity { drain() }
    }

    /// Appends ASCII text as is (no escaping: for keys and punctuation).
    @inline(__always)
    public func raw(_ s: StaticString) {
        s.withUTF8Buffer { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.capacity { drain() }
    }

    /// Appends text as is (no escaping), e.g. a line already formatted as JSON.
    public func raw(_ s: String) {
        var s = s
        s.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= Self.capacity { drain() }
    }

    // MARK: JSON values

    /// A JSON string literal, escaped.
    public func string(_ s: String) {
        var s = s
        buffer.append(0x22)
        s.withUTF8 { bytes in
            for b in bytes {
                switch b {
                case 0x22: buffer.append(0x5C); buffer.append(0x22)
                case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
                case 0x0D: buffer.append(0x5C); buffer.append(0x72)
                case 0x09: buffer.append(0x5C); buffer.append(0x74)
                case 0..<0x20:
                    buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(b >> 4)], Self.hex[Int(b & 15)]])
                default: buffer.append(b)
                }
            }
        }
        buffer.append(0x22)
        if buffer.count >= Self.capacity { drain() }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// An unsigned integer.
    @inline(__always)
    public func uint(_ value: UInt64) {
        if value < 10 {
            buffer.append(0x30 &+ UInt8(value))
        } else {
            var digits = 1, limit: UInt64 = 10
            while digits < 20 && value >= limit {
                digits += 1
                limit = limit &* 10
            }
            let start = buffer.count
            buffer.append(contentsOf: repeatElement(0x30, count: digits))
            buffer.withUnsafeMutableBufferPointer { b in
                var v = value, i = start + digits - 1
                while v > 0 {
                    b[i] = 0x30 &+ UInt8(v % 10)
                    v /= 10
                    i -= 1
                }
            }
        }
        if buffer.count >= Self.capacity { drain() }
    }

    /// A signed integer.
    public func int(_ value: Int64) {
        if value < 0 {
            buffer.append(0x2D)
            uint(value.magnitude)
        } else {
            uint(UInt64(value))
        }
    }

    /// `true` or `false`.
    public func bool(_ value: Bool) {
        if value { raw("true") } else { raw("false") }
    }

    /// Nanoseconds as microseconds with up to three decimals, exactly (1234 ns → 1.234, 1050 ns → 1.05, 1000 ns → 1).
    @inline(__always)
    public func micros(_ ns: UInt64) {
        uint(ns / 1000)
        let fraction = ns % 1000
        guard fraction != 0 else { return }
        let d1 = fraction / 100, d2 = fraction / 10 % 10, d3 = fraction % 10
        buffer.append(0x2E)
        buffer.append(0x30 &+ UInt8(d1))
        if d2 != 0 || d3 != 0 { buffer.append(0x30 &+ UInt8(d2)) }
        if d3 != 0 { buffer.append(0x30 &+ UInt8(d3)) }
    }

    // MARK: Flushing

    /// Writes the buffer out (to the file or to memory).
    public func flush() throws(ExportError) {
        drain()
        if let failure { throw failure }
    }

    /// Writes the buffer out and closes the file.
    /// - Throws: the first write failure, if any.
    public func close() throws(ExportError) {
        drain()
        if ownsFD, let fd, Glibc.close(fd) != 0, failure == nil {
            failure = ExportError(path: path, "closing the output failed: \(String(cString: strerror(errno)))")
        }
        if let failure { throw failure }
    }

    private func drain() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard failure == nil, !buffer.isEmpty else { return }
        guard let fd else {
            memory.append(contentsOf: buffer)
            bytesWritten += buffer.count
            return
        }
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = ExportError(path: path, "writing the output failed after \(bytesWritten + offset) bytes: \(String(cString: strerror(errno))); check free disk space")
                    return
                }
                offset += n
            }
            bytesWritten += offset
        }
    }
}
