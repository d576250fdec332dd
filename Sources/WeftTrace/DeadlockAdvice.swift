/// The one line of advice that follows a deadlock report, fitted to the kinds of wait that make up its cycle: the
/// runtime's message when it ends a deadlocked run (and so the picture, which draws that message) and `weft check`'s
/// deadlock finding both end with it.
public enum DeadlockAdvice {
    /// "Fix: take the locks in one global order (…)" for a cycle of locks only, the pairing of sends and receives
    /// for channels only, done() for every add() for a wait group, and so on; for a cycle of several kinds, the
    /// general rule that every wait needs a task that will end it.
    /// - Parameter reasons: what each task of the cycle waits on (of every blocked task when no cycle was found).
    public static func fix(_ reasons: [BlockReason]) -> String {
        let kinds = Set(reasons.map(kind))
        guard kinds.count == 1, let kind = kinds.first else { return "Fix: " + general }
        return "Fix: " + advice(kind)
    }

    /// The rule whatever the waits are.
    static let general = "make sure every wait has a task that will end it (send/receive pairs, unlock after lock, "
        + "done() for every add()), or take locks in one global order."

    /// The families of wait that call for one piece of advice.
    enum Kind: Hashable {
        case lock, channel, waitGroup, condition, join, other
    }

    static func kind(_ reason: BlockReason) -> Kind {
        switch reason {
        case .mutex, .readLock, .semaphore: .lock
        case .channelSend, .channelReceive, .select: .channel
        case .waitGroup: .waitGroup
        case .condition: .condition
        case .join: .join
        case .once, .sleep, .timer, .suspended, .actor: .other
        }
    }

    static func advice(_ kind: Kind) -> String {
        switch kind {
        case .lock:
            "each task holds one lock while it waits for the next: take the locks in one global order (e.g. always "
                + "the lower-numbered one first), so no two tasks can wait for each other's."
        case .channel:
            "each task waits to send or receive on a channel only another task of the cycle serves: give every send "
                + "a receiver that is free to take it (a separate task, or a buffer), and every receive a sender."
        case .waitGroup:
            "call done() once for every add(), from tasks that do not themselves wait on the group."
        case .condition:
            "signal the condition after every change a waiter waits for, from a task that is not waiting itself."
        case .join:
            "a task waits for another to finish that is waiting for it: never join a task that waits on the joiner."
        case .other:
            general
        }
    }
}
