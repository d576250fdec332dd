/// Typed views of the events of one area: channels. Each view declares its row of the event table
/// (`EventSpec.all` is the list of these rows) and reads and writes the raw arguments in that row's order.

/// A `channelMake` event: a channel is made; capacity 0 is unbuffered (a rendezvous).
public struct ChannelMakeEvent: EventView {
    @inlinable public static var kind: EventKind { .channelMake }
    public static let spec = EventSpec(.channelMake, "channelMake", [.init("channel", .channel), .init("capacity", .uint), .init("name", .string)],
                                       "A channel is made; capacity 0 is unbuffered (a rendezvous).")

    /// The new channel.
    public var channel: ChannelID
    /// Its buffer size; 0 is unbuffered.
    public var capacity: UInt64
    /// Its name.
    public var name: StringID

    @inlinable
    public init(channel: ChannelID, capacity: UInt64, name: StringID) {
        self.channel = channel
        self.capacity = capacity
        self.name = name
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
        capacity = raw.a1
        name = StringID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue, capacity, name.rawValue) }
}

/// A `send` event: the running task's send completes: message seq (from 1, per channel) is in the channel or handed over.
public struct SendEvent: EventView {
    @inlinable public static var kind: EventKind { .send }
    public static let spec = EventSpec(.send, "send", [.init("channel", .channel), .init("seq", .uint)],
                                       "The running task's send completes: message seq (from 1, per channel) is in the channel or handed over.")

    /// The channel.
    public var channel: ChannelID
    /// The message's number on this channel, from 1.
    public var seq: UInt64

    @inlinable
    public init(channel: ChannelID, seq: UInt64) {
        self.channel = channel
        self.seq = seq
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
        seq = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue, seq) }
}

/// A `receive` event: the running task receives message seq; seq 0 means the channel was closed and empty.
public struct ReceiveEvent: EventView {
    @inlinable public static var kind: EventKind { .receive }
    public static let spec = EventSpec(.receive, "receive", [.init("channel", .channel), .init("seq", .uint)],
                                       "The running task receives message seq; seq 0 means the channel was closed and empty.")

    /// The channel.
    public var channel: ChannelID
    /// The message's number; 0 when the channel was closed and empty.
    public var seq: UInt64

    @inlinable
    public init(channel: ChannelID, seq: UInt64) {
        self.channel = channel
        self.seq = seq
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
        seq = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue, seq) }
}

/// A `close` event: the channel is closed.
public struct CloseEvent: EventView {
    @inlinable public static var kind: EventKind { .close }
    public static let spec = EventSpec(.close, "close", [.init("channel", .channel)],
                                       "The channel is closed.")

    /// The channel closed.
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

/// A `select` event: a select with this many cases completes with case chosen (from 0; -1 is the default case) on channel.
public struct SelectEvent: EventView {
    @inlinable public static var kind: EventKind { .select }
    public static let spec = EventSpec(.select, "select", [.init("cases", .uint), .init("chosen", .int), .init("channel", .channel)],
                                       "A select with this many cases completes with case chosen (from 0; -1 is the default case) on channel.")

    /// How many cases the select had.
    public var cases: UInt64
    /// The case taken, from 0; -1 is the default case.
    public var chosen: Int64
    /// The chosen case's channel (raw 0 when none).
    public var channel: ChannelID

    @inlinable
    public init(cases: UInt64, chosen: Int64, channel: ChannelID) {
        self.cases = cases
        self.chosen = chosen
        self.channel = channel
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        cases = raw.a0
        chosen = Event.unzigzag(raw.a1)
        channel = ChannelID(rawValue: raw.a2)
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(cases, Event.zigzag(chosen), channel.rawValue) }
}

/// A `selectWait` event: the running task, blocking in a select, waits on this channel, to receive or to send.
public struct SelectWaitEvent: EventView {
    @inlinable public static var kind: EventKind { .selectWait }
    public static let spec = EventSpec(.selectWait, "selectWait", [.init("channel", .channel), .init("send", .uint)],
                                       "The running task, blocking in a select, waits on this channel: to receive (send 0) or to send (send 1); one per channel case, after the select's block.")

    /// A channel of one of the select's cases.
    public var channel: ChannelID
    /// 1 for a send case, 0 for a receive case.
    public var send: UInt64

    /// Whether the case sends.
    @inlinable public var isSend: Bool { send != 0 }

    @inlinable
    public init(channel: ChannelID, send: UInt64) {
        self.channel = channel
        self.send = send
    }

    /// Reads the raw arguments; nil when one is outside its type (an enumeration's unknown raw value).
    @inlinable
    public init?(arguments raw: EventArguments) {
        channel = ChannelID(rawValue: raw.a0)
        send = raw.a1
    }

    /// The raw arguments, in the table's order.
    @inlinable
    public var arguments: EventArguments { EventArguments(channel.rawValue, send) }
}

/// A `sendFailed` event: the running task's send failed because the channel is closed.
public struct SendFailedEvent: EventView {
    @inlinable public static var kind: EventKind { .sendFailed }
    public static let spec = EventSpec(.sendFailed, "sendFailed", [.init("channel", .channel)],
                                       "The running task's send failed because the channel is closed (the send throws).")

    /// The closed channel.
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
