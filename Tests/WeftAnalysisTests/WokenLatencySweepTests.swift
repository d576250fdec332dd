import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft stats` sweeps thread-per-task's wake-up latency as it reads, forgetting the edges no later piece can come
/// before: the figure must be the one the free-core spans give over the whole model, and the edges waiting at once
/// must not grow with the run's slices.
@Suite("Woken latency swept while reading")
struct WokenLatencySweepTests {
    /// The latency from the whole model, as the picture reads it: each woken stretch's overlap with the stretches in
    /// which the threads wanting a CPU (running, or ready after a wake or a yield) were at most the cores.
    static func reference(_ model: Timeline) -> UInt64? {
        guard WokenThreadLatency.applies(to: model.run), let cores = model.run.cores else { return nil }
        var woken: [Range<UInt64>] = [], yielded: [Range<UInt64>] = []
        for task in model.tasks {
            for interval in task.intervals where interval.end > interval.start {
                guard case .runnable(let cause) = interval.state else { continue }
                switch cause {
                case .woken: woken.append(interval.start ..< interval.end)
                case .yielded: yielded.append(interval.start ..< interval.end)
                case .created: break
                }
            }
        }
        let busy = model.threads.flatMap { $0.slices.elements.map { $0.start ..< $0.end } }
        let free = WokenThreadLatency.freeCoreSpans(busy: [busy, woken, yielded], cores: cores + 1)
        var sum: UInt64 = 0
        for span in woken {
            for part in WokenThreadLatency.overlap([span], free) { sum &+= part.upperBound - part.lowerBound }
        }
        return sum
    }

    /// Summarises `stream`, settling the woken waits every `batch` edges.
    static func summarize(_ stream: some EventStream, batch: Int) throws -> SummarizedTrace {
        var figures = RunStatsAccumulator()
        figures.wokenWaitsBatch = batch
        return try TimelineBuilder.summarize(from: stream, figures: figures)
    }

    /// A thread-per-task run on `cores` cores of `rounds` rounds of 100 ns. In each, task A (t2) is woken at 0 and
    /// runs at 10–20 while task C (t4) runs at 0–5; task B (t3) is woken at 30 and runs at 40–60; C is woken at 95 for
    /// the next round (and once before the first, at −5). On one core A's wait counts from 5 (C runs before): 5 + 10
    /// + 5 ns a round; on two cores all of it: 10 + 10 + 5 ns.
    static func rounds(_ rounds: Int, cores: Int) -> String {
        var lines = [
            "0 T1 - metadata key=\"scheduler\" value=\"thread-per-task\"",
            "0 T1 - metadata key=\"cores\" value=\"\(cores)\"",
            "0 T9 - threadStart tid=109 role=timer index=0",
        ]
        for (n, start) in [(2, 10), (3, 12), (4, 14)] {
            lines += [
                "0 T9 - taskCreate task=t\(n) parent=- name=\"t\(n)\" site=\"\"",
                "\(start) T\(n) - threadStart tid=10\(n) role=task-thread index=\(n)",
                "\(start) T\(n) t\(n) runBegin task=t\(n)",
                "\(start + 1) T\(n) t\(n) sleep duration=10ns",
                "\(start + 1) T\(n) t\(n) block reason=sleep object=-",
                "\(start + 1) T\(n) t\(n) runEnd task=t\(n) reason=blocked",
            ]
        }
        lines.append("995 T9 - unblock task=t4")
        func sleep(_ time: Int, _ n: Int) -> [String] {
            ["\(time) T\(n) t\(n) sleep duration=10ns", "\(time) T\(n) t\(n) block reason=sleep object=-",
             "\(time) T\(n) t\(n) runEnd task=t\(n) reason=blocked"]
        }
        for round in 0..<rounds {
            let base = 1000 + round * 100
            lines += ["\(base) T9 - unblock task=t2", "\(base) T4 t4 runBegin task=t4"] + sleep(base + 5, 4)
            lines += ["\(base + 10) T2 t2 runBegin task=t2"] + sleep(base + 20, 2)
            lines += ["\(base + 30) T9 - unblock task=t3", "\(base + 40) T3 t3 runBegin task=t3"] + sleep(base + 60, 3)
            if round < rounds - 1 { lines.append("\(base + 95) T9 - unblock task=t4") }
        }
        lines.append("\(1000 + rounds * 100) T9 - runFinish outcome=completed message=\"\"")
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a synthetic run's latency is known: 20 ns a round on one core, 25 on two, however often it is settled")
    func knownAnswers() throws {
        for (cores, perRound) in [(1, 20), (2, 25)] {
            let text = Self.rounds(1_000, cores: cores)
            let model = try TimelineBuilder.build(from: TraceText.parse(text))
            #expect(model.run.anomalyCount == 0, "\(model.run.anomalies.first.map(\.message) ?? "")")
            #expect(RunStats(model).run.wokenThreadLatency == UInt64(1_000 * perRound))
            #expect(Self.reference(model) == UInt64(1_000 * perRound))
            for batch in [1, 16, 1 << 16] {
                let summary = try Self.summarize(TraceText.parse(text), batch: batch)
                #expect(summary.stats.run.wokenThreadLatency == UInt64(1_000 * perRound), "batch \(batch)")
                #expect(summary.accumulator.wokenWaits.lateEdges == 0, "batch \(batch)")
            }
        }
    }

    @Test("the edges waiting to be swept stay bounded while the run's slices grow")
    func boundedEdges() throws {
        var peaks: [Int] = []
        for rounds in [500, 4_000] {
            let summary = try Self.summarize(TraceText.parse(Self.rounds(rounds, cores: 1)), batch: 64)
            #expect(summary.stats.run.wokenThreadLatency == UInt64(rounds * 20))
            peaks.append(summary.accumulator.wokenWaits.peakPendingCount)
        }
        // 12 edges a round: 6,000 and 48,000 in all; a few batches of 64 wait at once at most.
        #expect(peaks.allSatisfy { $0 <= 4 * 64 }, "\(peaks)")
        #expect(peaks[1] <= peaks[0] + 16, "\(peaks)")
    }

    @Test("every committed trace: the latency swept while reading equals the free-core spans over the whole model")
    func committedTraces() throws {
        var checked = 0
        for name in CommittedTraces.names {
            let path = CommittedTraces.folder.appendingPathComponent(name).path
            let model = try TimelineBuilder.build(from: TraceReader(path: path))
            let expected = Self.reference(model)
            for batch in [2, 1 << 16] {
                let summary = try Self.summarize(TraceReader(path: path), batch: batch)
                let stats = summary.stats
                #expect(stats.run.wokenThreadLatency == (expected == 0 ? nil : expected), "\(name) batch \(batch)")
                #expect(summary.accumulator.wokenWaits.lateEdges == 0, "\(name) batch \(batch)")
                #expect(stats == RunStats(model), "\(name) batch \(batch)")
            }
            if expected != nil { checked += 1 }
        }
        #expect(checked >= 10)
    }

    @Test("the sweep's total equals the free-core spans' for random pieces, settled at bounds the pieces respect")
    func randomPieces() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<200 {
            let cores = Int(generator.next() % 4) + 1
            var pieces: [(Range<UInt64>, woken: Bool, yielded: Bool)] = []
            for _ in 0..<Int(generator.next() % 40) {
                let start = generator.next() % 1_000, length = generator.next() % 200
                let kind = generator.next() % 3
                pieces.append((start ..< start + length, kind == 0, kind == 1))
            }
            let woken = pieces.filter(\.woken).map(\.0), yielded = pieces.filter(\.yielded).map(\.0)
            let busy = pieces.filter { !$0.woken && !$0.yielded }.map(\.0)
            let free = WokenThreadLatency.freeCoreSpans(busy: [busy, woken, yielded], cores: cores + 1)
            let expected = woken.reduce(UInt64(0)) { sum, span in
                WokenThreadLatency.overlap([span], free).reduce(sum) { $0 + $1.upperBound - $1.lowerBound }
            }
            // Fed in order of end, settled before the earliest start still to come.
            let byEnd = pieces.sorted { $0.0.upperBound < $1.0.upperBound }
            var sweep = WokenLatencySweep()
            for (i, piece) in byEnd.enumerated() {
                sweep.add(piece.0, woken: piece.woken)
                let later = byEnd[(i + 1)...].map(\.0.lowerBound).min() ?? .max
                sweep.settle(before: later)
            }
            #expect(sweep.total(cores: cores) == expected)
            #expect(sweep.lateEdges == 0)
        }
    }
}
