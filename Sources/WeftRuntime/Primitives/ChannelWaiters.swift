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

/// A task blocked sending to a channel (alone or as one case of a select).
final class SendWaiter<T: Sendable>: @unchecked Sendable {
    let index: Int
    var token: WaitToken!
    let value: T
    /// The message's sequence number, given when a receiver takes the value.
    var seq: UInt64 = 0

    init(index: Int, value: T) {
        self.index = index
        self.value = value
    }
}
