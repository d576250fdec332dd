/// A task blocked receiving from a channel (alone or as one case of a select).
final class ReceiveWaiter<T: Sendable>: @unchecked Sendable {
    /// The case index reported when this waiter is chosen (0 outside a select).
    let index: Int
    var token: WaitToken!
    /// Filled in by the sender (or left nil by `close`) before the token is resumed.
    var value: T?
    var seq: UInt64 = 0

    init(index: Int) { self.index = index }
}

/// A task blocked sending to a channel (alone or as one case of a select). It keeps its value: when a receiver
/// arrives or room appears, the sender is woken to try again, so that every `send` is recorded by the sending task
/// itself, before any receive of that message.
struct BlockedSender {
    let token: WaitToken
    /// The case index reported when this sender is woken (0 outside a select).
    let index: Int
}
