import WeftTrace

/// Takes what the builder finishes while it reads, when the builder streams: it keeps none of it, so its memory
/// follows the live tasks, threads and objects, never the events (a streaming export).
///
/// Calls come from inside `TimelineState.add` and `finish`, in the order the builder finishes things: a thread's
/// slices in order, a task's intervals in order, and after every event that touched a task, that task's open state.
protocol TimelineStreamSink: AnyObject {
    /// A run slice ended on a thread (the thread's own id, as the event named it).
    func slice(_ slice: RunSlice, on thread: ThreadID)
    /// A state interval of a task ended (zero-length ones are never handed on, as the model drops them).
    func interval(_ interval: StateInterval, of task: TaskID)
    /// The state a task is in after an event touched it, and since when (it is not in an interval yet).
    func state(of task: TaskID, _ state: TaskState, since: UInt64)
}
