import WeftTrace

/// One mutex: who held it when, and who waited for it how long.
public struct MutexTimeline: Sendable, Equatable {
    public var id: MutexID
    /// Its name ("" when unnamed).
    public var name: String
    /// When it was made (or first seen).
    public var created: UInt64
    /// The task that made it.
    public var creator: TaskID
    /// Every hold, sorted by acquisition; holds do not overlap.
    public var holds: IntervalList<LockHold>
    /// Requests that never got the lock before the trace ended (the task was still waiting).
    public var pending: [LockRequest]
    /// True for a read-write mutex (`rwMutexMake`): `holds` are its writers' holds, `readHolds` its readers'.
    public var isReadWrite = false
    /// A read-write mutex's read holds, sorted by acquisition; they may overlap one another, never a write hold.
    public var readHolds: [LockHold] = []

    /// A name for people: the mutex's name, or its id.
    public var label: String { name.isEmpty ? id.description : name }

    /// The task holding it at `time`, if any.
    public func holder(at time: UInt64) -> TaskID? {
        guard let i = holds.index(containing: time) else { return nil }
        return holds[i].task
    }

    public init(id: MutexID, name: String = "", created: UInt64 = 0, creator: TaskID = .none,
                holds: IntervalList<LockHold> = IntervalList(sorted: []), pending: [LockRequest] = []) {
        self.id = id
        self.name = name
        self.created = created
        self.creator = creator
        self.holds = holds
        self.pending = pending
    }
}

/// One time a task held a mutex: from `lockAcquire` to `lockRelease` (the interval), after waiting since its request.
public struct LockHold: TimedInterval, Sendable, Equatable {
    /// When it acquired the lock.
    public var start: UInt64
    /// When it released it (or the end of the trace, when `released` is false).
    public var end: UInt64
    /// The holder.
    public var task: TaskID
    /// When it asked for the lock (its `lockRequest`; equal to `start` when the trace lacks it).
    public var requested: UInt64
    /// True when another task held the lock at the request, or the task blocked waiting for it.
    public var contended: Bool
    /// False when the lock was still held at the end of the trace.
    public var released: Bool

    /// How long it waited: acquisition minus request.
    public var wait: UInt64 { start &- min(requested, start) }

    public init(start: UInt64, end: UInt64, task: TaskID, requested: UInt64, contended: Bool, released: Bool) {
        self.start = start
        self.end = end
        self.task = task
        self.requested = requested
        self.contended = contended
        self.released = released
    }
}

/// A request for a mutex that was never granted within the trace.
public struct LockRequest: Sendable, Equatable {
    public var task: TaskID
    public var time: UInt64
    public init(task: TaskID, time: UInt64) {
        self.task = task
        self.time = time
    }
}
