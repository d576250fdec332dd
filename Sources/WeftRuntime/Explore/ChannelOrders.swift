/// How many different orders the messages of one channel came in across the runs of an exploration, where an order
/// is the sequence of the sending tasks' names, message by message.
public struct ChannelOrders: Sendable, Equatable {
    /// The channel's name (its id, `ch3`, when it has none).
    public var channel: String
    /// The runs in which it carried at least one message.
    public var runs: Int
    /// The distinct orders seen.
    public var distinctOrders: Int
    /// The fewest and the most messages it carried in one run.
    public var fewestMessages: Int
    public var mostMessages: Int

    public init(channel: String, runs: Int, distinctOrders: Int, fewestMessages: Int, mostMessages: Int) {
        self.channel = channel
        self.runs = runs
        self.distinctOrders = distinctOrders
        self.fewestMessages = fewestMessages
        self.mostMessages = mostMessages
    }
}
