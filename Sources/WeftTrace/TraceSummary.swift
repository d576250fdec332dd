/// What a finished recording wrote.
public struct TraceSummary: Sendable, Equatable {
    /// Events written to the file.
    public var events: UInt64
    /// Events recorded but not written (no buffer memory left, or recorded after `finish()` began).
    public var dropped: UInt64
    /// Bytes in the file.
    public var bytes: UInt64
    /// Threads that recorded.
    public var threads: Int
    /// The file.
    public var path: String

    public init(events: UInt64, dropped: UInt64, bytes: UInt64, threads: Int, path: String) {
        self.events = events
        self.dropped = dropped
        self.bytes = bytes
        self.threads = threads
        self.path = path
    }
}

/// The totals a cleanly finished trace ends with.
public struct TraceTrailer: Sendable, Equatable {
    /// Events written.
    public var events: UInt64
    /// Events recorded but lost (not in the file).
    public var dropped: UInt64
    /// Threads that recorded.
    public var threads: Int
    /// Strings in the string table, counting the empty string 0.
    public var strings: Int
    /// Events written, by kind code.
    public var countsByCode: [UInt8: UInt64]
    /// The time of the end of the recording, in nanoseconds since its start (0 when unknown).
    public var endTime: UInt64

    public init(events: UInt64 = 0, dropped: UInt64 = 0, threads: Int = 0, strings: Int = 1,
                countsByCode: [UInt8: UInt64] = [:], endTime: UInt64 = 0) {
        self.events = events
        self.dropped = dropped
        self.threads = threads
        self.strings = strings
        self.countsByCode = countsByCode
        self.endTime = endTime
    }

    /// Events written of `kind`.
    public func count(_ kind: EventKind) -> UInt64 { countsByCode[kind.rawValue] ?? 0 }
}

/// Something a reader noticed that does not stop it: the trace is still usable.
public struct TraceWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The file ends early (the recording was killed or the file was cut); `lostBytes`/`lostBatches` say how much.
        case truncated
        /// Events of a kind this reader does not know were skipped.
        case unknownKind
        /// Events that did not make sense together in a trace that was cut short (their partner was probably lost).
        case inconsistent
    }

    public var kind: Kind
    public var message: String
    public var byteOffset: Int?
    /// Bytes of an incomplete record at the end that could not be used.
    public var lostBytes: Int
    /// Batches that could not be used (whole or in part).
    public var lostBatches: Int

    public init(_ kind: Kind, _ message: String, byteOffset: Int? = nil, lostBytes: Int = 0, lostBatches: Int = 0) {
        self.kind = kind
        self.message = message
        self.byteOffset = byteOffset
        self.lostBytes = lostBytes
        self.lostBatches = lostBatches
    }

    public var description: String {
        byteOffset.map { "byte \($0): \(message)" } ?? message
    }
}
