#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of JSON text (or of any bytes, with `bytes(_:)`), to a file or to memory.
///
/// Bytes collect in a 1 MiB buffer that is written out whenever it fills, so memory stays flat however much is
/// exported. Writing never throws on each call: the first failure is kept, later output is dropped, and `close()`
/// reports it. Helpers write JSON values (escaped strings, integers, microseconds with nanosecond decimals).
public final class JSONOutput {
    /// Where the text goes: "-" for standard output, "" for memory.
    public let path: String
    /// The buffer: `capacity` bytes, of which the first `count` are waiting to be written. A raw buffer, so that
    /// the hot path is a store and an add (no uniqueness or exclusivity checks).
    private let base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var count = 0
    private let fd: Int32?
    /// Whether `deinit` or `close()` must still close `fd`; false once it is closed, so it is closed exactly once.
    private var ownsFD: Bool
    private var failure: ExportError?
    /// Everything written, when writing to memory.
    public private(set) var memory: [UInt8] = []
    /// Bytes handed to the file (or memory) so far, not counting the buffer.
    public private(set) var bytesWritten = 0
    /// Every byte written so far, the buffered ones included.
    public var totalBytes: Int { bytesWritten + count }

    /// The buffer's size: 1 MiB (smaller for a scratch output that builds a `JSONFragment`).
    private let capacity: Int

    /// Writes to memory; read the result with `text` or `memory` after `close()`.
    public convenience init() { self.init(capacity: 1 << 20) }

    /// Writes to memory through a buffer of `capacity` bytes (at least 64).
    init(capacity: Int) {
        path = ""
        fd = nil
        ownsFD = false
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
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
        capacity = 1 << 20
        base = .allocate(capacity: capacity)
    }

    deinit {
        if ownsFD, let fd { _ = Glibc.close(fd) }
        base.deallocate()
    }

    /// The text written to memory so far (after `flush()` or `close()`).
    public var text: String { String(decoding: memory, as: UTF8.self) }

    // MARK: Raw output

    /// Makes room for `n` more bytes (n ≤ capacity).
    @inline(__always)
    private func reserve(_ n: Int) {
        if count + n > capacity { drain() }
    }

    /// Appends bytes as they are. Most pieces are a few bytes (a key, punctuation, a name): those up to 32 bytes
    /// are copied as overlapping 8-byte words, without a call to `memmove`.
    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n <= capacity else {
            drain()
            put(UnsafeRawBufferPointer(bytes))
            return
        }
        guard let source = bytes.baseAddress else { return }
        reserve(n)
        let target = base + count
        if n >= 8 && n <= 32 {
            let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
            let head = from.loadUnaligned(as: UInt64.self), tail = from.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            if n > 16 {
                let second = from.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                let third = from.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
                to.storeBytes(of: second, toByteOffset: 8, as: UInt64.self)
                to.storeBytes(of: third, toByteOffset: n - 16, as: UInt64.self)
            }
            to.storeBytes(of: head, as: UInt64.self)
            to.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n < 8 {
            for i in 0..<n { target[i] = source[i] }
        } else {
            target.update(from: source, count: n)
        }
        count += n
    }

    /// Appends one byte.
    @inline(__always)
    public func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends ASCII text as is (no escaping: for keys and punctuation).
    @inline(__always)
    public func raw(_ s: StaticString) {
        s.withUTF8Buffer { append($0) }
    }

    /// Appends text as is (no escaping), e.g. a line already formatted as JSON. Disfavoured, so that a literal
    /// (`out.raw(",\n")`) takes `raw(_: StaticString)`: no `String` made, retained and released per piece.
    @_disfavoredOverload
    public func raw(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    /// Appends bytes as they are (binary output: the Perfetto protobuf export writes through this).
    public func bytes(_ bytes: UnsafeBufferPointer<UInt8>) { append(bytes) }

    /// Appends text prepared once (see `JSONFragment`).
    @inline(__always)
    public func fragment(_ f: JSONFragment) { f.bytes.withUnsafeBufferPointer { append($0) } }

    // MARK: JSON values

    /// A JSON string literal, escaped.
    public func string(_ s: String) {
        var s = s
        byte(0x22)
        s.withUTF8 { bytes in
            var clean = true
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C {
                clean = false
                break
            }
            if clean {
                append(bytes)
                return
            }
            for b in bytes {
                reserve(6)
                switch b {
                case 0x22: base[count] = 0x5C; base[count + 1] = 0x22; count += 2
                case 0x5C: base[count] = 0x5C; base[count + 1] = 0x5C; count += 2
                case 0x0A: base[count] = 0x5C; base[count + 1] = 0x6E; count += 2
                case 0x0D: base[count] = 0x5C; base[count + 1] = 0x72; count += 2
                case 0x09: base[count] = 0x5C; base[count + 1] = 0x74; count += 2
                case 0..<0x20:
                    base[count] = 0x5C; base[count + 1] = 0x75; base[count + 2] = 0x30; base[count + 3] = 0x30
                    base[count + 4] = Self.hex(b >> 4); base[count + 5] = Self.hex(b & 15)
                    count += 6
                default: base[count] = b; count += 1
                }
            }
        }
        byte(0x22)
    }

    @inline(__always)
    private static func hex(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    /// An unsigned integer.
    @inline(__always)
    public func uint(_ value: UInt64) {
        reserve(20)
        if value < 10 {
            base[count] = 0x30 &+ UInt8(value)
            count += 1
            return
        }
        var digits = 1, limit: UInt64 = 10
        while digits < 20 && value >= limit {
            digits += 1
            limit = limit &* 10
        }
        var v = value, i = count + digits - 1
        while v > 0 {
            base[i] = 0x30 &+ UInt8(v % 10)
            v /= 10
            i -= 1
        }
        count += digits
    }

    /// A signed integer.
    public func int(_ value: Int64) {
        if value < 0 {
            byte(0x2D)
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
        reserve(4)
        let d1 = fraction / 100, d2 = fraction / 10 % 10, d3 = fraction % 10
        base[count] = 0x2E
        base[count + 1] = 0x30 &+ UInt8(d1)
        count += 2
        if d2 != 0 || d3 != 0 {
            base[count] = 0x30 &+ UInt8(d2)
            count += 1
        }
        if d3 != 0 {
            base[count] = 0x30 &+ UInt8(d3)
            count += 1
        }
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
        if ownsFD, let fd {
            ownsFD = false
            if Glibc.close(fd) != 0, failure == nil {
                failure = ExportError(path: path, "closing the output failed: \(String(cString: strerror(errno)))")
            }
        }
        if let failure { throw failure }
    }

    /// What was written to memory so far, taken out (the memory output starts empty again).
    func takeMemory() -> [UInt8] {
        drain()
        defer {
            memory = []
            bytesWritten = 0
        }
        return memory
    }

    private func drain() {
        guard count > 0 else { return }
        put(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    /// Hands bytes to the file or to memory.
    private func put(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, !bytes.isEmpty else { return }
        guard let fd else {
            memory.append(contentsOf: bytes)
            bytesWritten += bytes.count
            return
        }
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
