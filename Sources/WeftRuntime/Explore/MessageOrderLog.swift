import WeftTrace

/// The order in which messages went through each channel of one run, as the names of the tasks that sent them:
/// what `Weft.explore` compares from run to run to count the distinct message orders per channel.
///
/// Each send is noted by the sending task while it holds the channel's lock, so a channel's list is in the order of
/// its sequence numbers.
final class MessageOrderLog: @unchecked Sendable {
    /// One channel's messages so far.
    struct ChannelMessages {
        var name: String
        var senders: [String]
    }

    private let lock = PThreadLock()
    // Under `lock`:
    private var channels: [ChannelID: ChannelMessages] = [:]

    /// Notes a send on `channel` (named `name`) by the task running on this thread.
    func sent(on channel: ChannelID, name: String) {
        let sender = ThreadLocals.currentTask?.name ?? "(no task)"
        lock.withLock {
            channels[channel, default: ChannelMessages(name: name, senders: [])].senders.append(sender)
        }
    }

    /// Every channel that carried a message, by id (ids follow the order the run made its objects).
    func snapshot() -> [(channel: ChannelID, messages: ChannelMessages)] {
        lock.withLock { channels.sorted { $0.key.rawValue < $1.key.rawValue }.map { ($0.key, $0.value) } }
    }
}
