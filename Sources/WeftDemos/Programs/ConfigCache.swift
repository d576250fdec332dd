import Synchronization
import WeftRuntime

/// The cache's contents, guarded by the demo's read-write mutex.
private final class CacheTable: @unchecked Sendable {
    var version = 0
    var loaded = false
}

extension Demo {
    /// A config cache served by readers, refreshed on a ticker, with fetches limited by a semaphore and a straggler
    /// cancelled at a deadline: every primitive beyond channels, mutexes and wait groups in one program.
    public static let configCache = Demo(
        name: "config-cache",
        summary: "readers share a cache (read-write mutex) loaded once (the others wait for the first load, 2 ms: pink); "
            + "a ticker refreshes it every refresh-ms (a write, taking both slots); a semaphore of 2 slots limits fetches "
            + "(each holds one for 3 ms: more fetchers than slots queue); a timer's deadline cancels a straggler (×); stats "
            + "go out with trySend and in with receive(timeout:)",
        claim: "The primitives Go and Rust users reach for first (RWMutex, Once, a weighted Semaphore, Ticker and Timer, "
            + "cancellation, non-blocking and timed channel operations) work the same under every scheduler and show in the trace.",
        parameters: [
            DemoParameter("readers", 4, 1...10_000, "how many reader tasks"),
            DemoParameter("lookups", 20, 1...1_000_000, "how many lookups each reader makes"),
            DemoParameter("refreshes", 3, 1...10_000, "how many ticks of the refresher update the cache"),
            DemoParameter("refresh-ms", 10, 1...60_000, "the refresher's ticker period, in milliseconds"),
            DemoParameter("fetchers", 4, 0...10_000, "how many background fetches compete for the fetch slots"),
            DemoParameter("slots", 2, 2...1_000, "the semaphore's permits (a refresh takes 2, a fetch 1)"),
            DemoParameter("deadline-ms", 30, 1...60_000, "when the timer cancels the straggler, in milliseconds"),
        ]
    ) { context in
        let runtime = context.runtime
        let readers = context["readers"], lookups = context["lookups"], refreshes = context["refreshes"]
        let config = runtime.once("load config")
        let cache = runtime.rwMutex("cache")
        let table = CacheTable()
        let slots = runtime.semaphore(permits: context["slots"], name: "fetch slots")
        let stats = runtime.channel(of: Int.self, capacity: 4, name: "stats")
        let loads = Atomic<Int>(0)
        @Sendable func load() async throws {
            try await config.run {
                loads.wrappingAdd(1, ordering: .relaxed)
                try await runtime.sleep(for: .milliseconds(2))
                try await cache.withLock { table.loaded = true }
            }
        }

        if let leftover = stats.tryReceive() { context.say("unexpected stats sample \(leftover)") }  // none queued yet

        let group = runtime.waitGroup("readers")
        for id in 1...readers {
            group.add()
            runtime.spawn("reader \(id)") {
                defer { group.done() }
                try await load()
                for n in 1...lookups {
                    let version = try await cache.withReadLock { table.loaded ? table.version : -1 }
                    _ = try stats.trySend(version)  // a full stats channel drops the sample, as a metrics client would
                    if n % 5 == 0 { try await runtime.sleep(for: .milliseconds(1)) }
                }
            }
        }
        let refresher = runtime.spawn("refresher") {
            let ticker = try runtime.ticker(every: .milliseconds(context["refresh-ms"]), name: "refresh")
            defer { ticker.stop() }
            try await load()
            for _ in 1...refreshes {
                _ = try await ticker.next()
                try await slots.withPermits(2) {
                    try await cache.withLock { table.version += 1 }
                }
            }
        }
        for id in 0..<context["fetchers"] {
            runtime.spawn("fetch \(id + 1)") {
                try await slots.withPermits(1) { try await runtime.sleep(for: .milliseconds(3)) }
            }
        }
        let never = runtime.channel(of: Int.self, name: "slow upstream")
        let straggler = runtime.spawn("straggler") { _ = try await never.receive() }
        let collector = runtime.spawn("collector") {
            var samples = 0
            while true {
                switch try await stats.receive(timeout: .milliseconds(5)) {
                case .value: samples += 1
                case .closed: return samples
                case .timedOut: continue
                }
            }
        }

        let deadline = runtime.timer(after: .milliseconds(context["deadline-ms"]), name: "straggler deadline")
        if try await deadline.wait() { straggler.cancel() }
        var cancelled = false
        do { try await straggler.value } catch is CancellationError { cancelled = true }
        try await group.wait()
        try await refresher.value
        stats.close()
        let samples = try await collector.value
        let version = try await cache.withReadLock { table.version }
        context.say("config loaded \(loads.load(ordering: .relaxed)) time\(loads.load(ordering: .relaxed) == 1 ? "" : "s") for \(readers + 1) tasks")
        context.say("\(readers * lookups) lookups; cache refreshed to version \(version)")
        context.say("the straggler was \(cancelled ? "cancelled at its deadline" : "not cancelled")")
        context.say("stats: \(samples > 0 ? "received" : "none") (a full channel drops samples; \(stats.isClosed ? "closed" : "open"), \(stats.count) left)")
    }
}
