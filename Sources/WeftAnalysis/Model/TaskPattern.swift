/// The one task pattern of every command (`weft render --tasks`, `weft stats --task`): a glob with `*` and `?`
/// matched against the whole task name (or the id, `t12`), or else a substring of the name, or the id exactly.
///
/// `worker*` matches the task named "worker 1" (not only a label such as "t2 worker 1"); `t1?` matches t12.
public struct TaskPattern: Sendable {
    public let pattern: String
    private let isGlob: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        isGlob = pattern.contains("*") || pattern.contains("?")
    }

    /// Whether a task named `name` with id `id` (e.g. "t12") matches.
    public func matches(name: String, id: String) -> Bool {
        if isGlob {
            let p = Array(pattern)
            return Self.glob(p, Array(name)) || Self.glob(p, Array(id)) || Self.glob(p, Array("\(id) \(name)"))
        }
        return name.contains(pattern) || id == pattern
    }

    private static func glob(_ p: [Character], _ s: [Character]) -> Bool {
        var pi = 0, si = 0, star = -1, mark = 0
        while si < s.count {
            if pi < p.count, p[pi] == "?" || p[pi] == s[si] {
                pi += 1
                si += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = si
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                si = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
