/// A piece of JSON text worked out once and written many times: the opening of a trace event whose name, category
/// and phase are fixed, an escaped name, a key. Written with `JSONOutput.fragment(_:)`, it costs a copy of its bytes,
/// not the escaping and formatting of each part again.
public struct JSONFragment: Sendable, Equatable {
    /// The bytes, exactly as `JSONOutput` would have written the parts one by one.
    public let bytes: [UInt8]

    /// The text that `write` produces on a `JSONOutput` (so a fragment is escaped exactly as the output escapes).
    public init(_ write: (JSONOutput) -> Void) {
        let scratch = JSONOutput(capacity: 4096)
        write(scratch)
        bytes = scratch.takeMemory()
    }
}
