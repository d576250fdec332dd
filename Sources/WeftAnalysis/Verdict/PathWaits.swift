import WeftTrace

/// What the tasks on the path that set a run's wall time (`CriticalPath`) waited for, by kind: a lock, a channel, a
/// sleep of the program's own, another task. A verdict names the kind whose wait grew most between two runs when it
/// accounts for at least half their gap (`VerdictCause`).
public struct PathWaits: Sendable, Equatable {
    /// Time (ns) on the path spent waiting, by what was waited for in words ("waiting for a lock", "asleep").
    public var byKind: [String: UInt64]
    /// Of the time asleep, the part (ns) beyond the durations the program asked for: a late wake-up.
    public var overslept: UInt64

    public init(byKind: [String: UInt64], overslept: UInt64 = 0) {
        self.byKind = byKind
        self.overslept = overslept
    }

    /// The waits on `path`; a task's wait for a task it joins is no wait of the path (the path goes on in the joined
    /// task), nor are waits to start or to run (`StartUps`, `Handoffs` measure those).
    public init(path: CriticalPath) {
        var byKind: [String: UInt64] = [:]
        var overslept: UInt64 = 0
        for segment in path.segments {
            let kind: String?
            switch segment.state {
            case .sleeping(let asked):
                kind = "asleep"
                overslept += segment.duration > asked ? segment.duration - asked : 0
            case .blocked(_, let reason): kind = reason.flatMap(Self.kind)
            default: kind = nil
            }
            if let kind { byKind[kind, default: 0] += segment.duration }
        }
        self.byKind = byKind
        self.overslept = overslept
    }

    /// How a blocked wait reads in a verdict ("waiting for a lock", "asleep"); nil for joins and waits of no known kind.
    static func kind(_ reason: BlockReason) -> String? {
        switch reason {
        case .mutex, .readLock: "waiting for a lock"
        case .channelSend, .channelReceive, .select: "waiting on a channel"
        case .waitGroup: "waiting for a wait group"
        case .condition: "waiting on a condition"
        case .semaphore: "waiting for a semaphore"
        case .sleep, .timer: "asleep"
        default: nil
        }
    }
}
