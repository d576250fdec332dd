/// How every part of Weft (the runtime's deadlock report, the lints, the tools) spells what a task waits on, so that
/// one object has one spelling everywhere.
extension BlockReason {
    /// The id of the object a wait of this kind is on, typed by the kind: `ch3` for a send or receive, `mu2`, `wg4`,
    /// `cv5`, `t6` for a join (the awaited task); the raw `o7` for a select or sleep, which wait on no one object.
    public func spell(_ object: ObjectID) -> String {
        switch self {
        case .channelSend, .channelReceive: ChannelID(object.rawValue).description
        case .mutex, .readLock: MutexID(object.rawValue).description
        case .once: OnceID(object.rawValue).description
        case .semaphore: SemaphoreID(object.rawValue).description
        case .timer: TimerID(object.rawValue).description
        case .waitGroup: WaitGroupID(object.rawValue).description
        case .condition: ConditionID(object.rawValue).description
        case .join: TaskID(object.rawValue).description
        case .actor: ActorID(object.rawValue).description
        case .select, .sleep, .suspended: object.description
        }
    }

    /// What a task waits on, in words: `mutex mu2 "fork 2"`, `receive on ch2 "jobs"`, `wait group wg3`,
    /// `join of t5 "worker"`, `select`, `sleep`.
    /// - Parameter label: the object's name (for a join, the awaited task's); "" or the id itself when it has none.
    public func describeWait(on object: ObjectID, label: String) -> String {
        let id = spell(object)
        let named = label.isEmpty || label == id ? id : "\(id) \"\(label)\""
        switch self {
        case .mutex: return "mutex \(named)"
        case .channelSend: return "send on \(named)"
        case .channelReceive: return "receive on \(named)"
        case .waitGroup: return "wait group \(named)"
        case .condition: return "condition \(named)"
        case .join: return "join of \(named)"
        case .select: return "select"
        case .sleep: return "sleep"
        case .readLock: return "read lock \(named)"
        case .once: return "once \(named)"
        case .semaphore: return "semaphore \(named)"
        case .timer: return "timer \(named)"
        case .suspended: return "suspended outside Weft"
        case .actor: return "actor \(named)"
        }
    }
}
