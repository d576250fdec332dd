import WeftTrace

/// A task blocked receiving from a channel (alone or as one case of a select). Not generic, so that the channel's
/// hot paths need no generic metadata at run time: the value travels through `slot`, raw memory for one `T` that the
/// receiver allocates and frees.
final class ReceiveWaiter: Waiter, @unchecked Sendable {
    let token: WaitToken
    /// The case index reported when this waiter is chosen (0 outside a select).
    let index: Int
    /// Room for one value; the sender initializes it and sets `hasValue` before the token is resumed.
    let slot: UnsafeMutableRawPointer
    var hasValue = false
    var seq: UInt64 = 0

    init(token: WaitToken, index: Int, slot: UnsafeMutableRawPointer) {
        self.token = token
        self.index = index
        self.slot = slot
    }
}

/// A task blocked sending to a channel (alone or as one case of a select). It keeps its value: when a receiver
/// arrives or room appears, the sender is woken to try again, so that every `send` is recorded by the sending task
/// itself, before any receive of that message.
struct BlockedSender: Waiter {
    let token: WaitToken
    /// The case index reported when this sender is woken (0 outside a select).
    let index: Int
}

/// How an attempt to send went.
enum SendOutcome {
    case closed
    /// The message was sent (and recorded); it went to this receiver (nil: into the buffer).
    case done(ReceiveWaiter?)
    case full
}

/// How an attempt to receive went (the value itself is moved out separately).
enum ReceiveOutcome {
    /// A buffered message (recorded; the caller takes it), and a blocked sender to wake now that there is room.
    case value(BlockedSender?)
    case closed
    case empty
}

/// A select's choice of a channel case, recorded (as the `select` event) just before the send or receive it made.
struct SelectChoice {
    /// The number of cases of the select.
    let cases: UInt64
    /// The chosen case's index among all the select's cases.
    let chosen: Int

    func record(on tracer: TraceRecorder, channel: ChannelID) {
        tracer.record(SelectEvent(cases: cases, chosen: Int64(chosen), channel: channel))
    }
}
