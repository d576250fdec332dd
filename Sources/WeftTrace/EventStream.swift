/// A source of events in causal order, with the strings they refer to.
///
/// `TraceReader` streams one from a `.weft` file; `EventList` holds one in memory (tests, the text form).
/// Consumers (the timeline model, exporters, `weft dump`) read through this protocol only.
public protocol EventStream: AnyObject {
    /// The next event, or nil at the end of the trace.
    /// - Throws: `TraceError` when the trace is damaged or inconsistent at this point.
    func next() throws(TraceError) -> Event?
    /// The text of an interned string. Unknown ids give "".
    func string(_ id: StringID) -> String
    /// How many events of each kind the stream will yield, when known before reading them (a file's trailer): a
    /// hint for sizing, never a promise. Nil by default.
    var expectedTotals: TraceTrailer? { get }
}

extension EventStream {
    public var expectedTotals: TraceTrailer? { nil }
}

/// An in-memory event stream: a list of events and a string table.
public final class EventList: EventStream {
    public private(set) var events: [Event]
    public private(set) var strings: [String]
    private var position = 0
    private var index: [String: StringID] = [:]

    /// A list with `strings[0] == ""`, as every trace has.
    public init(events: [Event] = [], strings: [String] = [""]) {
        self.events = events
        self.strings = strings.first == "" ? strings : [""] + strings
        for (i, s) in self.strings.enumerated() where index[s] == nil { index[s] = StringID(UInt64(i)) }
    }

    /// The id of `text`, adding it to the table when new.
    public func intern(_ text: String) -> StringID {
        if let id = index[text] { return id }
        let id = StringID(UInt64(strings.count))
        strings.append(text)
        index[text] = id
        return id
    }

    /// Appends an event.
    public func append(_ event: Event) { events.append(event) }

    /// Starts reading again from the first event.
    public func rewind() { position = 0 }

    public func next() throws(TraceError) -> Event? {
        guard position < events.count else { return nil }
        defer { position += 1 }
        return events[position]
    }

    public func string(_ id: StringID) -> String {
        id.rawValue < UInt64(strings.count) ? strings[Int(id.rawValue)] : ""
    }
}
