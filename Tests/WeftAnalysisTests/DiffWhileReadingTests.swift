import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft diff` reads each trace once keeping no per-event lists (`TracedRun.digest`); the picture's timelines still
/// build whole models (`TracedRun.build`). Both must give the same diff, word for word, on recorded, hand-written,
/// scripted and synthetic traces; and the digest of a run that repeats itself must stay small however long it runs.
@Suite("Diff while reading")
struct DiffWhileReadingTests {
    static let folder = CommittedTraces.folder

    /// The recorded traces, as (multiplexed, thread-per-task) pairs of one program.
    static var recordedPairs: [(String, String)] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".weft") }
        return names.filter { $0.hasSuffix("-multiplexed.weft") }.sorted().compactMap { m in
            let t = m.replacingOccurrences(of: "-multiplexed.weft", with: "-thread-per-task.weft")
            return names.contains(t) ? (folder.appendingPathComponent(m).path, folder.appendingPathComponent(t).path) : nil
        }
    }

    /// The diff of `a` and `b` both ways: from whole models and from digests; they must be equal, text and all.
    static func expectSame(_ name: String, _ a: () throws -> any EventStream, _ b: () throws -> any EventStream) throws {
        let wholeA = try TracedRun.build(from: a()), wholeB = try TracedRun.build(from: b())
        let digestA = try TracedRun.digest(from: a()), digestB = try TracedRun.digest(from: b())
        #expect(digestA.stats == wholeA.stats, "\(name): A's figures")
        #expect(digestA.held == wholeA.held, "\(name): A's mutex hold times")
        for ignoreTiming in [false, true] {
            let whole = TraceDiff(a: wholeA, b: wholeB, nameA: "a", nameB: "b", ignoreTiming: ignoreTiming)
            let digest = TraceDiff(a: digestA, b: digestB, nameA: "a", nameB: "b", ignoreTiming: ignoreTiming)
            #expect(digest == whole, "\(name) (ignoring timing: \(ignoreTiming))")
            let text = DiffReport(top: 10).render(digest), expected = DiffReport(top: 10).render(whole)
            if let d = GoldenFile.firstDifference(text, expected) {
                Issue.record("\(name): line \(d.line) differs:\n  digest \(d.got)\n  whole  \(d.expected)")
            }
        }
    }

    @Test("recorded traces: each program's two schedulers, and each trace with itself")
    func recorded() throws {
        let pairs = Self.recordedPairs
        #expect(pairs.count >= 10, "traces/ holds the recorded pairs")
        for (m, t) in pairs {
            let name = URL(fileURLWithPath: m).lastPathComponent
            try Self.expectSame(name, { try TraceReader(path: m) }, { try TraceReader(path: t) })
            try Self.expectSame(name + " itself", { try TraceReader(path: m) }, { try TraceReader(path: m) })
        }
    }

    @Test("hand-written and synthetic traces")
    func synthetic() throws {
        let pairs = [("philosophers-deadlock", "philosophers-ordered"), ("lock-across-sleep", "lock-released-first"),
                     ("mutex-contention", "two-tasks"), ("leak", "woken-before-parking")]
        for (a, b) in pairs {
            try Self.expectSame("\(a) vs \(b)", { try TraceText.parse(traceText(a)) }, { try TraceText.parse(traceText(b)) })
        }
        for (seedA, seedB, eventsB) in [(1 as UInt64, 2 as UInt64, 30_000), (5, 5, 36_000), (9, 9, 30_000)] {
            try Self.expectSame("synthetic \(seedA) vs \(seedB)",
                                { SyntheticTrace(events: 30_000, population: 60, seed: seedA) },
                                { SyntheticTrace(events: eventsB, population: 60, seed: seedB) })
        }
    }

    /// Two tasks passing a message back and forth `rounds` times over two channels; B's pong sends one message more
    /// than A's when `extra`, and B's ping takes 5 ns longer a round when `slower`.
    static func pingPong(rounds: Int, extra: Bool = false, slower: Bool = false) -> EventList {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.create(0, on: 1, 1, name: "main")
        s.begin(1, on: 1, 1)
        s.channel(2, on: 1, 10, capacity: 0, name: "ping")
        s.channel(3, on: 1, 11, capacity: 0, name: "pong")
        s.create(4, on: 1, 2, parent: 1, name: "ponger")
        var t: UInt64 = 10
        s.begin(t, on: 2, 2)
        for r in 1...rounds {
            let seq = UInt64(r)
            s.send(t + 1, on: 1, 10, seq: seq)
            s.receive(t + 2, on: 2, 10, seq: seq)
            s.send(t + 3, on: 2, 11, seq: seq)
            s.receive(t + 4, on: 1, 11, seq: seq)
            t += slower ? 10 : 5
        }
        if extra { s.send(t + 1, on: 2, 11, seq: UInt64(rounds + 1)) }
        s.finish(t + 2, on: 2)
        s.finish(t + 3, on: 1)
        s.runFinish(t + 4, .completed)
        s.list.rewind()
        return s.list
    }

    @Test("a run that repeats itself is kept as a pattern: its digest does not grow with the rounds")
    func periodicDigest() throws {
        for rounds in [1_000, 20_000] {
            let run = try TracedRun.digest(from: Self.pingPong(rounds: rounds))
            let main = try #require(run.timeline.tasks.first { $0.name == "main" })
            #expect(run.operations[main.id].count == 2 * rounds + 1)
            #expect(run.operations.storedCount < 40, "\(rounds) rounds: \(run.operations.storedCount) operations stored")
            #expect(run.messages.values.allSatisfy { $0.count == rounds && $0.ends.storedCount <= 2 })
        }
        // The same diff from the digests as from the whole models, where B's ponger sends one message more.
        try Self.expectSame("ping-pong", { Self.pingPong(rounds: 5_000) }, { Self.pingPong(rounds: 5_000, extra: true, slower: true) })
        let diff = TraceDiff(a: try TracedRun.digest(from: Self.pingPong(rounds: 5_000)),
                             b: try TracedRun.digest(from: Self.pingPong(rounds: 5_000, extra: true)))
        let ponger = try #require(diff.divergences.first { $0.identity == "ponger" })
        #expect(ponger.index == 10_000 && ponger.countA == 10_000 && ponger.countB == 10_001)
        #expect(ponger.contextB.last == "send pong")
        #expect(diff.reorderedChannels.map(\.identity) == ["pong"] && diff.reorderedChannels.first?.seq == 5_001)
    }
}
