/// What went wrong reading or writing a trace, and where.
///
/// Every error names its place (file, byte offset, event index, when known) and says what was expected,
/// so that a person can tell a damaged file from a bug.
public struct TraceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The broad class of the problem.
    public enum Kind: Sendable, Equatable {
        /// The file does not exist or cannot be opened.
        case cannotOpen
        /// The bytes do not start with the `.weft` magic.
        case notATrace
        /// The file's format version is newer than this reader understands.
        case unsupportedVersion
        /// The bytes break the format (a bad length, an impossible value).
        case corrupt
        /// The file ends in the middle of a record.
        case truncated
        /// The events are well formed but do not make sense together (a receive without its send, …).
        case invalidEvent
        /// Reading or writing failed at the operating-system level.
        case io
        /// The text form could not be parsed.
        case syntax
    }

    public var kind: Kind
    /// What was wrong, and what was expected instead.
    public var message: String
    /// The file, when there is one.
    public var path: String?
    /// The byte offset in the file, when known.
    public var byteOffset: Int?
    /// The index of the event (from 0, in reading order), when known.
    public var eventIndex: Int?
    /// The line of the text form, when parsing text.
    public var line: Int?

    public init(_ kind: Kind, _ message: String, path: String? = nil, byteOffset: Int? = nil, eventIndex: Int? = nil, line: Int? = nil) {
        self.kind = kind
        self.message = message
        self.path = path
        self.byteOffset = byteOffset
        self.eventIndex = eventIndex
        self.line = line
    }

    public var description: String {
        var place: [String] = []
        if let path { place.append(path) }
        if let line { place.append("line \(line)") }
        if let byteOffset { place.append("byte \(byteOffset)") }
        if let eventIndex { place.append("event \(eventIndex)") }
        return place.isEmpty ? message : "\(place.joined(separator: ", ")): \(message)"
    }
}
