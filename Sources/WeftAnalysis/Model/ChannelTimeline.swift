import WeftTrace

/// One channel: its identity and a summary of its traffic. The messages themselves are in `Timeline.flows`.
public struct ChannelTimeline: Sendable, Equatable {
    public var id: ChannelID
    /// Its name ("" when unnamed).
    public var name: String
    /// Its capacity; 0 is unbuffered (a rendezvous).
    public var capacity: UInt64
    /// When it was made (or first seen).
    public var created: UInt64
    /// The task that made it.
    public var creator: TaskID
    /// When it was closed, if it was.
    public var closed: UInt64?
    /// Messages sent.
    public var sends: Int
    /// Messages received (not counting receives that found the channel closed).
    public var receives: Int
    /// Receives that found the channel closed and empty (`receive` with seq 0).
    public var closedReceives: Int
    /// The most messages in the buffer at any moment: sent, not yet received, and not handed straight to a
    /// receiver that was waiting.
    public var peakOccupancy: Int
    /// Sends that failed because the channel was closed (`sendFailed`): not messages.
    public var failedSends: Int
    /// `trySend`s that found no receiver and no room, and `tryReceive`s that found no message.
    public var trySendMisses = 0
    public var tryReceiveMisses = 0
    /// `receive(timeout:)`s that timed out.
    public var receiveTimeouts = 0
    /// Time tasks spent blocked receiving from it, directly or in a select with a receive case on it.
    public var receiverWaits: ChannelWaits
    /// Time tasks spent blocked sending to it, directly or in a select with a send case on it.
    public var senderWaits: ChannelWaits

    /// A name for people: the channel's name, or its id.
    public var label: String { name.isEmpty ? id.description : name }

    public init(id: ChannelID, name: String = "", capacity: UInt64 = 0, created: UInt64 = 0, creator: TaskID = .none,
                closed: UInt64? = nil, sends: Int = 0, receives: Int = 0, closedReceives: Int = 0, peakOccupancy: Int = 0,
                failedSends: Int = 0, receiverWaits: ChannelWaits = ChannelWaits(), senderWaits: ChannelWaits = ChannelWaits()) {
        self.id = id
        self.name = name
        self.capacity = capacity
        self.created = created
        self.creator = creator
        self.closed = closed
        self.sends = sends
        self.receives = receives
        self.closedReceives = closedReceives
        self.peakOccupancy = peakOccupancy
        self.failedSends = failedSends
        self.receiverWaits = receiverWaits
        self.senderWaits = senderWaits
    }
}

/// The waits of one side (receivers or senders) of a channel: every blocked interval of a task on it, whether the
/// task waited on the channel alone or in a select among other channels (then the wait counts on each of them).
public struct ChannelWaits: Sendable, Equatable, Codable {
    /// Blocked intervals.
    public var count: Int
    /// Of those, the ones inside a select.
    public var inSelect: Int
    /// Their total duration.
    public var time: UInt64

    public init(count: Int = 0, inSelect: Int = 0, time: UInt64 = 0) {
        self.count = count
        self.inSelect = inSelect
        self.time = time
    }

    /// Adds one blocked interval.
    mutating func add(_ duration: UInt64, inSelect select: Bool) {
        count += 1
        if select { inSelect += 1 }
        time &+= duration
    }
}

/// One message: its send paired with its receive by (channel, seq).
///
/// As an interval it spans send to receive (its time in flight); a message never received ends at its send
/// (`received == nil`).
public struct MessageFlow: TimedInterval, Sendable, Equatable {
    public var channel: ChannelID
    /// The message's sequence number in its channel (from 1).
    public var seq: UInt64
    /// The sending task, its thread, and when the send completed (nil if the trace holds the receive only).
    public var sender: TaskID
    public var senderThread: ThreadID
    public var sent: UInt64?
    /// Whether the sender blocked on this channel before its send completed.
    public var senderBlocked: Bool
    /// The receiving task, its thread, and when it received; nil when never received.
    public var receiver: TaskID
    public var receiverThread: ThreadID
    public var received: UInt64?
    /// Whether the receiver blocked on this channel before it received.
    public var receiverBlocked: Bool
    /// True when the send found a receiver waiting and handed the message over: it never sat in the buffer.
    public var handedOver: Bool
    /// How many messages it stands for: 1, except in a model built for a picture (`PictureDetail`), where the later
    /// messages of one sender to one receiver sent in the same time cell are counted into the first and not kept.
    public var count: UInt32 = 1

    /// The send time (or the receive time, for a receive without its send).
    public var start: UInt64 { sent ?? received ?? 0 }
    /// The receive time (or the send time, for a message never received).
    public var end: UInt64 { max(received ?? start, start) }
    /// Time from send to receive; nil unless both are known.
    public var inFlight: UInt64? {
        guard let sent, let received else { return nil }
        return received &- min(sent, received)
    }

    public init(channel: ChannelID, seq: UInt64, sender: TaskID = .none, senderThread: ThreadID = ThreadID(0),
                sent: UInt64? = nil, senderBlocked: Bool = false, receiver: TaskID = .none,
                receiverThread: ThreadID = ThreadID(0), received: UInt64? = nil, receiverBlocked: Bool = false,
                handedOver: Bool = false) {
        self.channel = channel
        self.seq = seq
        self.sender = sender
        self.senderThread = senderThread
        self.sent = sent
        self.senderBlocked = senderBlocked
        self.receiver = receiver
        self.receiverThread = receiverThread
        self.received = received
        self.receiverBlocked = receiverBlocked
        self.handedOver = handedOver
    }
}
