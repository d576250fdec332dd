/// Typed views of the events of one area: non-blocking and timed channel operations. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `trySendMiss` event: the running task's trySend found no receiver and no room: nothing was sent.
public struct TrySendMissEvent: EventView {
    @inlinable public static var kind: EventKind { .trySendMiss }
    public static let spec = EventSpec(.trySendMiss, "trySendMiss", [.init("channel", .channel)],
                                       "The running task's trySend found no receiver and no room: nothing was sent.")

    /// The channel.
    public var channel: ChannelID

    @inlinable
    public init(channel: ChannelID) {
        self.channel = channel
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue) }
}

/// A `tryReceiveMiss` event: the running task's tryReceive found no message: nothing was received.
public struct TryReceiveMissEvent: EventView {
    @inlinable public static var kind: EventKind { .tryReceiveMiss }
    public static let spec = EventSpec(.tryReceiveMiss, "tryReceiveMiss", [.init("channel", .channel)],
                                       "The running task's tryReceive found no message: nothing was received.")

    /// The channel.
    public var channel: ChannelID

    @inlinable
    public init(channel: ChannelID) {
        self.channel = channel
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue) }
}

/// A `receiveTimeout` event: the running task's receive(timeout:) gave up after timeout without a message.
public struct ReceiveTimeoutEvent: EventView {
    @inlinable public static var kind: EventKind { .receiveTimeout }
    public static let spec = EventSpec(.receiveTimeout, "receiveTimeout", [.init("channel", .channel), .init("timeout", .duration)],
                                       "The running task's receive(timeout:) gave up after timeout without a message.")

    /// The channel.
    public var channel: ChannelID
    /// How long the receive waited.
    public var timeout: UInt64

    @inlinable
    public init(channel: ChannelID, timeout: UInt64) {
        self.channel = channel
        self.timeout = timeout
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
        timeout = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue, timeout) }
}
