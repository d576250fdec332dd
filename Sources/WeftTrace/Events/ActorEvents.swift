/// Typed views of the events of one area: Swift actors. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.
///
/// A default actor's queued work runs in an *actor job* that belongs to no task: the thread that runs it records
/// `actorJobBegin`, then one `actorSlice` each time a task's code leaves the actor (the stretch since the job began
/// or since the previous `actorSlice` on the thread was that task's code), then `actorJobEnd`.

/// An `actorMake` event: an actor is seen for the first time.
public struct ActorMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .actorMake }
    public static let spec = EventSpec(.actorMake, "actorMake", [.init("actor", .actor), .init("type", .string)],
                                       "An actor is seen for the first time; type is its type name (\"\" when the runtime's layout was not recognised).")

    /// The actor.
    public var actor: ActorID
    /// Its type name (`Cache`), or the empty string when it could not be read.
    public var type: StringID

    @inlinable
    public init(actor: ActorID, type: StringID) {
        self.actor = actor
        self.type = type
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        actor = ActorID(rawValue: raw.a0)
        type = StringID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(actor.rawValue, type.rawValue) }
}

/// An `actorJobBegin` event: the recording thread starts running the work queued on the actor.
public struct ActorJobBeginEvent: EventView {
    @inlinable public static var kind: EventKind { .actorJobBegin }
    public static let spec = EventSpec(.actorJobBegin, "actorJobBegin", [.init("actor", .actor)],
                                       "The recording thread starts running the work queued on the actor (one actor job).")

    /// The actor.
    public var actor: ActorID

    @inlinable
    public init(actor: ActorID) {
        self.actor = actor
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        actor = ActorID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(actor.rawValue) }
}

/// An `actorSlice` event: the task's code ran on the actor on the recording thread since the actor job began (or
/// since the thread's previous `actorSlice`), and the task leaves the actor now.
public struct ActorSliceEvent: EventView {
    @inlinable public static var kind: EventKind { .actorSlice }
    public static let spec = EventSpec(.actorSlice, "actorSlice", [.init("actor", .actor), .init("task", .task)],
                                       "The task's code ran on the actor on this thread since the actor job began or since the thread's previous actorSlice; the task leaves the actor now.")

    /// The actor.
    public var actor: ActorID
    /// The task whose code ran.
    public var task: TaskID

    @inlinable
    public init(actor: ActorID, task: TaskID) {
        self.actor = actor
        self.task = task
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        actor = ActorID(rawValue: raw.a0)
        task = TaskID(rawValue: raw.a1)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(actor.rawValue, task.rawValue) }
}

/// An `actorJobEnd` event: the actor job that the thread's `actorJobBegin` started has returned.
public struct ActorJobEndEvent: EventView {
    @inlinable public static var kind: EventKind { .actorJobEnd }
    public static let spec = EventSpec(.actorJobEnd, "actorJobEnd", [.init("actor", .actor)],
                                       "The actor job the thread began has returned; time since its last actorSlice ran no task Weft could name.")

    /// The actor.
    public var actor: ActorID

    @inlinable
    public init(actor: ActorID) {
        self.actor = actor
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        actor = ActorID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(actor.rawValue) }
}
