import WeftTrace

/// One wake-up: a waker made a blocked task runnable (`unblock`).
public struct WakeEdge: Sendable, Equatable {
    /// When.
    public var time: UInt64
    /// The waking task (`TaskID.none` for the timer thread or code outside any task).
    public var waker: TaskID
    /// The thread that recorded the wake-up.
    public var wakerThread: ThreadID
    /// The task woken.
    public var wakee: TaskID
    /// The object the woken task had been waiting on.
    public var object: ObjectID
    /// What the woken task had been waiting for (nil when unknown).
    public var reason: BlockReason?
    /// How many wake-ups it stands for: 1, except in a model built for a picture (`PictureDetail`), where the later
    /// wake-ups of one task by another in the same time cell are counted into the first and not kept.
    public var count: UInt32 = 1

    public init(time: UInt64, waker: TaskID, wakerThread: ThreadID, wakee: TaskID, reason: BlockReason?, object: ObjectID) {
        self.time = time
        self.waker = waker
        self.wakerThread = wakerThread
        self.wakee = wakee
        self.reason = reason
        self.object = object
    }
}

/// A message the program logged (`log`).
public struct LogEntry: Sendable, Equatable {
    public var time: UInt64
    public var task: TaskID
    public var thread: ThreadID
    public var category: String
    public var message: String

    public init(time: UInt64, task: TaskID, thread: ThreadID, category: String, message: String) {
        self.time = time
        self.task = task
        self.thread = thread
        self.category = category
        self.message = message
    }
}
