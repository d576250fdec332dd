/// Typed views of the events of one area: cancellation. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `taskCancel` event: the running task cancels task: its current and later waits throw CancellationError.
public struct TaskCancelEvent: EventView {
    @inlinable public static var kind: EventKind { .taskCancel }
    public static let spec = EventSpec(.taskCancel, "taskCancel", [.init("task", .task)],
                                       "The running task cancels task: its current and later waits throw CancellationError.")

    /// The task asked to stop.
    public var task: TaskID

    @inlinable
    public init(task: TaskID) {
        self.task = task
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        task = TaskID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(task.rawValue) }
}
