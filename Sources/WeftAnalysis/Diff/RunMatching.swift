import WeftTrace

/// Which task and object of run A is which of run B, by identity.
public struct RunMatching: Sendable {
    /// Matched tasks as (A, B) positions in each timeline's `tasks`, in A's identity order.
    public private(set) var tasks: [(a: Int, b: Int)] = []
    /// A task id of A → its match in B.
    public private(set) var taskAtoB: [TaskID: TaskID] = [:]
    /// Identities of tasks only in B, and only in A (sorted).
    public private(set) var addedTasks: [String] = []
    public private(set) var removedTasks: [String] = []
    /// An object of A → its match in B (same kind, same identity).
    public private(set) var objectAtoB: [ObjectID: ObjectID] = [:]
    /// Matched channels and mutexes as (A, B) positions, in identity order.
    public private(set) var channels: [(a: Int, b: Int)] = []
    public private(set) var mutexes: [(a: Int, b: Int)] = []
    /// Objects only in B, and only in A, as `channel jobs`.
    public private(set) var addedObjects: [String] = []
    public private(set) var removedObjects: [String] = []

    /// Matches `a` with `b`.
    public init(_ a: TracedRun, _ b: TracedRun) {
        let ta = a.timeline, tb = b.timeline
        var bTasks: [String: Int] = [:]
        for (i, t) in tb.tasks.enumerated() { bTasks[b.identities.task(t.id)] = i }
        let identitiesA = ta.tasks.map { a.identities.task($0.id) }
        var matchedB = Set<Int>()
        for (i, t) in ta.tasks.enumerated() {
            let identity = identitiesA[i]
            if let j = bTasks[identity] {
                tasks.append((i, j))
                taskAtoB[t.id] = tb.tasks[j].id
                matchedB.insert(j)
            } else {
                removedTasks.append(identity)
            }
        }
        for (j, t) in tb.tasks.enumerated() where !matchedB.contains(j) { addedTasks.append(b.identities.task(t.id)) }
        tasks.sort { identitiesA[$0.a] < identitiesA[$1.a] }
        addedTasks.sort()
        removedTasks.sort()

        func match(_ kind: ObjectKind, _ idsA: [ObjectID], _ idsB: [ObjectID]) -> [(a: Int, b: Int)] {
            var byIdentity: [String: Int] = [:]
            for (j, id) in idsB.enumerated() { byIdentity[b.identities.object(id)] = j }
            var pairs: [(a: Int, b: Int)] = []
            var matched = Set<Int>()
            for (i, id) in idsA.enumerated() {
                let identity = a.identities.object(id)
                if let j = byIdentity[identity] {
                    pairs.append((i, j))
                    matched.insert(j)
                    objectAtoB[id] = idsB[j]
                } else {
                    removedObjects.append("\(kind) \(identity)")
                }
            }
            for (j, id) in idsB.enumerated() where !matched.contains(j) {
                addedObjects.append("\(kind) \(b.identities.object(id))")
            }
            return pairs.sorted { a.identities.object(idsA[$0.a]) < a.identities.object(idsA[$1.a]) }
        }
        channels = match(.channel, ta.channels.map(\.id.object), tb.channels.map(\.id.object))
        mutexes = match(.mutex, ta.mutexes.map(\.id.object), tb.mutexes.map(\.id.object))
        _ = match(.waitGroup, ta.waitGroups.map(\.id.object), tb.waitGroups.map(\.id.object))
        _ = match(.condition, ta.conditions.map(\.id.object), tb.conditions.map(\.id.object))
        _ = match(.semaphore, ta.semaphores.map(\.id.object), tb.semaphores.map(\.id.object))
        _ = match(.once, ta.onces.map(\.id.object), tb.onces.map(\.id.object))
        _ = match(.timer, ta.timers.map(\.id.object), tb.timers.map(\.id.object))
        addedObjects.sort()
        removedObjects.sort()
    }
}
