/// Constants of the `.weft` binary format, version 1 (specified in docs/trace-format.md).
public enum TraceFormat {
    /// The first eight bytes of every trace: "\u{89}WEFT\r\n\u{1A}" (a high byte, the name, and line-ending traps).
    public static let magic: [UInt8] = [0x89, 0x57, 0x45, 0x46, 0x54, 0x0D, 0x0A, 0x1A]
    /// The format version this code writes and the newest it reads.
    public static let version = 1
    /// Bytes before the first record: magic and a little-endian UInt16 version.
    public static let preambleSize = 10

    /// The kinds of record that follow the preamble, each `tag, length (varint), payload`.
    public enum Tag: UInt8, Sendable {
        /// The header: time unit and the event table. Exactly once, first.
        case header = 0x48   // "H"
        /// Interned strings, numbered on from the strings before.
        case strings = 0x53  // "S"
        /// One thread's events.
        case batch = 0x42    // "B"
        /// A writer round ended: every batch of events recorded before `time` is very likely already written.
        case round = 0x52    // "R"
        /// Totals: written last by a clean finish.
        case trailer = 0x54  // "T"
    }

    /// The largest record payload a reader accepts (16 MiB); the recorder's batches are at most one chunk.
    public static let maxRecordLength = 16 << 20
    /// The longest string a reader accepts (1 MiB).
    public static let maxStringLength = 1 << 20
    /// The most strings a trace may hold.
    public static let maxStrings = 1 << 24
    /// The largest thread number a reader accepts.
    public static let maxThread: UInt64 = 1 << 24
    /// The most threads one trace may hold (1,048,576: a million tasks each on a thread of its own, and more). A
    /// reader keeps a little state per thread, so this caps its memory on an endless stream of new threads.
    public static let maxThreads = 1 << 20
    /// The most bytes the strings of one trace may hold together (256 MiB), capping the string table as
    /// `maxStrings` caps its count.
    public static let maxStringBytes = 256 << 20
    /// The latest event time a reader accepts, in nanoseconds since the start: 2^55 ns, about 417 days. Any two
    /// times (or a time and a duration) add without overflow, and thousands of durations sum in a `UInt64`.
    public static let maxTime: UInt64 = 1 << 55
    /// The largest task or object id a reader accepts (2^48 − 1): ids count up from 1 in a run, and an id stays
    /// exact through a `Double` and clear of `Int` overflow when an exporter offsets it.
    public static let maxID: UInt64 = (1 << 48) - 1
    /// The largest unsigned argument a reader accepts (counts, capacities, sequence numbers, samples, thread
    /// indexes): `Int64.max`, so that differences of two such values and conversions to `Int` cannot overflow.
    public static let maxUnsigned = UInt64(Int64.max)

    /// How one argument is encoded inside a batch.
    public enum ArgumentEncoding: UInt8, Sendable {
        /// A varint of the value.
        case plain = 0
        /// A zig-zag varint of the difference from the same argument of the previous event of the same kind in the
        /// same thread's stream (the batch header gives the starting value; 0 when not given).
        case delta = 1
    }
}
