#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a trace, from memory or read from a file descriptor a megabyte at a time (memory stays flat).
final class ByteInput {
    private var buffer: [UInt8]
    /// Index in `buffer` of the next unread byte.
    private var position = 0
    /// File offset of `buffer[0]`.
    private var bufferOffset = 0
    private let fd: Int32
    private let ownsFD: Bool
    private var ended: Bool
    private(set) var failure: String?

    /// Reads `bytes` from memory.
    init(bytes: [UInt8]) {
        buffer = bytes
        fd = -1
        ownsFD = false
        ended = true
    }

    /// Reads from `fd` (closed when done if `owns`).
    init(fd: Int32, owns: Bool) {
        buffer = []
        self.fd = fd
        ownsFD = owns
        ended = false
    }

    deinit { if ownsFD && fd >= 0 { close(fd) } }

    /// The trailer at the end of the input, read ahead without consuming anything (`TrailerPeek`); nil when the
    /// input is a pipe or does not end with one.
    func peekTrailer() -> TraceTrailer? {
        guard fd < 0 else { return TrailerPeek.read(fd: fd) }
        let tail = Array(buffer.suffix(TrailerPeek.maxRecordBytes))
        return TrailerPeek.parse(tail: tail, fileBytes: buffer.count)
    }

    /// The file offset of the next unread byte.
    var offset: Int { bufferOffset + position }

    /// Bytes available without reading more.
    var available: Int { buffer.count - position }

    /// Makes at least `count` bytes available if the input has them. Returns whether it could.
    func ensure(_ count: Int) -> Bool {
        while available < count && !ended { readMore(count - available) }
        return available >= count
    }

    /// Whether every byte has been consumed.
    var atEnd: Bool { !ensure(1) }

    /// The byte `ahead` bytes after the next unread one (which `ensure` made available).
    func peek(_ ahead: Int = 0) -> UInt8 { buffer[position + ahead] }

    /// Consumes `count` available bytes.
    func skip(_ count: Int) { position += count }

    /// Consumes and returns `count` available bytes.
    func take(_ count: Int) -> [UInt8] {
        defer { position += count }
        return Array(buffer[position..<(position + count)])
    }

    /// Reads a varint of at most ten bytes, if the input holds one whole.
    /// - Returns: `.value`, `.truncated` (input ended inside it) or `.invalid`.
    func varint() -> VarintResult {
        _ = ensure(Varint.maxBytes)
        let end = min(buffer.count, position + Varint.maxBytes)
        var o = position
        let value: UInt64? = buffer.withUnsafeBytes { Varint.read($0, &o, end: end) }
        if let value {
            position = o
            return .value(value)
        }
        return end - position < Varint.maxBytes && (end == buffer.count) ? .truncated : .invalid
    }

    enum VarintResult { case value(UInt64), truncated, invalid }

    /// Consumes the rest of the input and returns how many bytes it held.
    func drain() -> Int {
        var n = available
        position = buffer.count
        while !ended {
            readMore(1 << 20)
            n += available
            position = buffer.count
        }
        return n
    }

    private func readMore(_ atLeast: Int) {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeFirst(position)
            bufferOffset += position
            position = 0
        }
        let want = max(atLeast, 256 << 10)
        var n = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: want) { memory, count in
            n = read(fd, memory.baseAddress!, want)
            count = max(0, n)
        }
        if n < 0 && errno == EINTR { return }
        buffer += chunk
        if n < 0 { failure = String(cString: strerror(errno)) }
        if n <= 0 { ended = true }
    }
}
