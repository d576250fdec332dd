import WeftAnalysis
import WeftTrace

/// The wake-ups a message explains: a send that woke the task waiting to receive it, or a receive that woke the task
/// blocked sending to it. The message's send and receive marks and its arrow already show such a hand-off; a wake mark
/// on top counted every round once more ("×52" wakes beside "×50" sends, the two extra being the close and the end),
/// so the picture marks only the wake-ups no message explains.
///
/// The messages are kept in one flat list, grouped by sender (a counting sort on the sender's place among the tasks)
/// and, within a sender, ordered by channel, receiver and send time, so that building it hashes nothing and each
/// question is two binary searches within one sender's messages.
struct MessageWakes {
    private struct Message {
        var channel: ChannelID
        var receiver: TaskID
        var sent: UInt64
        var received: UInt64
        var senderBlocked: Bool
        /// Its place in the flows, which orders messages sent at one time as they were recorded.
        var order: Int

        /// Whether it comes after a message to `receiver` on `channel` sent at `time`.
        func isPast(_ channel: ChannelID, _ receiver: TaskID, _ time: UInt64) -> Bool {
            self.channel != channel ? self.channel > channel
                : self.receiver != receiver ? self.receiver > receiver : sent > time
        }

        static func precedes(_ a: Message, _ b: Message) -> Bool {
            a.channel != b.channel ? a.channel < b.channel
                : a.receiver != b.receiver ? a.receiver < b.receiver
                : a.sent != b.sent ? a.sent < b.sent : a.order < b.order
        }
    }

    private let positions: RenderTimeline.TaskPositions
    /// Every message whose sender is one of the tasks, grouped by the sender's place.
    private let messages: [Message]
    /// Where each sender's messages start in `messages`, by the sender's place; one more entry ends the last.
    private let starts: [Int]

    /// The messages of `flows` sent by the tasks `positions` places (`taskCount` of them); a message from a sender
    /// that is not a task can explain no task's wake-up and is left out.
    init(_ flows: some Sequence<MessageFlow>, positions: RenderTimeline.TaskPositions, taskCount: Int) {
        self.positions = positions
        var kept: [(sender: Int, message: Message)] = []
        kept.reserveCapacity(flows.underestimatedCount)
        var counts = [Int](repeating: 0, count: taskCount + 1)
        for (order, flow) in flows.enumerated() {
            guard let sent = flow.sent, flow.sender != .none, flow.receiver != .none,
                  let sender = positions[flow.sender] else { continue }
            kept.append((sender, Message(channel: flow.channel, receiver: flow.receiver, sent: sent,
                                         received: flow.received ?? .max, senderBlocked: flow.senderBlocked,
                                         order: order)))
            counts[sender + 1] += 1
        }
        for i in counts.indices.dropFirst() { counts[i] += counts[i - 1] }
        starts = counts
        var grouped = [Message](unsafeUninitializedCapacity: kept.count) { buffer, initialized in
            var next = counts
            for (sender, message) in kept {
                (buffer.baseAddress! + next[sender]).initialize(to: message)
                next[sender] += 1
            }
            initialized = kept.count
        }
        kept = []
        for sender in 0..<taskCount {
            let range = counts[sender]..<counts[sender + 1]
            guard range.count > 1 else { continue }
            var ordered = true
            for i in range.dropFirst() where !Message.precedes(grouped[i - 1], grouped[i]) {
                ordered = false
                break
            }
            if !ordered { grouped[range].sort(by: Message.precedes) }
        }
        messages = grouped
    }

    /// Whether `wake` is a message's hand-off: the waker had sent the wakee a message on the channel it waited on that
    /// the wakee had not yet received, or the wakee, blocked sending to the waker on it, completed that send next.
    func explains(_ wake: WakeEdge) -> Bool {
        guard wake.reason == .channelSend || wake.reason == .channelReceive else { return false }
        let channel = ChannelID(wake.object.rawValue)
        if let waker = positions[wake.waker] {
            // The last message the waker sent the wakee on the channel at or before the wake.
            let range = starts[waker]..<starts[waker + 1]
            let after = messages[range].partitionPoint { $0.isPast(channel, wake.wakee, wake.time) }
            if after > range.lowerBound {
                let last = messages[after - 1]
                if last.channel == channel, last.receiver == wake.wakee, last.received >= wake.time { return true }
            }
        }
        if let wakee = positions[wake.wakee] {
            // The first message the wakee sent the waker on the channel after the wake.
            let range = starts[wakee]..<starts[wakee + 1]
            let next = messages[range].partitionPoint { $0.isPast(channel, wake.waker, wake.time) }
            if next < range.upperBound {
                let first = messages[next]
                if first.channel == channel, first.receiver == wake.waker, first.senderBlocked { return true }
            }
        }
        return false
    }
}
