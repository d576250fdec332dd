import Foundation
import Testing
import WeftAnalysis
import WeftTrace
import WeftTestSupport
@testable import WeftRender

/// The Locks header gives the tasks' time blocked on the locks, the figure `weft stats` sums from its per-task
/// "blocked on" column (mutex, readlock, semaphore).
@Suite("The Locks header's total of lock waits")
struct LockWaitTotalTests {
    let measurer: TextMeasurer
    init() throws { measurer = try TextMeasurer() }

    @Test("the fixed philosophers and config-cache: the header's total is stats' lock waits summed over the tasks",
          arguments: ["philosophers-fixed-multiplexed", "philosophers-fixed-thread-per-task", "config-cache-multiplexed"])
    func committed(_ name: String) throws {
        let path = CommittedTraces.folder.appendingPathComponent("\(name).weft").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let timeline = try TimelineBuilder.build(from: TraceReader(path: path))
        let stats = RunStats(timeline)
        let reasons: [BlockReason] = [.mutex, .readLock, .semaphore]
        let waited = stats.tasks.map { task in reasons.reduce(UInt64(0)) { $0 + (task.blocked[$1.description] ?? 0) } }
        let total = waited.reduce(0, +)
        #expect(total > 0, "\(name): no lock waits")
        let run = RenderTimeline(timeline: timeline)
        #expect(run.facts.lockWait.total == total, "\(name)")
        #expect(run.facts.lockWait.tasks == waited.filter { $0 > 0 }.count, "\(name)")
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let words = "tasks waited on them \(DurationFormat.format(total)) in all (\(TaskSum.unit) over "
            + Format.plural(run.facts.lockWait.tasks, "task") + ")"
        #expect(scene.texts.contains { $0.text.contains(words) }, "\(name): no \"\(words)\"")
    }

    @Test("the counter: a lock's waiters are the tasks stats has blocked on it, every one named in the header",
          arguments: ["counter-multiplexed", "counter-thread-per-task"])
    func waitersNamed(_ name: String) throws {
        let path = CommittedTraces.folder.appendingPathComponent("\(name).weft").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        let timeline = try TimelineBuilder.build(from: TraceReader(path: path))
        let blocked = Set(RunStats(timeline).tasks.filter { ($0.blocked[BlockReason.mutex.description] ?? 0) > 0 }.map { TaskID($0.id) })
        #expect(!blocked.isEmpty && blocked.count <= 4, "\(name): \(blocked)")
        let run = RenderTimeline(timeline: timeline)
        let lock = try #require(run.locks.first)
        // Main and the first adder take the lock uncontended, a few nanoseconds after asking: not waiters.
        #expect(lock.waiters == blocked, "\(name)")
        let scene = try TimelineLayout.scene(run, options: RenderOptions(width: 1600), measurer: measurer)
        let words = "\(lock.idText) \(lock.label) by " + PanelLayout.waiterWords(blocked)
        #expect(scene.texts.contains { $0.text.contains(words) && !$0.text.contains("more") }, "\(name): no \"\(words)\"")
    }

    @Test("waiters are all named up to four, then counted with their ids' range")
    func waiterWords() {
        let ids = { (raw: [UInt64]) in Set(raw.map { TaskID($0) }) }
        #expect(PanelLayout.waiterWords(ids([3])) == "t3")
        #expect(PanelLayout.waiterWords(ids([4, 3])) == "t3 and t4")
        #expect(PanelLayout.waiterWords(ids([1, 2, 3, 4])) == "t1, t2, t3 and t4")
        #expect(PanelLayout.waiterWords(ids(Array(3...14))) == "12 tasks (t3–t14)")
        #expect(PanelLayout.waiterWords(ids([3, 5, 9, 20, 40])) == "5 tasks (among t3–t40)")
    }
}
