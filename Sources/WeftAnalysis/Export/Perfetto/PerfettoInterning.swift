/// The strings of one Perfetto packet sequence, each given an interning id (iid) once, and the `InternedData`
/// entries not yet written.
///
/// A new string's entry goes into `pending`; the writer puts the pending entries into the next packet it writes,
/// which is at or before the first packet that uses the iid, so every iid is defined before its use. Past `cap`
/// strings of a kind, `iid` returns nil and the caller writes the string inline.
struct PerfettoInterning {
    /// The kinds of interned string, by their field number in `InternedData`.
    enum Kind: UInt64 {
        /// `event_names` (`EventName`): slice and instant names.
        case eventName = 2
        /// `debug_annotation_names` (`DebugAnnotationName`).
        case annotationName = 3
        /// `debug_annotation_string_values` (`InternedString`).
        case stringValue = 29

        var slot: Int {
            switch self {
            case .eventName: 0
            case .annotationName: 1
            case .stringValue: 2
            }
        }
    }

    private var tables: [[String: UInt64]] = [[:], [:], [:]]
    /// The body of an `InternedData` message holding the entries not yet written.
    private(set) var pending = ProtobufEncoder(capacity: 256)
    let cap: Int

    init(cap: Int) { self.cap = cap }

    /// The iid of `text` as a `kind`, interning it when new; nil past the cap.
    mutating func iid(_ kind: Kind, _ text: String) -> UInt64? {
        if let id = tables[kind.slot][text] { return id }
        guard tables[kind.slot].count < cap else { return nil }
        let id = UInt64(tables[kind.slot].count + 1)
        tables[kind.slot][text] = id
        let entry = pending.begin(kind.rawValue)
        pending.uint(1, id)   // iid
        pending.string(2, text) // name (EventName, DebugAnnotationName) or str (InternedString)
        pending.end(entry)
        return id
    }

    /// Whether entries wait to be written.
    var hasPending: Bool { !pending.isEmpty }

    /// Forgets the pending entries once written.
    mutating func clearPending() { pending.reset() }
}
