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
    ///
    /// Its story is drawn on the lock lanes: main loads the config once, holding the cache's write lock for the 2 ms of
    /// the load and starting every task inside the once, so that every reader's first lookup waits for that write (on
    /// the rw-lock's lane) and the refresher's call to the once waits for main's load; each refresh takes both fetch slots (on the semaphore's lane, after the fetches holding them)
    /// and holds the write lock for write-ms, so that the readers' lookups during it wait again.
    public static let configCache = Demo(
        name: "config-cache",
        summary: "readers share a cache (a read-write mutex) that main loads once (a Once, 2 ms) holding its write lock; "
            + "readers look it up every 1 ms (a read lock each); a ticker refreshes it every refresh-ms, taking 2 of the "
            + "fetch semaphore's slots and then the write lock for write-ms; fetches hold one slot each for 3 ms; a timer's "
            + "deadline cancels a straggler (×); stats go out with trySend and in with receive(timeout:)",
        claim: "The primitives Go and Rust users reach for first (RWMutex, Once, a weighted Semaphore, Ticker and Timer, "
            + "cancellation, non-blocking and timed channel operations) work the same under every scheduler and show in the trace.",
        parameters: [
            DemoParameter("readers", 4, 1...10_000, "how many reader tasks"),
            DemoParameter("lookups", 20, 1...1_000_000, "how many lookups each reader makes, 1 ms apart"),
            DemoParameter("refreshes", 3, 1...10_000, "how many ticks of the refresher update the cache"),
            DemoParameter("refresh-ms", 10, 1...60_000, "the refresher's ticker period, in milliseconds"),
            DemoParameter("write-ms", 1, 0...60_000, "how long a refresh holds the cache's write lock, in milliseconds"),
            DemoParameter("fetchers", 4, 0...10_000, "how many background fetches compete for the fetch slots"),
            DemoParameter("slots", 2, 2...1_000, "the semaphore's permits (a refresh takes 2, a fetch 1)"),
            DemoParameter("deadline-ms", 30, 1...60_000, "when the timer cancels the straggler, in milliseconds"),
        ],
        lookFor: { options in
            let refreshSlots = options["slots"] == 2 ? "filling both rows" : "taking 2 rows"
            return "on the rw-lock's lane, main's 2 ms write hold (the load) with the readers blocked: lock under it, "
                + "then each refresh's write, which blocks the lookups again; on the semaphore's lane one row per slot: "
                + "the fetches in turn, with the fetchers queued for a slot blocked: lock under them, and each refresh "
                + "\(refreshSlots); the refresher's call to the once waits for main's load"
        }
    ) { context in
        let runtime = context.runtime
        let readers = context["readers"], lookups = context["lookups"], refreshes = context["refreshes"]
        let write = Duration.milliseconds(context["write-ms"])
        let config = runtime.once("load config")
        let cache = runtime.rwMutex("cache")
        let table = CacheTable()
        let slots = runtime.semaphore(permits: context["slots"], name: "fetch slots")
        let stats = runtime.channel(of: Int.self, capacity: 1, name: "stats")  // readers woken together overfill it
        let loads = Atomic<Int>(0)
        /// The load, run once: `meanwhile` first (main starts the tasks there), then 2 ms of reading the config, while
        /// the caller holds the cache's write lock.
        @Sendable func load(meanwhile: () -> Void = {}) async throws {
            try await config.run {
                loads.wrappingAdd(1, ordering: .relaxed)
                meanwhile()
                try await runtime.sleep(for: .milliseconds(2))
                table.loaded = true
            }
        }

        if let leftover = stats.tryReceive() { context.say("unexpected stats sample \(leftover)") }  // none queued yet

        let group = runtime.waitGroup("readers")
        let never = runtime.channel(of: Int.self, name: "slow upstream")
        var refresher: TaskHandle<Void>?, straggler: TaskHandle<Void>?, collector: TaskHandle<Int>?
        var deadline: OneShotTimer?
        // Main holds the write lock and runs the once before any task starts, and starts them all inside it: every
        // reader's first lookup waits for the write lock, and the refresher's call to the once waits for this load.
        try await cache.lock()
        try await load {
            for id in 1...readers {
                group.add()
                runtime.spawn("reader \(id)") {
                    defer { group.done() }
                    for n in 1...lookups {
                        let version = try await cache.withReadLock { table.loaded ? table.version : -1 }
                        _ = try stats.trySend(version)  // a full stats channel drops the sample, as a metrics client would
                        if n < lookups { try await runtime.sleep(for: .milliseconds(1)) }
                    }
                }
            }
            refresher = runtime.spawn("refresher") {
                let ticker = try runtime.ticker(every: .milliseconds(context["refresh-ms"]), name: "refresh")
                defer { ticker.stop() }
                try await load()  // main is loading: this call waits on the once and does not load again
                for _ in 1...refreshes {
                    _ = try await ticker.next()
                    try await slots.withPermits(2) {
                        try await cache.withLock {
                            if write > .zero { try await runtime.sleep(for: write) }  // rewriting the table
                            table.version += 1
                        }
                    }
                }
            }
            for id in 0..<context["fetchers"] {
                runtime.spawn("fetch \(id + 1)") {
                    try await slots.withPermits(1) { try await runtime.sleep(for: .milliseconds(3)) }
                }
            }
            straggler = runtime.spawn("straggler") { _ = try await never.receive() }
            collector = runtime.spawn("collector") {
                var samples = 0
                while true {
                    switch try await stats.receive(timeout: .milliseconds(5)) {
                    case .value: samples += 1
                    case .closed: return samples
                    case .timedOut: continue
                    }
                }
            }
            deadline = runtime.timer(after: .milliseconds(context["deadline-ms"]), name: "straggler deadline")
        }
        cache.unlock()
        guard let refresher, let straggler, let collector, let deadline else {
            throw DemoError(.wrongResult, "config-cache: main did not run the load, so its tasks never started")
        }

        if try await deadline.wait() { straggler.cancel() }
        var cancelled = false
        do { try await straggler.value } catch is CancellationError { cancelled = true }
        try await group.wait()
        try await refresher.value
        stats.close()
        let samples = try await collector.value
        let version = try await cache.withReadLock { table.version }
        let loaded = loads.load(ordering: .relaxed)
        context.say("config loaded \(loaded) time\(loaded == 1 ? "" : "s") for 2 callers (main and the refresher)")
        context.say("\((readers * lookups).grouped) lookup\(readers * lookups == 1 ? "" : "s"); cache refreshed to version \(version)")
        context.say("the straggler was \(cancelled ? "cancelled at its deadline" : "not cancelled")")
        context.say("stats: \(samples > 0 ? "received" : "none") (a full channel drops samples; \(stats.isClosed ? "closed" : "open"), \(stats.count) left)")
    }
}
