import WeftTrace

/// The items from `context` before `index` to `context` after it (as far as `items` goes), described.
func contextWindow<T>(_ items: [T], around index: Int, _ context: Int, _ describe: (T) -> String) -> [String] {
    let start = max(index - context, 0), end = min(index + context + 1, items.count)
    return start < end ? items[start..<end].map(describe) : []
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
                contextA: contextWindow(opsA, around: index, context) { Self.describe($0, in: a) },
                contextB: contextWindow(opsB, around: index, context) { Self.describe($0, in: b) }))
        }
    }

    /// The index of the first operation that differs (one sequence ending early counts), or nil when they are the same.
    static func firstDifference(_ a: [TaskOperation], _ b: [TaskOperation], _ matching: RunMatching) -> Int? {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if !same(a[i], b[i], matching) { return i }
            i += 1
        }
        return a.count == b.count ? nil : n
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
        let flowsA = Self.byChannel(a.timeline), flowsB = Self.byChannel(b.timeline)
        for pair in matching.channels {
            let ca = a.timeline.channels[pair.a].id, cb = b.timeline.channels[pair.b].id
            let ma = flowsA[ca] ?? [], mb = flowsB[cb] ?? []
            guard let index = Self.firstDifference(ma, mb, matching) else {
                same += 1
                continue
            }
            func window(_ flows: [MessageFlow], _ run: TracedRun) -> [String] {
                contextWindow(flows, around: index, context) { f in
                    "#\(f.seq) \(f.sender == .none ? "?" : run.identities.task(f.sender)) → "
                        + (f.receiver == .none ? "(not received)" : run.identities.task(f.receiver))
                }
            }
            let seq = index < ma.count ? ma[index].seq : index < mb.count ? mb[index].seq : UInt64(index + 1)
            divergences.append(OrderDivergence(identity: a.identities.object(ca.object), seq: seq, messagesA: ma.count,
                                               messagesB: mb.count, contextA: window(ma, a), contextB: window(mb, b)))
        }
    }

    /// Each channel's messages, by seq.
    static func byChannel(_ t: Timeline) -> [ChannelID: [MessageFlow]] {
        var result: [ChannelID: [MessageFlow]] = [:]
        for f in t.flows { result[f.channel, default: []].append(f) }
        for key in result.keys { result[key]!.sort { $0.seq < $1.seq } }
        return result
    }

    static func firstDifference(_ a: [MessageFlow], _ b: [MessageFlow], _ matching: RunMatching) -> Int? {
        let n = min(a.count, b.count)
        for i in 0..<n {
            let x = a[i], y = b[i]
            if x.seq != y.seq || matching.taskAtoB[x.sender] != y.sender || matching.taskAtoB[x.receiver] != y.receiver {
                // Tasks unknown on both sides (none) count as the same.
                if x.seq == y.seq && (x.sender == .none) == (y.sender == .none) && (x.receiver == .none) == (y.receiver == .none)
                    && (x.sender == .none || matching.taskAtoB[x.sender] == y.sender)
                    && (x.receiver == .none || matching.taskAtoB[x.receiver] == y.receiver) { continue }
                return i
            }
        }
        return a.count == b.count ? nil : n
    }
}
