import Testing
import WeftAnalysis
import WeftDemos
import WeftRuntime
import WeftTestSupport
import WeftTrace

/// The demo that uses every primitive beyond channels, mutexes and wait groups.
@Suite("config-cache: every newer primitive in one traced program", .serialized)
struct ConfigCacheDemoTests {
    static let lines = ["config loaded 1 time for 2 callers (main and the refresher)", "80 lookups; cache refreshed to version 3",
                        "the straggler was cancelled at its deadline", "stats: received (a full channel drops samples; closed, 0 left)"]

    @Test("same output under every scheduler; each primitive's events are in the trace and the model",
          arguments: bothSchedulers + ["deterministic"])
    func everyPrimitiveIsTraced(scheduler: String) async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: scheduler)
        #expect(run.error == nil)
        #expect(run.lines == Self.lines)
        for kind: EventKind in [.rwMutexMake, .readRequest, .readAcquire, .readRelease, .onceMake, .onceBegin, .onceEnd,
                                .semaphoreMake, .semaphoreAcquire, .semaphoreRelease, .tickerMake, .tick, .tickerStop,
                                .timerMake, .timerFire, .taskCancel, .tryReceiveMiss] {
            #expect(run.count(kind) > 0, "\(kind)")
        }
        #expect(run.count(.readAcquire) == 80 + 1)  // every lookup, and the final read
        #expect(run.count(.onceBegin) == 1 && run.count(.onceEnd) == 1)
        #expect(run.count(.tick) == 3)
        let t = run.timeline
        let cache = try #require(t.mutexes.first { $0.name == "cache" })
        #expect(cache.isReadWrite)
        #expect(cache.readHolds.count == 81 && cache.readHolds.allSatisfy(\.released))
        #expect(cache.holds.count == 4)  // the load and three refreshes
        #expect(t.onces.count == 1 && t.onces[0].ended != nil)
        #expect(t.semaphores.first?.peakInUse ?? 0 <= 2)
        #expect(t.timers.filter(\.isTicker).count == 1 && t.timers.count == 2)
        let straggler = try #require(run.tasks(named: "straggler").first)
        #expect(t.cancellations.map(\.task) == [straggler])
        let stats = RunStats(t)
        #expect(stats.run.cancellations == 1)
        #expect(stats.primitives?.map(\.kind).sorted() == ["once", "read lock", "semaphore", "ticker", "timer"])
        #expect(stats.mutexes.first { $0.label == "cache" }?.readAcquisitions == 81)
        // The deadlock lint does not take the cancelled straggler's wait for a stuck one.
        #expect(WaitForGraph(t).waits[straggler] == nil)
    }

    @Test("the readers' first lookups wait for main's load on the cache's write lock; the refresher waits on the once",
          arguments: ["deterministic"])
    func loadIsWaitedForOnTheLock(scheduler: String) async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: scheduler)
        let t = run.timeline
        let main = try #require(t.tasks.first { $0.name == "main" })
        let cache = try #require(t.mutexes.first { $0.name == "cache" })
        let load = try #require(cache.holds.elements.first)
        #expect(load.task == main.id && load.end - load.start >= 2_000_000, "main holds the write lock across the 2 ms load")
        let once = try #require(t.onces.first)
        #expect(once.runner == main.id, "main runs the once's body")
        func waits(_ name: String, _ reason: BlockReason) -> [StateInterval] {
            t.tasks.filter { $0.name.hasPrefix(name) }.flatMap(\.intervals.elements).filter {
                if case .blocked(_, reason?) = $0.state { true } else { false }
            }
        }
        // Every reader is blocked reading during the load, and later during a refresh's write (1 ms each).
        let readerWaits = waits("reader", .readLock)
        for reader in t.tasks.filter({ $0.name.hasPrefix("reader") }) {
            #expect(reader.intervals.elements.contains {
                if case .blocked(_, .readLock?) = $0.state { $0.start < load.end && $0.end >= load.end } else { false }
            }, "\(reader.name) waits for the load")
        }
        #expect(readerWaits.contains { $0.start > load.end }, "a lookup waits for a refresh's write")
        #expect(waits("refresher", .once).count == 1)
        #expect(waits("reader", .once).isEmpty, "readers never call the once")
    }

    @Test("under the deterministic scheduler a full stats channel drops samples (trySend misses) and the collector times out")
    func missesAndTimeouts() async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: "deterministic")
        #expect(run.count(.trySendMiss) > 0)
        #expect(run.count(.receiveTimeout) > 0)
        let channel = try #require(run.timeline.channels.first { $0.name == "stats" })
        #expect(channel.trySendMisses == run.count(.trySendMiss))
        #expect(channel.sends + channel.trySendMisses == 80)
    }
}
