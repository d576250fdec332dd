import WeftTrace

/// The positions from `context` before `index` to `context` after it (as far as `count` goes), described.
func contextWindow(count: Int, around index: Int, _ context: Int, _ describe: (Int) -> String) -> [String] {
    let start = max(index - context, 0), end = min(index + context + 1, count)
    return start < end ? (start..<end).map(describe) : []
}

/// Compares each matched task's sequence of operations and finds where the first difference lies.
struct BehaviourComparison {
    var divergences: [BehaviourDivergence] = []
    var same = 0

    init(_ a: TracedRun, _ b: TracedRun, _ matching: RunMatching, context: Int) {
        for pair in matching.tasks {
            let idA = a.timeline.tasks[pair.a].id, idB = b.timeline.tasks[pair.b].id
            let opsA = a.operations[idA], opsB = b.operations[idB]
            guard let index = Self.firstDifference(opsA, opsB, matching) else {
                same += 1
                continue
            }
            let start = max(index - context, 0)
            divergences.append(BehaviourDivergence(
                identity: a.identities.task(idA), index: index, countA: opsA.count, countB: opsB.count, contextStart: start,
                contextA: contextWindow(count: opsA.count, around: index, context) { Self.describe(opsA[$0], in: a) },
                contextB: contextWindow(count: opsB.count, around: index, context) { Self.describe(opsB[$0], in: b) }))
        }
    }

    /// The index of the first operation that differs (one sequence ending early counts), or nil when they are the same.
    static func firstDifference(_ a: PeriodicSequence<TaskOperation>, _ b: PeriodicSequence<TaskOperation>,
                                _ matching: RunMatching) -> Int? {
        a.firstDifference(b) { _, x, y in same(x, y, matching) }
    }

    /// Whether two operations are the same: same kind, on matched targets.
    @inline(__always)
    static func same(_ x: TaskOperation, _ y: TaskOperation, _ matching: RunMatching) -> Bool {
        guard x.kind == y.kind else { return false }
        if x.kind == .sleep { return true }
        // No target (a select that took its default case) matches only no target.
        if x.target == 0 || y.target == 0 { return x.target == y.target }
        if x.kind.targetsTask { return matching.taskAtoB[TaskID(x.target)] == TaskID(y.target) }
        return matching.objectAtoB[ObjectID(x.target)] == ObjectID(y.target)
    }

    /// `send jobs`, `spawn worker#2`, `sleep`.
    static func describe(_ op: TaskOperation, in run: TracedRun) -> String {
        if op.kind == .sleep { return "sleep" }
        if op.target == 0 { return op.kind == .select ? "select (default)" : "\(op.kind)" }
        let target = op.kind.targetsTask ? run.identities.task(TaskID(op.target)) : run.identities.object(ObjectID(op.target))
        return "\(op.kind) \(target)"
    }
}

/// Compares the order of messages on each matched channel: which task sent message n and which received it.
struct MessageOrderComparison {
    var divergences: [OrderDivergence] = []
    var same = 0

    init(_ a: TracedRun, _ b: TracedRun, _ matching: RunMatching, context: Int) {
        for pair in matching.channels {
            let ca = a.timeline.channels[pair.a].id, cb = b.timeline.channels[pair.b].id
            let ma = a.messages[ca] ?? ChannelMessages(), mb = b.messages[cb] ?? ChannelMessages()
            guard let index = Self.firstDifference(ma, mb, matching) else {
                same += 1
                continue
            }
            func window(_ messages: ChannelMessages, _ run: TracedRun) -> [String] {
                contextWindow(count: messages.count, around: index, context) { i in
                    let (seq, ends) = messages[i]
                    return "#\(seq) \(ends.sender == .none ? "?" : run.identities.task(ends.sender)) → "
                        + (ends.receiver == .none ? "(not received)" : run.identities.task(ends.receiver))
                }
            }
            let seq = index < ma.count ? ma.seq(at: index) : index < mb.count ? mb.seq(at: index) : UInt64(index + 1)
            divergences.append(OrderDivergence(identity: a.identities.object(ca.object), seq: seq, messagesA: ma.count,
                                               messagesB: mb.count, contextA: window(ma, a), contextB: window(mb, b)))
        }
    }

    /// The index of the first message that differs: another seq, or another sender or receiver (a task unknown on
    /// both sides counts as the same); one channel's messages ending early counts. Nil when they are the same.
    static func firstDifference(_ a: ChannelMessages, _ b: ChannelMessages, _ matching: RunMatching) -> Int? {
        func same(_ x: TaskID, _ y: TaskID) -> Bool { x == .none ? y == .none : matching.taskAtoB[x] == y }
        // Within a stretch of consecutive numbers on both sides, equal numbers at its start stay equal.
        return a.ends.firstDifference(b.ends, boundary: { min(a.seqRunEnd(containing: $0), b.seqRunEnd(containing: $0)) }) { i, x, y in
            a.seq(at: i) == b.seq(at: i) && same(x.sender, y.sender) && same(x.receiver, y.receiver)
        }
    }
}
