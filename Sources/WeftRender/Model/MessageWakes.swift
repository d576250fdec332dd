import WeftAnalysis
import WeftTrace

/// The wake-ups a message explains: a send that woke the task waiting to receive it, or a receive that woke the task
/// blocked sending to it. The message's send and receive marks and its arrow already show such a hand-off; a wake mark
/// on top counted every round once more ("×52" wakes beside "×50" sends, the two extra being the close and the end),
/// so the picture marks only the wake-ups no message explains.
struct MessageWakes {
    private struct Key: Hashable {
        var channel: ChannelID
        var sender: TaskID
        var receiver: TaskID
    }

    private struct Times {
        var sent: UInt64
        var received: UInt64
        var senderBlocked: Bool
    }

    /// Each pair's messages on each channel, in send order.
    private var messages: [Key: [Times]] = [:]

    init(_ flows: some Sequence<MessageFlow>) {
        for flow in flows {
            guard let sent = flow.sent, flow.sender != .none, flow.receiver != .none else { continue }
            messages[Key(channel: flow.channel, sender: flow.sender, receiver: flow.receiver), default: []]
                .append(Times(sent: sent, received: flow.received ?? .max, senderBlocked: flow.senderBlocked))
        }
        for key in messages.keys { messages[key]!.sort { $0.sent < $1.sent } }
    }

    /// Whether `wake` is a message's hand-off: the waker had sent the wakee a message on the channel it waited on that
    /// the wakee had not yet received, or the wakee, blocked sending to the waker on it, completed that send next.
    func explains(_ wake: WakeEdge) -> Bool {
        guard wake.reason == .channelSend || wake.reason == .channelReceive else { return false }
        let channel = ChannelID(wake.object.rawValue)
        if let sent = messages[Key(channel: channel, sender: wake.waker, receiver: wake.wakee)],
           let last = Self.lastIndex(sent, atOrBefore: wake.time), sent[last].received >= wake.time {
            return true
        }
        if let taken = messages[Key(channel: channel, sender: wake.wakee, receiver: wake.waker)] {
            let next = (Self.lastIndex(taken, atOrBefore: wake.time).map { $0 + 1 }) ?? 0
            if next < taken.count, taken[next].senderBlocked { return true }
        }
        return false
    }

    /// The index of the last message sent at or before `time`, by binary search.
    private static func lastIndex(_ times: [Times], atOrBefore time: UInt64) -> Int? {
        let after = times.partitionPoint { $0.sent > time }
        return after == 0 ? nil : after - 1
    }
}
