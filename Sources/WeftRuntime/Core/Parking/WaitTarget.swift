import WeftTrace

/// Something a task can wait on whose current owner is known (a mutex's holder, an awaited task).
protocol WaitTarget: AnyObject, Sendable {
    /// The task that must act for the waiter to proceed, if one is known.
    var waitOwner: TaskID? { get }
}
