/// A task blocked receiving from a channel (alone or as one case of a select). Not generic, so that the channel's
/// hot paths need no generic metadata at run time: the value travels through `slot`, raw memory for one `T` that the
/// receiver allocates and frees.
final class ReceiveWaiter: @unchecked Sendable {
    /// The case index reported when this waiter is chosen (0 outside a select).
    let index: Int
    var token: WaitToken!
    /// Room for one value; the sender initializes it and sets `hasValue` before the token is resumed.
    let slot: UnsafeMutableRawPointer
    var hasValue = false
    var seq: UInt64 = 0

    init(index: Int, slot: UnsafeMutableRawPointer) {
        self.index = index
        self.slot = slot
    }
}

/// A task blocked sending to a channel (alone or as one case of a select). It keeps its value: when a receiver
/// arrives or room appears, the sender is woken to try again, so that every `send` is recorded by the sending task
/// itself, before any receive of that message.
struct BlockedSender {
    let token: WaitToken
    /// The case index reported when this sender is woken (0 outside a select).
    let index: Int
}

/// How an attempt to send went.
enum SendOutcome {
    case closed
    /// The message got this sequence number; it went to this receiver (nil: into the buffer).
    case done(UInt64, ReceiveWaiter?)
    case full
}

/// How an attempt to receive went (the value itself is moved out separately).
enum ReceiveOutcome {
    /// A buffered message with this sequence number, and a blocked sender to wake now that there is room.
    case value(UInt64, BlockedSender?)
    case closed
    case empty
}
