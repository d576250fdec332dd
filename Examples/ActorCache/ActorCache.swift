// An actor-guarded cache under contention: eight clients ask for overlapping keys at once; the actor serialises
// them, and a miss computes the value (a short sleep, off the actor) while other clients hit or miss. Only the
// standard library's concurrency; Weft.trace runs it on a Weft scheduler and writes its trace.
import WeftRuntime

/// A cache of computed values, with its hit and miss counts; the actor is the only guard.
actor Cache {
    private var values: [Int: Int] = [:]
    private(set) var hits = 0
    private(set) var misses = 0

    /// The value for `key`, computed on a miss. Two clients missing the same key at once both compute it.
    func value(for key: Int) async -> Int {
        if let found = values[key] {
            hits += 1
            return found
        }
        misses += 1
        let computed = await compute(key)
        values[key] = computed
        return computed
    }
}

/// The slow computation behind a miss (2 ms); nonisolated, so it runs off the actor.
func compute(_ key: Int) async -> Int {
    try? await Task.sleep(for: .milliseconds(2))
    return key * key
}

@main
struct ActorCacheExample {
    static let clients = 8
    static let requestsPerClient = 12

    static func main() async throws {
        var options = RunOptions()
        options.summary = "\(clients) clients ask an actor-guarded cache for \(requestsPerClient) overlapping keys each; a miss "
            + "computes its value (a 2 ms sleep) off the actor"
        let (sum, hits, misses) = try await Weft.trace(options) {
            let cache = Cache()
            let sum = await withTaskGroup(of: Int.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var total = 0
                        for request in 0..<requestsPerClient {
                            total += await cache.value(for: (client + request) % 10)
                        }
                        return total
                    }
                }
                return await group.reduce(0, +)
            }
            return (sum, await cache.hits, await cache.misses)
        }
        print("sum \(sum) from \(clients * requestsPerClient) requests: \(hits) hits, \(misses) misses")
    }
}
