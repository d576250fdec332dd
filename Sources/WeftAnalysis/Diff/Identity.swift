import WeftTrace

/// Stable names for the tasks and objects of one run, so that two runs of one program can be matched.
///
/// A task is known by its name when it has one (`worker`, then `worker#2`, `worker#3` … for later tasks of the same
/// name, in creation order; a name already taken, such as a task literally named `worker#2`, gets the next free
/// suffix, so no two tasks ever share an identity); an unnamed task by its spawn path: its parent's identity, then its spawn site and its
/// index among the siblings spawned at that site (`main/demo.swift:12[3]`). A channel, mutex, wait group or
/// condition is known likewise by its name, or by its creator's identity, its kind and its index among the objects
/// of that kind the creator made (`main/channel[0]`).
public struct RunIdentities: Sendable {
    /// Each task's identity, by id.
    public private(set) var tasks: [TaskID: String] = [:]
    /// Each object's identity, by raw object id (channels, mutexes, wait groups, conditions).
    public private(set) var objects: [ObjectID: String] = [:]

    /// The identities of every task and object in `timeline`.
    public init(_ timeline: Timeline) {
        // Tasks in creation order, so that parents come before children and duplicates are numbered by occurrence.
        let order = timeline.tasks.indices.sorted {
            let a = timeline.tasks[$0], b = timeline.tasks[$1]
            return a.created != b.created ? a.created < b.created : a.id < b.id
        }
        var nameCount: [String: Int] = [:]
        var siblingCount: [String: Int] = [:]
        var takenTasks: Set<String> = []
        for i in order {
            let task = timeline.tasks[i]
            var identity: String
            if !task.name.isEmpty {
                identity = task.name
            } else {
                let parent = task.parent == .none ? "" : (tasks[task.parent] ?? task.parent.description) + "/"
                let site = task.site.isEmpty ? "?" : task.site
                let key = parent + site
                let index = siblingCount[key, default: 0]
                siblingCount[key] = index + 1
                identity = "\(key)[\(index)]"
            }
            tasks[task.id] = Self.unique(identity, counts: &nameCount, taken: &takenTasks)
        }

        var made: [String: Int] = [:]
        var nameCounts: [ObjectKind: [String: Int]] = [:]
        var takenObjects: [ObjectKind: Set<String>] = [:]
        func name(_ object: ObjectID, _ kind: ObjectKind, _ given: String, creator: TaskID, created: UInt64) {
            var identity: String
            if !given.isEmpty {
                identity = given
            } else {
                let owner = creator == .none ? "" : (tasks[creator] ?? creator.description) + "/"
                let key = owner + kind.description
                let index = made[key, default: 0]
                made[key] = index + 1
                identity = "\(key)[\(index)]"
            }
            objects[object] = Self.unique(identity, counts: &nameCounts[kind, default: [:]],
                                          taken: &takenObjects[kind, default: []])
        }
        // Objects in creation order within each kind, so that indices follow occurrence.
        func byCreation<T>(_ items: [T], _ created: (T) -> UInt64, _ raw: (T) -> UInt64) -> [T] {
            items.sorted { created($0) != created($1) ? created($0) < created($1) : raw($0) < raw($1) }
        }
        for c in byCreation(timeline.channels, \.created, \.id.rawValue) {
            name(c.id.object, .channel, c.name, creator: c.creator, created: c.created)
        }
        for m in byCreation(timeline.mutexes, \.created, \.id.rawValue) {
            name(m.id.object, .mutex, m.name, creator: m.creator, created: m.created)
        }
        for g in byCreation(timeline.waitGroups, \.created, \.id.rawValue) {
            name(g.id.object, .waitGroup, g.name, creator: g.creator, created: g.created)
        }
        for c in byCreation(timeline.conditions, \.created, \.id.rawValue) {
            name(c.id.object, .condition, c.name, creator: c.creator, created: c.created)
        }
        for s in byCreation(timeline.semaphores, \.created, \.id.rawValue) {
            name(s.id.object, .semaphore, s.name, creator: s.creator, created: s.created)
        }
        for o in byCreation(timeline.onces, \.created, \.id.rawValue) {
            name(o.id.object, .once, o.name, creator: o.creator, created: o.created)
        }
        for t in byCreation(timeline.timers, \.created, \.id.rawValue) {
            name(t.id.object, .timer, t.name, creator: t.creator, created: t.created)
        }
    }

    /// `identity` if no earlier task (or object of the kind) took it, else `identity#N` with the first N from 2 up
    /// whose result is free; records the result as taken.
    private static func unique(_ identity: String, counts: inout [String: Int], taken: inout Set<String>) -> String {
        var uses = counts[identity, default: 0]
        var result = uses == 0 ? identity : "\(identity)#\(uses + 1)"
        while taken.contains(result) {
            uses += 1
            result = "\(identity)#\(uses + 1)"
        }
        counts[identity] = uses + 1
        taken.insert(result)
        return result
    }

    /// The identity of a task (its id's text when the run does not know it).
    public func task(_ id: TaskID) -> String { tasks[id] ?? id.description }
    /// The identity of an object (its id's text when the run does not know it).
    public func object(_ id: ObjectID) -> String { objects[id] ?? id.description }
}
