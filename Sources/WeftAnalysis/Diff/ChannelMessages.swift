import WeftTrace

/// One channel's messages in the order of their sequence numbers: which task sent each and which received it, as
/// the diff compares message order. A channel whose messages always go between the same tasks in the same rhythm
/// costs a pattern and a count (`PeriodicSequence`), however many messages it carried.
public struct ChannelMessages: Sendable {
    /// A message's two ends: `TaskID.none` for a send or receive the trace does not hold.
    public struct Ends: Sendable, Equatable {
        public var sender: TaskID
        public var receiver: TaskID
    }

    /// The messages' ends, in sequence order.
    public private(set) var ends = PeriodicSequence<Ends>()
    /// The sequence numbers, as stretches of consecutive numbers: the position of each stretch's first message and
    /// its number.
    private var seqRuns: [(index: Int, seq: UInt64)] = []

    public init() {}

    /// How many messages.
    public var count: Int { ends.count }

    /// Adds the next message (its seq should follow the last one's).
    mutating func append(seq: UInt64, sender: TaskID, receiver: TaskID) {
        if let last = seqRuns.last, last.seq &+ UInt64(ends.count - last.index) == seq {
            // Continues the stretch.
        } else {
            seqRuns.append((ends.count, seq))
        }
        ends.append(Ends(sender: sender, receiver: receiver))
    }

    /// The position of the stretch of consecutive numbers holding message `index`.
    private func seqRun(containing index: Int) -> Int {
        var low = 0, high = seqRuns.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if seqRuns[mid].index <= index { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The sequence number of message `index` (0 ..< count).
    public func seq(at index: Int) -> UInt64 {
        let run = seqRuns[seqRun(containing: index)]
        return run.seq &+ UInt64(index - run.index)
    }

    /// Where the stretch of consecutive numbers holding message `index` ends (the position after its last).
    func seqRunEnd(containing index: Int) -> Int {
        let r = seqRun(containing: index)
        return r + 1 < seqRuns.count ? seqRuns[r + 1].index : count
    }

    /// Message `index`: its seq and its ends.
    public subscript(index: Int) -> (seq: UInt64, ends: Ends) { (seq(at: index), ends[index]) }
}

/// Gathers each channel's messages in sequence order while the builder pairs them, in whatever order that is: a
/// message that comes before its predecessors waits until they have come, so that only messages out of order are
/// held. A channel with more than `maxWaiting` messages waiting (numbers missing from a damaged trace) takes the
/// lowest of them next, skipping the missing ones; one that still comes later is put at the end of the order.
struct MessageOrderCollector {
    static let maxWaiting = 1 << 16

    /// One channel's messages so far and those waiting for a predecessor.
    struct Channel {
        var messages = ChannelMessages()
        var next: UInt64 = 1
        var waiting: [UInt64: ChannelMessages.Ends] = [:]
    }

    private var ids: [UInt64] = []
    private var channels: [Channel] = []
    private var index = DenseIndex()

    /// Adds a message (paired, or still missing its send or its receive at the end of the trace).
    mutating func add(_ flow: MessageFlow) {
        let ends = ChannelMessages.Ends(sender: flow.sender, receiver: flow.receiver)
        let c = index.position(flow.channel.rawValue, in: &ids) { flow.channel.rawValue }
        if c == channels.count { channels.append(Channel()) }
        if flow.seq == channels[c].next {
            channels[c].messages.append(seq: flow.seq, sender: ends.sender, receiver: ends.receiver)
            channels[c].next = flow.seq &+ 1
            if !channels[c].waiting.isEmpty { Self.drain(&channels[c]) }
        } else if flow.seq < channels[c].next {
            // Late past a gap that was skipped: kept at the end.
            channels[c].messages.append(seq: flow.seq, sender: ends.sender, receiver: ends.receiver)
        } else {
            channels[c].waiting[flow.seq] = ends
            if channels[c].waiting.count > Self.maxWaiting, let lowest = channels[c].waiting.keys.min() {
                channels[c].next = lowest
                Self.drain(&channels[c])
            }
        }
    }

    /// Moves the waiting messages that now follow in order into the channel's order.
    private static func drain(_ channel: inout Channel) {
        while !channel.waiting.isEmpty, let ends = channel.waiting.removeValue(forKey: channel.next) {
            channel.messages.append(seq: channel.next, sender: ends.sender, receiver: ends.receiver)
            channel.next &+= 1
        }
    }

    /// Every channel's messages, the ones still waiting placed in order after the rest.
    mutating func finish() -> [ChannelID: ChannelMessages] {
        var result: [ChannelID: ChannelMessages] = [:]
        for (id, var channel) in zip(ids, channels) {
            for seq in channel.waiting.keys.sorted() {
                let ends = channel.waiting[seq]!
                channel.messages.append(seq: seq, sender: ends.sender, receiver: ends.receiver)
            }
            result[ChannelID(id)] = channel.messages
        }
        channels = []
        return result
    }
}
