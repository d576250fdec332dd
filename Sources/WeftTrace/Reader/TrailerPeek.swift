#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The trailer read from the end of a trace before its events: how many events of each kind the trace holds, so
/// that a consumer can size its per-task arrays once instead of growing them (`EventStream.expectedTotals`).
///
/// Only a hint. The last bytes are taken for a trailer when they parse as one exactly (a `T` record ending at the
/// end, whose per-kind counts add up to its event count, no more events than the trace has bytes); the reader
/// still checks the trailer it reaches against the events it decoded, and a trace without one gives nil.
enum TrailerPeek {
    /// The most bytes a trailer record takes: its tag and length, five counts, and 256 kinds each with a count.
    static let maxRecordBytes = 1 + Varint.maxBytes * 7 + 256 * (1 + Varint.maxBytes)

    /// The trailer ending the file open as `fd`, read without moving its offset; nil for a pipe, a file without a
    /// trailer, or one whose end does not parse as one.
    static func read(fd: Int32) -> TraceTrailer? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_size > 0 else { return nil }
        let size = Int(info.st_size)
        let count = min(size, maxRecordBytes)
        var tail = [UInt8](repeating: 0, count: count)
        let read = tail.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(size - count)) }
        guard read == count else { return nil }
        return parse(tail: tail, fileBytes: size)
    }

    /// The trailer ending `tail`, the last bytes of a trace of `fileBytes` bytes, if they end with one.
    static func parse(tail: [UInt8], fileBytes: Int) -> TraceTrailer? {
        let tag = TraceFormat.Tag.trailer.rawValue
        // From the earliest candidate on: the longest record that ends exactly at the end.
        for start in tail.indices where tail[start] == tag {
            if let trailer = tail.withUnsafeBytes({ trailer(in: $0, at: start, fileBytes: fileBytes) }) {
                return trailer
            }
        }
        return nil
    }

    /// The trailer record at `start` in `bytes` if it ends exactly at their end and its counts agree.
    private static func trailer(in bytes: UnsafeRawBufferPointer, at start: Int, fileBytes: Int) -> TraceTrailer? {
        let end = bytes.count
        var o = start + 1
        guard let length = Varint.read(bytes, &o, end: end), length == UInt64(end - o) else { return nil }
        var t = TraceTrailer()
        guard let events = Varint.read(bytes, &o, end: end), events <= UInt64(fileBytes),
              let dropped = Varint.read(bytes, &o, end: end),
              let threads = Varint.read(bytes, &o, end: end),
              let strings = Varint.read(bytes, &o, end: end),
              Varint.read(bytes, &o, end: end) != nil, // the end time, in units the header gives
              let kinds = Varint.read(bytes, &o, end: end), kinds <= 256 else { return nil }
        t.events = events
        t.dropped = dropped
        t.threads = Int(min(threads, TraceFormat.maxThread))
        t.strings = Int(min(strings, UInt64(TraceFormat.maxStrings)))
        var total: UInt64 = 0
        for _ in 0..<kinds {
            guard o < end else { return nil }
            let code = bytes[o]
            o += 1
            guard let n = Varint.read(bytes, &o, end: end), n <= events else { return nil }
            t.countsByCode[code] = n
            total += n
        }
        guard o == end, total == events else { return nil }
        return t
    }
}
