/// A typed view of one kind of event: its arguments as named, typed fields instead of positional raw values.
///
/// Each view declares its kind's row of the event table (`spec`); `EventSpec.all` is the list of these rows, so
/// the table and the views cannot drift apart, and a test checks that every view's fields have the row's names and
/// types. Read an event with `SendEvent(event)` (nil for another kind) or switch over `TypedEvent(event)`;
/// make one with `SendEvent(channel: c, seq: 1).event(time: t, thread: th)`, or record it with
/// `TraceRecorder.record(_:)`.
public protocol EventView: Sendable, Equatable {
    /// The kind this view reads.
    static var kind: EventKind { get }
    /// The kind's row of the event table: its name, arguments in order, and meaning.
    static var spec: EventSpec { get }
    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    init?(arguments: EventArguments)
    /// The raw arguments, in the table's order (unused positions are 0).
    var arguments: EventArguments { get }
}

extension EventView {
    /// The view of `event`; nil when it is of another kind or an argument is outside its type.
    @inlinable
    public init?(_ event: Event) {
        guard event.kind == Self.kind else { return nil }
        self.init(arguments: event.args)
    }

    /// The raw event with these arguments, recorded at `time` on `thread` while `task` ran.
    @inlinable
    public func event(time: UInt64, thread: ThreadID, task: TaskID = .none) -> Event {
        Event(kind: Self.kind, time: time, thread: thread, task: task, args: arguments)
    }
}

extension Event {
    /// This event's typed form; nil when an argument is outside its type (the reader never yields such an event).
    @inlinable
    public var typed: TypedEvent? { TypedEvent(self) }
}
