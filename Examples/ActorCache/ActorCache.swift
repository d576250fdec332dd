// An actor-guarded cache under contention: four clients ask for overlapping keys at once. Every lookup does some CPU
// work on the actor (it checks the stored value, about a third of a millisecond), so the actor serialises the clients:
// one client's code runs on it at a time while the others queue to enter. A miss computes the value (a short sleep,
// off the actor) while other clients hit or miss. Only the standard library's concurrency; Weft.trace runs it on a Weft scheduler and writes its
// trace.
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
            return checked(found)
        }
        misses += 1
        let computed = await compute(key)
        values[key] = computed
        return checked(computed)
    }

    /// `value` after the check every lookup makes on the actor: 300,000 rounds of a mixing function (about a third of
    /// a millisecond of CPU), the work that makes the actor the program's bottleneck.
    private func checked(_ value: Int) -> Int {
        var mixed = UInt64(truncatingIfNeeded: value) | 1
        for _ in 0..<300_000 {
            mixed = mixed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            mixed ^= mixed >> 29
        }
        return mixed == 0 ? value + 1 : value
    }
}

/// The slow computation behind a miss (2 ms); nonisolated, so it runs off the actor.
func compute(_ key: Int) async -> Int {
    try? await Task.sleep(for: .milliseconds(2))
    return key * key
}

@main
struct ActorCacheExample {
    static let clients = 4
    static let requestsPerClient = 3

    static func main() async throws {
        var options = RunOptions()
        options.summary = "\(clients) clients ask an actor-guarded cache for \(requestsPerClient) overlapping keys each; every "
            + "lookup checks its value on the actor (CPU work), a miss computes it (a 2 ms sleep) off the actor"
        let (sum, hits, misses) = try await Weft.trace(options) {
            let cache = Cache()
            let sum = await withTaskGroup(of: Int.self) { group in
                for client in 0..<clients {
                    group.addTask {
                        var total = 0
                        for request in 0..<requestsPerClient {
                            total += await cache.value(for: (client + request) % 4)
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
