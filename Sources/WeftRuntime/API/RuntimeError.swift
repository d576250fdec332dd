import WeftTrace

/// Why a run (or a wait inside one) failed. The message says what happened, where, and what to do.
public struct RuntimeError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Every live task was blocked with no timer pending.
        case deadlock
        /// An OS thread could not be created.
        case threadLimit
        /// The main task threw.
        case failed
        /// The trace could not be written.
        case trace
        /// The scheduler or options were not understood.
        case badConfiguration
        /// The run was stopped from outside (`RunStop.request`, e.g. on Ctrl-C) before it ended.
        case stopped
        /// A wait was cancelled because the run is shutting down.
        case cancelled
        /// The runtime was used where it cannot work: its handle after its `Weft.run` returned, or a `Weft.run`
        /// inside a task of another run.
        case misuse
    }

    public var kind: Kind
    public var message: String
    /// The partial report of the run (the trace is flushed and readable), when the run itself failed.
    public var report: RunReport?
    /// The blocked tasks and their wait-for cycle, for `.deadlock`.
    public var deadlock: DeadlockReport?
    /// For `.failed`: the error the main task threw, as it was thrown (`Weft.run(_:report:_:)` rethrows it).
    public var programError: (any Error)?

    public init(kind: Kind, message: String, report: RunReport? = nil, deadlock: DeadlockReport? = nil) {
        self.kind = kind
        self.message = message
        self.report = report
        self.deadlock = deadlock
    }

    public var description: String { message }
}

/// Why a channel operation failed.
public enum ChannelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A send on a closed channel (name, id).
    case closed(String, ChannelID)

    public var description: String {
        switch self {
        case .closed(let name, let id):
            "send on closed channel \(id)\(name.isEmpty ? "" : " \"\(name)\""): close a channel only after its last send"
        }
    }
}
