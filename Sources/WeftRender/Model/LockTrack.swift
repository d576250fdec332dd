import WeftTrace

/// What kind of lock a lock lane draws: each is named as what it is in lane labels, the section header and the legend.
public enum LockKind: Int, Sendable, CaseIterable, Comparable {
    case mutex
    case rwLock
    case semaphore

    /// "mutex", "rw-lock", "semaphore".
    public var noun: String {
        switch self {
        case .mutex: "mutex"
        case .rwLock: "rw-lock"
        case .semaphore: "semaphore"
        }
    }

    /// "mutexes", "rw-locks", "semaphores".
    public var plural: String { self == .mutex ? "mutexes" : noun + "s" }

    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One lock's lane (as Tracy draws locks): who held it when (a read-write mutex: writers and readers; a semaphore: every
/// holder of a permit), and when tasks were waiting for it.
public struct LockTrack: Sendable {
    /// The lock's object id; a semaphore's shares the id space of mutexes (`o3` is `mu3` or `sem3`, never both).
    public var mutex: MutexID
    /// "stats" or "mu3".
    public var label: String
    /// Holds, sorted by start, not overlapping (a mutex's, a read-write mutex's writers').
    public var holds: [ThreadSlice]
    /// Times some task waited for it (request to acquisition), sorted by start; they may overlap.
    public var waits: [TimeSpan]
    /// The tasks that waited for it at least once.
    public var waiters: Set<TaskID> = []
    /// Mutex, read-write mutex or semaphore.
    public var kind: LockKind = .mutex
    /// Holds that may overlap one another, sorted by start: a read-write mutex's readers, a semaphore's permit holders.
    public var readHolds: [ThreadSlice] = []

    public init(mutex: MutexID, label: String, holds: [ThreadSlice], waits: [TimeSpan] = []) {
        self.mutex = mutex
        self.label = label
        self.holds = holds
        self.waits = waits
    }

    /// True for a read-write mutex: `holds` are its writers', `readHolds` its readers'.
    public var isReadWrite: Bool {
        get { kind == .rwLock }
        set { kind = newValue ? .rwLock : (kind == .rwLock ? .mutex : kind) }
    }

    /// "mu3" or "sem3", as the trace names the object.
    public var idText: String { kind == .semaphore ? SemaphoreID(mutex.rawValue).description : mutex.description }

    /// Total time tasks spent waiting for it.
    public var totalWait: UInt64 { waits.saturatingSum { $0.end &- $0.start } }
}
