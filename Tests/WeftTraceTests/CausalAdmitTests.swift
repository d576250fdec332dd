import Testing
@testable import WeftTrace

/// The causal checks as two switches on the kind, as the reader once made them: first what an event waits for, then
/// (when nothing) its check and effect. `CausalState.admit` does both in one switch; this is the reference it must
/// agree with.
extension CausalState {
    /// What `e` must wait for before it can be emitted, or nil when it can be emitted now.
    func twoStepBlocker(_ e: Event) -> WaitKey? {
        let a = e.args
        switch e.kind {
        case .runBegin:
            guard let t = tasks[a.a0], !t.running, !t.blocked, !t.ended else { return .task(a.a0) }
        case .unblock:
            guard let t = tasks[a.a0], t.blockPending else { return .task(a.a0) }
        case .receive:
            if objects[a.a0] == nil { return .object(a.a0) }
            if a.a1 != 0 && !sent.contains(channel: a.a0, message: a.a1) { return .message(a.a0, a.a1) }
        case .send, .sendFailed, .selectWait, .close, .lockRequest, .lockRelease, .waitGroupAdd, .waitGroupDone, .waitGroupWait,
             .conditionWait, .conditionSignal, .conditionBroadcast, .readRequest, .readAcquire, .readRelease, .onceBegin,
             .onceEnd, .semaphoreAcquire, .semaphoreRelease, .tick, .tickerStop, .timerFire, .timerStop, .trySendMiss,
             .tryReceiveMiss, .receiveTimeout, .actorJobBegin, .actorSlice, .actorJobEnd:
            if objects[a.a0] == nil { return .object(a.a0) }
        case .taskCancel:
            if tasks[a.a0] == nil { return .task(a.a0) }
        case .lockAcquire:
            if objects[a.a0] == nil || holders[a.a0] != nil { return .object(a.a0) }
        case .select:
            if a.a2 != 0 && objects[a.a2] == nil { return .object(a.a2) }
        case .conditionMake:
            if objects[a.a1] == nil { return .object(a.a1) }
        case .taskEnd:
            if tasks[a.a0] == nil { return .task(a.a0) }
        default:
            break
        }
        return nil
    }

    /// Checks `e` against the state and applies it (after `twoStepBlocker` let it through).
    mutating func twoStepApply(_ e: Event, running: inout TaskID, lenient: Bool, wake: inout WaitKey?) throws(ValidationProblem) {
        let a = e.args
        switch e.kind {
        case .taskCreate:
            if a.a0 == 0 && !lenient { throw ValidationProblem(message: "taskCreate of task 0 (task ids start at 1)") }
            if tasks[a.a0] != nil && !lenient { throw ValidationProblem(message: "taskCreate of t\(a.a0), which exists already (expected each task to be created once)") }
            tasks[a.a0] = TaskState()
            wake = .task(a.a0)
        case .runBegin:
            if running != .none && !lenient {
                throw ValidationProblem(message: "runBegin of t\(a.a0) while \(running) still runs on \(e.thread) (expected runEnd of \(running) first)")
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
            updateTask(a.a0) { t in
                t.blockPending = false
                if t.running { t.wokenEarly = true } else { t.blocked = false }
            }
            wake = .task(a.a0)
        case .taskEnd:
            updateTask(a.a0) { $0.ended = true }
            wake = .task(a.a0)
        case .channelMake, .mutexMake, .waitGroupMake, .conditionMake, .rwMutexMake, .onceMake, .semaphoreMake, .tickerMake,
             .timerMake, .actorMake:
            if a.a0 == 0 && !lenient { throw ValidationProblem(message: "\(e.kind) of object 0 (object ids start at 1)") }
            if objects[a.a0] != nil && !lenient { throw ValidationProblem(message: "\(e.kind) of o\(a.a0), which was made already (expected each object to be made once)") }
            objects[a.a0] = e.kind.rawValue
            wake = .object(a.a0)
        case .send:
            if a.a1 == 0 && !lenient { throw ValidationProblem(message: "send of message 0 on ch\(a.a0) (message numbers start at 1)") }
            if !sent.insert(channel: a.a0, message: a.a1) && !lenient {
                throw ValidationProblem(message: "send of message \(a.a1) on ch\(a.a0) twice (expected each message number once)")
            }
            wake = .message(a.a0, a.a1)
        case .lockAcquire:
            holders[a.a0] = running.rawValue
        case .lockRelease:
            let held = holders[a.a0] != nil
            holders[a.a0] = nil
            if !held && !lenient {
                throw ValidationProblem(message: "lockRelease of mu\(a.a0), which is not held (expected a lockAcquire of it first)")
            }
            wake = .object(a.a0)
        default:
            break
        }
        // The mask test here, the loop in the call: most kinds have no string argument, and skip the call.
        if !lenient && stringArguments[Int(e.kind.rawValue)] != 0 { try checkStrings(e) }
    }
}

/// `CausalState.admit` (one switch on the kind) against the two-switch reference, on random streams of events over a
/// few tasks, objects and messages, so that waits, effects, errors and repeats (ties of ids) all occur.
@Suite("Admitting events to the causal state")
struct CausalAdmitTests {
    /// A small deterministic generator (the tests must repeat).
    struct SplitMix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    }

    /// What one step did: the key waited for, the wake key, the running task after, the error's message.
    struct Outcome: Equatable {
        var cause: WaitKey?
        var wake: WaitKey?
        var running: TaskID
        var failure: String?
    }

    static func twoStep(_ state: inout CausalState, _ e: Event, running: TaskID, lenient: Bool) -> Outcome {
        var running = running
        var wake: WaitKey?
        if !lenient, let key = state.twoStepBlocker(e) { return Outcome(cause: key, wake: nil, running: running) }
        do {
            try state.twoStepApply(e, running: &running, lenient: lenient, wake: &wake)
        } catch {
            return Outcome(cause: nil, wake: wake, running: running, failure: error.message)
        }
        return Outcome(cause: nil, wake: wake, running: running)
    }

    static func oneStep(_ state: inout CausalState, _ e: Event, running: TaskID, lenient: Bool) -> Outcome {
        var running = running
        var wake: WaitKey?
        do {
            let cause = try state.admit(e, running: &running, lenient: lenient, wake: &wake)
            return Outcome(cause: cause, wake: wake, running: running)
        } catch {
            return Outcome(cause: nil, wake: wake, running: running, failure: error.message)
        }
    }

    /// Everything the two states can be asked about the few ids the stream uses.
    static func snapshot(_ state: CausalState) -> [String] {
        var lines: [String] = []
        for id in UInt64(0)...6 {
            if let t = state.tasks[id] {
                lines.append("t\(id) \(t.running) \(t.blocked) \(t.blockPending) \(t.wokenEarly) \(t.ended)")
            }
            lines.append("o\(id) \(state.objects[id].map(String.init) ?? "-") holder \(state.holders[id].map(String.init) ?? "-")")
            for seq in UInt64(0)...5 where state.sent.contains(channel: id, message: seq) { lines.append("sent \(id) \(seq)") }
        }
        return lines
    }

    @Test("one switch waits, applies and throws as the two switches did, on random streams, strict and lenient", arguments: [false, true])
    func agreesWithTwoSwitches(lenient: Bool) {
        var random = SplitMix(state: lenient ? 7 : 3)
        let kinds = EventKind.allCases
        var disagreements = 0
        var waits = 0, failures = 0, applied = 0
        for stream in 0..<120 {
            var reference = CausalState()
            var candidate = CausalState()
            reference.stringCount = 3
            candidate.stringCount = 3
            var running = TaskID.none
            for _ in 0..<250 {
                // Mostly the kinds the checks know; any kind now and then.
                let kind: EventKind
                switch random.below(4) {
                case 0: kind = kinds[Int(random.below(UInt64(kinds.count)))]
                case 1: kind = [.taskCreate, .runBegin, .runEnd, .block, .unblock, .taskEnd, .taskCancel][Int(random.below(7))]
                case 2: kind = [.channelMake, .mutexMake, .conditionMake, .send, .receive, .select][Int(random.below(6))]
                default: kind = [.lockRequest, .lockAcquire, .lockRelease, .close, .waitGroupAdd, .actorMake][Int(random.below(6))]
                }
                let args = EventArguments(random.below(5), random.below(4), random.below(3), random.below(4))
                let e = Event(kind: kind, time: 0, thread: ThreadID(1 + random.below(2)), task: running, args: args)
                let expected = Self.twoStep(&reference, e, running: running, lenient: lenient)
                let actual = Self.oneStep(&candidate, e, running: running, lenient: lenient)
                if expected != actual { disagreements += 1 }
                if expected.cause != nil { waits += 1 } else if expected.failure != nil { failures += 1 } else { applied += 1 }
                // Go on from the reference's running task, or now and then from another, as another thread's would be.
                running = random.below(8) == 0 ? TaskID(random.below(4)) : expected.running
            }
            if Self.snapshot(reference) != Self.snapshot(candidate) {
                disagreements += 1
                Issue.record("stream \(stream): the states differ")
            }
        }
        #expect(disagreements == 0)
        // The streams exercise every outcome.
        #expect(applied > 500)
        #expect(lenient ? waits == 0 : waits > 500)
        #expect(lenient ? failures == 0 : failures > 50)
    }
}
