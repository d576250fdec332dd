/// Something queued on a primitive that stands for one parked task: its wait token, and the value its `park`
/// returns when it is woken (a select's case index; 0 elsewhere).
protocol Waiter {
    var token: WaitToken { get }
    var index: Int { get }
}

extension WaitToken: Waiter {
    var token: WaitToken { self }
    var index: Int { 0 }
}

/// A claimed wait and the value to resume it with (the timer's timeouts).
struct ClaimedWait: Waiter {
    let token: WaitToken
    let index: Int
}
