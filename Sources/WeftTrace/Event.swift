/// The arguments of one event: up to `EventSpec.maxArguments` raw values, read as the kind's table row says.
public struct EventArguments: Sendable, Equatable, Hashable {
    public var a0: UInt64 = 0
    public var a1: UInt64 = 0
    public var a2: UInt64 = 0
    public var a3: UInt64 = 0

    public init(_ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0, _ a3: UInt64 = 0) {
        self.a0 = a0
        self.a1 = a1
        self.a2 = a2
        self.a3 = a3
    }

    /// The argument at `index` (0 ..< `EventSpec.maxArguments`).
    @inlinable
    public subscript(index: Int) -> UInt64 {
        get {
            switch index {
            case 0: a0
            case 1: a1
            case 2: a2
            default: a3
            }
        }
        set {
            switch index {
            case 0: a0 = newValue
            case 1: a1 = newValue
            case 2: a2 = newValue
            default: a3 = newValue
            }
        }
    }
}

/// One event as a reader yields it.
///
/// `time` is nanoseconds since the start of the trace. `thread` recorded it. `task` is the task that was running on
/// that thread when it was recorded (`TaskID.none` outside any run slice); the reader derives it, it is not stored.
public struct Event: Sendable, Equatable {
    public var kind: EventKind
    public var time: UInt64
    public var thread: ThreadID
    public var task: TaskID
    public var args: EventArguments

    public init(kind: EventKind, time: UInt64, thread: ThreadID, task: TaskID = .none, args: EventArguments = .init()) {
        self.kind = kind
        self.time = time
        self.thread = thread
        self.task = task
        self.args = args
    }

    /// Encodes a signed value for an `.int` argument.
    @inlinable
    public static func zigzag(_ value: Int64) -> UInt64 { UInt64(bitPattern: (value << 1) ^ (value >> 63)) }
    /// Decodes an `.int` argument.
    @inlinable
    public static func unzigzag(_ raw: UInt64) -> Int64 { Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1) }
}
