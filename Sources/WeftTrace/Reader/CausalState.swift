/// What an event that cannot be emitted yet waits for.
enum WaitKey: Hashable {
    /// A change in the task's state (created, stopped running, blocked, unblocked).
    case task(UInt64)
    /// The send of message `seq` on a channel.
    case message(UInt64, UInt64)
    /// The object being made, or (a mutex) released.
    case object(UInt64)
}

/// A reason an event is inconsistent with those before it.
struct ValidationProblem: Error {
    var message: String
}

/// The reader's model of the run: tasks, objects, messages in flight, locks held. It decides whether an event can
/// be emitted yet (`blocker`) and checks it when it is (`apply`). Its size follows the number of live tasks and
/// objects, not the length of the trace.
struct CausalState {
    struct TaskState {
        var running = false
        var blocked = false
        /// A `block` was recorded and no `unblock` has answered it yet.
        var blockPending = false
        /// An `unblock` arrived before the task's `runEnd(blocked)`.
        var wokenEarly = false
        var ended = false
    }

    var tasks = DenseTable<TaskState>()
    /// Objects made, by raw id: the kind code of the make event.
    var objects = DenseTable<UInt8>()
    /// Mutexes held: the holder task.
    var holders = DenseTable<UInt64>()
    /// Messages sent, by channel.
    var sent = SentLedger()
    var stringCount = 1

    /// Describes what an event still waiting at the end of the trace lacked.
    func describeMissing(_ e: Event, _ key: WaitKey) -> String {
        let a = e.args
        switch (e.kind, key) {
        case (.receive, .message):
            return "receive of message \(a.a1) on ch\(a.a0) without its send (expected a send of that message earlier in the trace)"
        case (.runBegin, _):
            guard let t = tasks[a.a0] else { return "runBegin of unknown task t\(a.a0) (expected its taskCreate first)" }
            if t.ended { return "runBegin of t\(a.a0), which had ended" }
            if t.running { return "runBegin of t\(a.a0) while it is still running on another thread (expected its runEnd first)" }
            return "runBegin of t\(a.a0), which is blocked (expected an unblock of it first)"
        case (.unblock, _):
            if tasks[a.a0] == nil { return "unblock of unknown task t\(a.a0) (expected its taskCreate first)" }
            return "unblock of t\(a.a0), which is not blocked (expected a block event of that task first)"
        case (.lockAcquire, _) where objects[a.a0] != nil:
            return "lockAcquire of mu\(a.a0), which t\(holders[a.a0] ?? 0) still holds (expected its lockRelease first)"
        case (.taskEnd, _), (.taskCancel, _):
            return "\(e.kind) of unknown task t\(a.a0) (expected its taskCreate first)"
        case (_, .object(let o)):
            return "\(e.kind) uses unknown object o\(o) (expected the event that makes it first)"
        default:
            return "\(e.kind) cannot be placed in causal order"
        }
    }

    /// Admits `e` (recorded on a thread running `running`): tells what it must wait for when it cannot be emitted
    /// yet, or else checks it against the state and applies it. One switch on the kind does both: the reader pays
    /// for one indirect branch an event.
    /// - Parameters:
    ///   - running: the task running on the event's thread; changed by runBegin and runEnd.
    ///   - lenient: nothing waits, nothing is thrown, and the state follows as it can (the trace lost causes).
    ///   - wake: set to the wait key the event may have satisfied (an event satisfies at most one).
    /// - Returns: what the event waits for (nothing was applied), or nil when it was applied.
    /// - Throws: when the event is inconsistent with those before it.
    mutating func admit(_ e: Event, running: inout TaskID, lenient: Bool, wake: inout WaitKey?) throws(ValidationProblem) -> WaitKey? {
        let a = e.args
        switch e.kind {
        case .taskCreate:
            if a.a0 == 0 && !lenient { throw ValidationProblem(message: "taskCreate of task 0 (task ids start at 1)") }
            if tasks[a.a0] != nil && !lenient { throw ValidationProblem(message: "taskCreate of t\(a.a0), which exists already (expected each task to be created once)") }
            tasks[a.a0] = TaskState()
            wake = .task(a.a0)
        case .runBegin:
            if !lenient {
                guard let t = tasks[a.a0], !t.running, !t.blocked, !t.ended else { return .task(a.a0) }
                if running != .none {
                    throw ValidationProblem(message: "runBegin of t\(a.a0) while \(running) still runs on \(e.thread) (expected runEnd of \(running) first)")
                }
            }
            updateTask(a.a0) { $0.running = true }
            running = TaskID(a.a0)
        case .runEnd:
            if running.rawValue != a.a0 && !lenient {
                throw ValidationProblem(message: "runEnd of t\(a.a0) but \(running) is running on \(e.thread) (expected runEnd of the running task)")
            }
            guard let reason = RunEndReason(rawValue: a.a1) else {
                if lenient { break }
                throw ValidationProblem(message: "runEnd with reason \(a.a1) (expected 0 blocked, 1 yielded or 2 finished)")
            }
            updateTask(a.a0) { t in
                t.running = false
                switch reason {
                case .blocked:
                    t.blocked = !t.wokenEarly
                    t.wokenEarly = false
                case .yielded: t.blocked = false
                case .finished: t.ended = true
                }
            }
            running = .none
            wake = .task(a.a0)
        case .block:
            if running == .none {
                if !lenient { throw ValidationProblem(message: "block outside a run slice on \(e.thread) (expected a runBegin first)") }
            } else {
                updateTask(running.rawValue) { $0.blockPending = true }
                wake = .task(running.rawValue)
            }
        case .unblock:
            if !lenient {
                guard let t = tasks[a.a0], t.blockPending else { return .task(a.a0) }
            }
            updateTask(a.a0) { t in
                t.blockPending = false
                if t.running { t.wokenEarly = true } else { t.blocked = false }
            }
            wake = .task(a.a0)
        case .taskEnd:
            if !lenient && tasks[a.a0] == nil { return .task(a.a0) }
            updateTask(a.a0) { $0.ended = true }
            wake = .task(a.a0)
        case .channelMake, .mutexMake, .waitGroupMake, .conditionMake, .rwMutexMake, .onceMake, .semaphoreMake, .tickerMake,
             .timerMake, .actorMake:
            // A condition is made on its mutex (argument 1).
            if e.kind == .conditionMake && !lenient && objects[a.a1] == nil { return .object(a.a1) }
            if a.a0 == 0 && !lenient { throw ValidationProblem(message: "\(e.kind) of object 0 (object ids start at 1)") }
            if objects[a.a0] != nil && !lenient { throw ValidationProblem(message: "\(e.kind) of o\(a.a0), which was made already (expected each object to be made once)") }
            objects[a.a0] = e.kind.rawValue
            wake = .object(a.a0)
        case .send:
            if !lenient && objects[a.a0] == nil { return .object(a.a0) }
            if a.a1 == 0 && !lenient { throw ValidationProblem(message: "send of message 0 on ch\(a.a0) (message numbers start at 1)") }
            if !sent.insert(channel: a.a0, message: a.a1) && !lenient {
                throw ValidationProblem(message: "send of message \(a.a1) on ch\(a.a0) twice (expected each message number once)")
            }
            wake = .message(a.a0, a.a1)
        case .receive:
            if !lenient {
                if objects[a.a0] == nil { return .object(a.a0) }
                if a.a1 != 0 && !sent.contains(channel: a.a0, message: a.a1) { return .message(a.a0, a.a1) }
            }
        case .lockAcquire:
            if !lenient && (objects[a.a0] == nil || holders[a.a0] != nil) { return .object(a.a0) }
            holders[a.a0] = running.rawValue
        case .lockRelease:
            if !lenient && objects[a.a0] == nil { return .object(a.a0) }
            let held = holders[a.a0] != nil
            holders[a.a0] = nil
            if !held && !lenient {
                throw ValidationProblem(message: "lockRelease of mu\(a.a0), which is not held (expected a lockAcquire of it first)")
            }
            wake = .object(a.a0)
        case .sendFailed, .selectWait, .close, .lockRequest, .waitGroupAdd, .waitGroupDone, .waitGroupWait, .conditionWait,
             .conditionSignal, .conditionBroadcast, .readRequest, .readAcquire, .readRelease, .onceBegin, .onceEnd,
             .semaphoreAcquire, .semaphoreRelease, .tick, .tickerStop, .timerFire, .timerStop, .trySendMiss, .tryReceiveMiss,
             .receiveTimeout, .actorJobBegin, .actorSlice, .actorJobEnd:
            if !lenient && objects[a.a0] == nil { return .object(a.a0) }
        case .taskCancel:
            if !lenient && tasks[a.a0] == nil { return .task(a.a0) }
        case .select:
            if !lenient && a.a2 != 0 && objects[a.a2] == nil { return .object(a.a2) }
        default:
            break
        }
        // The mask test here, the loop in the call: most kinds have no string argument, and skip the call.
        if !lenient && stringArguments[Int(e.kind.rawValue)] != 0 { try checkStrings(e) }
        return nil
    }

    /// Changes the state of task `id` (a fresh state when it is unknown). Concrete, not generic over the table's
    /// value type, so that it compiles to direct array accesses.
    @inline(__always)
    mutating func updateTask(_ id: UInt64, _ body: (inout TaskState) -> Void) {
        tasks.update(id, default: TaskState(), body)
    }

    /// Per kind code, a bit per argument of type `.string`.
    /// (Stored, not static: a static would cost a once-check on every event.)
    let stringArguments: [UInt8] = {
        var masks = [UInt8](repeating: 0, count: 256)
        for spec in EventSpec.all {
            for (i, argument) in spec.arguments.enumerated() where argument.type == .string { masks[Int(spec.kind.rawValue)] |= 1 << i }
        }
        return masks
    }()

    /// Checks that every string argument of `e` names a string defined before it.
    func checkStrings(_ e: Event) throws(ValidationProblem) {
        let mask = stringArguments[Int(e.kind.rawValue)]
        if mask == 0 { return }
        for i in 0..<EventSpec.maxArguments where mask & (1 << i) != 0 {
            let id = e.args[i]
            if id >= UInt64(stringCount) {
                // Looked up only for the message: `spec` hashes the kind into a dictionary.
                let arguments = e.kind.spec.arguments
                throw ValidationProblem(message: "\(e.kind) argument \(arguments[i].name) is string s\(id), but only \(stringCount) strings were defined before it (expected strings to be written before the batches that use them)")
            }
        }
    }
}
