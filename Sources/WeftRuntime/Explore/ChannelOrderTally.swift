import WeftTrace

/// Counts the distinct message orders of each channel across the runs of an exploration (see `ChannelOrders`).
/// A channel is known by its id and name: in a deterministic run ids follow the order the program made its objects.
struct ChannelOrderTally {
    private struct Key: Hashable {
        var channel: ChannelID
        var name: String
    }

    private struct Seen {
        var runs = 0
        var orders: Set<[Int]> = []
        var fewest = Int.max
        var most = 0
    }

    private var seen: [Key: Seen] = [:]
    /// Sender names as small numbers, so that an order is compared as integers.
    private var senderNumbers: [String: Int] = [:]

    /// Adds the message orders of one run.
    mutating func add(_ log: MessageOrderLog) {
        for (channel, messages) in log.snapshot() {
            let order = messages.senders.map { name in
                if let known = senderNumbers[name] { return known }
                let number = senderNumbers.count
                senderNumbers[name] = number
                return number
            }
            let key = Key(channel: channel, name: messages.name)
            seen[key, default: Seen()].runs += 1
            seen[key]!.orders.insert(order)
            seen[key]!.fewest = min(seen[key]!.fewest, order.count)
            seen[key]!.most = max(seen[key]!.most, order.count)
        }
    }

    /// The channels seen, in the order of their ids.
    var channels: [ChannelOrders] {
        seen.sorted { ($0.key.channel, $0.key.name) < ($1.key.channel, $1.key.name) }.map { key, value in
            ChannelOrders(channel: key.name.isEmpty ? key.channel.description : key.name, runs: value.runs,
                          distinctOrders: value.orders.count, fewestMessages: value.fewest, mostMessages: value.most)
        }
    }
}
