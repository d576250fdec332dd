import Testing
import WeftAnalysis
import WeftTestSupport
import WeftTrace
@testable import WeftRender

/// Which lock lanes are drawn, and how a semaphore's lane and waits are named.
@Suite("Lock lane choice and kinds")
struct LockSelectionTests {
    /// The small run with `count` more mutexes, each waited for by `waiter` (nil: by nobody) and more waited-for than
    /// the run's own lock when nobody waits.
    static func run(extra count: Int, waiter: TaskID?) -> RenderTimeline {
        var run = Fixtures.small()
        for i in 0..<count {
            var lock = LockTrack(mutex: MutexID(UInt64(20 + i)), label: "fork \(i)", holds: [],
                                 waits: [TimeSpan(10_000, 90_000 + UInt64(i))])
            if let waiter { lock.waiters = [waiter] }
            run.locks.append(lock)
        }
        return run
    }

    @Test("every lock a drawn task waited for has a lane, past the limit; the rest fill up to it and are counted")
    func waitedForLocksAlwaysDrawn() throws {
        var options = RenderOptions(width: 1200)
        options.maxLockLanes = 3
        let waited = LaneSelection(Self.run(extra: 5, waiter: TaskID(2)), options: options)
        // The fixture's own lock was waited for by no task it names: the five forks fill the lanes.
        #expect(waited.shownLocks.count == 5 && waited.hiddenLocks == 1)
        // Waited for by no task: the three most waited-for, the others counted in the header.
        let unwaited = LaneSelection(Self.run(extra: 5, waiter: nil), options: options)
        #expect(unwaited.shownLocks.count == 3 && unwaited.hiddenLocks == 3)
        // The most waited-for chosen, drawn by id.
        #expect(unwaited.shownLocks.map(\.label) == ["fork 2", "fork 3", "fork 4"])
        let scene = try TimelineLayout.scene(Self.run(extra: 5, waiter: nil), options: options, measurer: TextMeasurer())
        #expect(scene.texts.contains { $0.text.contains("3 drawn: every one a task drawn waited for, then the most waited-for; 3 more not drawn") })
    }

    @Test("a contrast picture draws every lock a drawn task waited for in either run, in both panels")
    func sameLocksInBothPanels() throws {
        var options = RenderOptions(width: 1200)
        options.maxLockLanes = 1
        let scene = try TimelineLayout.contrast(Self.run(extra: 4, waiter: TaskID(3)), Self.run(extra: 0, waiter: nil),
                                                options: options, measurer: TextMeasurer())
        for i in 0..<4 { #expect(scene.texts.filter { $0.text == "lock mu\(20 + i) fork \(i)" }.count == 1) }
        // No room is left for a lock no drawn task waited for, in either panel.
        #expect(!scene.texts.contains { $0.text == "lock mu7 stats" })
    }

    @Test("the section header counts each kind of lock; the legend names the kinds waited for")
    func kindsNamed() {
        var rw = LockTrack(mutex: MutexID(2), label: "cache", holds: [])
        rw.kind = .rwLock
        var semaphore = LockTrack(mutex: MutexID(3), label: "slots", holds: [])
        semaphore.kind = .semaphore
        #expect(PanelLayout.lockCounts([rw, semaphore]) == "1 rw-lock, 1 semaphore")
        #expect(PanelLayout.lockCounts([LockTrack(mutex: MutexID(1), label: "a", holds: []), LockTrack(mutex: MutexID(4), label: "b", holds: [])])
            == "2 mutexes")
        #expect(LaneSelection.lockLabel(semaphore) == "semaphore sem3 slots" && LaneSelection.lockLabel(rw) == "rw-lock mu2 cache")
        #expect(LegendLayout.lockWaitWords([.semaphore]) == "semaphore")
        #expect(LegendLayout.lockWaitWords([]) == "mutex")
        #expect(LegendLayout.lockWaitWords([.semaphore, .mutex, .rwLock]) == "lock (mutex, rw-lock, semaphore)")
    }

    @Test("a semaphore's holders sit in one row per permit in use at once, never overlapping within a row")
    func permitRows() {
        let holds = [ThreadSlice(start: 0, end: 10, task: TaskID(1)), ThreadSlice(start: 2, end: 6, task: TaskID(2)),
                     ThreadSlice(start: 7, end: 12, task: TaskID(3)), ThreadSlice(start: 11, end: 14, task: TaskID(4))]
        let rows = PanelLayout.permitRows(holds)
        #expect(rows.map { $0.map(\.task.rawValue) } == [[1, 4], [2, 3]])
    }

    @Test("a task that takes 2 permits at once holds two slices side by side, in two permit rows")
    func weightedHoldFillsTwoRows() {
        let changes = [PermitChange(time: 0, task: TaskID(1), weight: 1, available: 1),
                       PermitChange(time: 4, task: TaskID(1), weight: -1, available: 2),
                       PermitChange(time: 5, task: TaskID(2), weight: 2, available: 0),
                       PermitChange(time: 9, task: TaskID(2), weight: -2, available: 2)]
        let holds = SemaphoreLanes.holds(changes, end: 20) { $0 }
        #expect(holds.map { [$0.start, $0.end, $0.task.rawValue] } == [[0, 4, 1], [5, 9, 2], [5, 9, 2]])
        #expect(PanelLayout.permitRows(holds).map { $0.map(\.task.rawValue) } == [[1, 2], [2]])
    }

    @Test("config-cache's semaphore has a lane of its own, with its holders and its waiters, named as a semaphore")
    func configCacheSemaphore() async throws {
        let run = try await RecordedRun.of("config-cache", [], scheduler: "deterministic")
        let picture = RenderTimeline(timeline: run.timeline)
        let semaphore = try #require(picture.locks.first { $0.kind == .semaphore })
        #expect(semaphore.label == "fetch slots")
        // Four fetchers take the two permits in turn; the refresher takes both at each of its three refreshes, drawn as
        // one hold per permit: 4 + 3 × 2.
        #expect(semaphore.readHolds.count == 10 && Set(semaphore.readHolds.map(\.task)).count == 5)
        #expect(PanelLayout.permitRows(semaphore.readHolds).count == 2)
        let waiting = run.timeline.tasks.filter { task in
            task.intervals.elements.contains { if case .blocked(_, .semaphore?) = $0.state { true } else { false } }
        }
        #expect(semaphore.waiters == Set(waiting.map(\.id)))
        let scene = try TimelineLayout.scene(picture, options: RenderOptions(width: 1400), measurer: try TextMeasurer())
        let texts = scene.texts.map(\.text)
        #expect(texts.contains { $0.hasPrefix("semaphore sem") && $0.hasSuffix("fetch slots") })
        #expect(texts.contains { $0.hasPrefix("1 rw-lock, 1 semaphore,") })
        if !waiting.isEmpty { #expect(texts.contains { $0.hasPrefix("blocked: ") && $0.contains("semaphore") }) }
    }
}
