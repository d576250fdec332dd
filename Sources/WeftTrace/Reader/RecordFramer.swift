/// One record's framing as read from the input, or why there is none: what the reader turns into a payload, an
/// error or a truncation warning.
enum FramedRecord {
    /// A whole record: its tag and payload, which starts at file offset `offset`.
    case record(tag: UInt8, payload: [UInt8], offset: Int)
    /// The length after the tag at `start` is not a valid varint.
    case invalidLength(start: Int)
    /// The record at `start` claims more than `TraceFormat.maxRecordLength` bytes.
    case tooLong(start: Int, length: UInt64)
    /// The input ends inside the record at `start` (`needed` payload bytes, when its length was read); `present`
    /// bytes of it, from its tag, were there.
    case cut(start: Int, tag: UInt8, needed: Int?, present: Int)
    /// The input ends before the record at `start`; `failure` says why when reading failed.
    case end(start: Int, failure: String?)

    /// Whether nothing follows: the input ended.
    var endsInput: Bool {
        switch self {
        case .cut, .end: true
        default: false
        }
    }
}

/// Splits the input into records (tag, length, payload), without interpreting them.
struct RecordFramer {
    let input: ByteInput

    /// The next record, read from `input`: consumes its bytes (after an invalid length, only the tag, as the reader
    /// did before it read records ahead; the whole rest of the input when it is cut).
    func next() -> (record: FramedRecord, start: Int, end: Int) {
        let start = input.offset
        guard input.ensure(1) else { return (.end(start: start, failure: input.failure), start, start) }
        let tag = input.peek()
        input.skip(1)
        let length: UInt64
        switch input.varint() {
        case .value(let n): length = n
        case .truncated:
            _ = input.drain()
            return (.cut(start: start, tag: tag, needed: nil, present: input.offset - start), start, input.offset)
        case .invalid:
            return (.invalidLength(start: start), start, input.offset)
        }
        guard length <= UInt64(TraceFormat.maxRecordLength) else {
            return (.tooLong(start: start, length: length), start, input.offset)
        }
        let offset = input.offset
        guard input.ensure(Int(length)) else {
            _ = input.drain()
            return (.cut(start: start, tag: tag, needed: Int(length), present: input.offset - start), start, input.offset)
        }
        return (.record(tag: tag, payload: input.take(Int(length)), offset: offset), start, input.offset)
    }
}
