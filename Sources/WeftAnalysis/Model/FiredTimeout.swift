import WeftTrace

/// A timeout that fired: a select's `.after` case was taken, or a `receive(timeout:)` gave up, with no message.
public struct FiredTimeout: Sendable, Equatable {
    /// When the task went on because of it.
    public var time: UInt64
    /// The task whose wait timed out.
    public var task: TaskID
    /// The channel a `receive(timeout:)` waited on; nil for a select's timeout case.
    public var channel: ChannelID?

    public init(time: UInt64, task: TaskID, channel: ChannelID? = nil) {
        self.time = time
        self.task = task
        self.channel = channel
    }
}
