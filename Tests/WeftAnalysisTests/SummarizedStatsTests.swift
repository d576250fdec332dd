import Foundation
import Testing
import WeftTestSupport
import WeftTrace
@testable import WeftAnalysis

/// `weft stats` counts as it reads (`TimelineBuilder.summarize`), keeping no intervals, slices, messages or holds;
/// every other command computes `RunStats` from the whole model. Both must give the same figures, on real traces,
/// hand-written ones and synthetic ones, and the percentiles must stay within their stated bound of the exact ones.
@Suite("Stats counted while reading")
struct SummarizedStatsTests {
    static let folder = CommittedTraces.folder

    static var recorded: [String] {
        CommittedTraces.names
    }

    static let handWritten = ["leak", "lock-across-sleep", "lock-released-first", "mutex-contention",
                              "philosophers-deadlock", "philosophers-ordered", "running-stall", "stalled-run", "two-tasks",
                              "woken-before-parking"]

    /// The exact nearest-rank value of `p` among `values`.
    static func exact(_ values: [UInt64], _ p: Double) -> UInt64 {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(max(Int((p * Double(sorted.count)).rounded(.up)) - 1, 0), sorted.count - 1)]
    }

    /// Whether `p` summarises `values`: count, total and max exact, each percentile at most 1/128 below exact.
    static func bounds(_ p: Percentiles, _ values: [UInt64]) -> Bool {
        guard p.count == values.count, p.max == (values.max() ?? 0), p.total == values.reduce(0, +) else { return false }
        for (got, rank) in [(p.p50, 0.5), (p.p90, 0.9), (p.p99, 0.99)] {
            let want = exact(values, rank)
            if got > want || Double(want - got) > Double(want) * Percentiles.relativeError { return false }
        }
        return true
    }

    /// Checks the summary of a stream against the model of the same events.
    static func check(_ name: String, model: Timeline, summary: SummarizedTrace) {
        let fromModel = RunStats(model)
        #expect(summary.stats == fromModel, "\(name)")
        // Against exact percentiles of the model's own lists.
        for mutex in model.mutexes {
            guard let row = fromModel.mutexes.first(where: { $0.id == mutex.id.rawValue }) else {
                Issue.record("\(name): \(mutex.id) has no row")
                continue
            }
            #expect(row.acquisitions == mutex.holds.count, "\(name) \(mutex.id)")
            #expect(bounds(row.wait, mutex.holds.map(\.wait)), "\(name) \(mutex.id) wait")
            #expect(bounds(row.hold, mutex.holds.filter(\.released).map(\.duration)), "\(name) \(mutex.id) hold")
        }
        for channel in fromModel.channels {
            let inFlight = model.flows.filter { $0.channel.rawValue == channel.id }.compactMap(\.inFlight)
            #expect(bounds(channel.inFlight, inFlight), "\(name) ch\(channel.id)")
        }
        for (task, row) in zip(model.tasks, fromModel.tasks) {
            #expect(row.running == task.intervals.filter { $0.state.category == .running }.map(\.duration).reduce(0, +),
                    "\(name) \(task.id)")
            #expect(row.slices == task.intervals.filter { $0.state.category == .running }.count, "\(name) \(task.id)")
        }
        for (thread, row) in zip(model.threads, fromModel.threads) {
            #expect(row.busy == thread.busy && row.slices == thread.slices.count, "\(name) \(thread.id)")
            #expect(row.tasksRun == Set(thread.slices.map(\.task)).count, "\(name) \(thread.id)")
        }
    }

    @Test("the recorded traces give the same stats read once for figures as from the whole model")
    func recordedTraces() throws {
        #expect(Self.recorded.count > 10)
        for name in Self.recorded {
            let path = Self.folder.appendingPathComponent(name).path
            Self.check(name, model: try TimelineBuilder.build(from: TraceReader(path: path)),
                       summary: try TimelineBuilder.summarize(from: TraceReader(path: path)))
        }
    }

    @Test("the hand-written traces give the same stats both ways")
    func handWrittenTraces() throws {
        for name in Self.handWritten {
            let text = try traceText(name)
            Self.check(name, model: try TimelineBuilder.build(from: TraceText.parse(text)),
                       summary: try TimelineBuilder.summarize(from: TraceText.parse(text)))
        }
    }

    @Test("synthetic traces (channels, mutexes, sleeps, spawns on 8 workers) give the same stats both ways",
          arguments: [UInt64(1), 2, 3])
    func syntheticTraces(seed: UInt64) throws {
        let model = try TimelineBuilder.build(from: SyntheticTrace(events: 60_000, population: 200, seed: seed))
        let summary = try TimelineBuilder.summarize(from: SyntheticTrace(events: 60_000, population: 200, seed: seed))
        #expect(model.mutexes.contains { !$0.holds.isEmpty } && !model.flows.isEmpty)
        Self.check("synthetic \(seed)", model: model, summary: summary)
    }

    @Test("summarising keeps no per-event lists: the summary's model has no intervals, slices or messages")
    func keepsNoDetail() throws {
        var state = TimelineState(strings: { _ in "" })
        state.summary = RunStatsAccumulator()
        let trace = SyntheticTrace(events: 60_000, population: 200, seed: 7)
        var most = 0
        while let e = try trace.next() {
            state.add(e)
            most = max(most, state.tasks.reduce(0) { $0 + $1.intervals.count } + state.threads.reduce(0) { $0 + $1.slices.count })
        }
        // A task's intervals wait only for the end of the event that closed them.
        #expect(most == 0)
        let skeleton = state.finish()
        #expect(skeleton.tasks.allSatisfy { $0.intervals.isEmpty } && skeleton.threads.allSatisfy { $0.slices.isEmpty })
        #expect(skeleton.flows.isEmpty && skeleton.wakes.isEmpty && skeleton.mutexes.allSatisfy { $0.holds.isEmpty })
        // Only messages still waiting for their partner hold a place, and places are reused.
        let model = try TimelineBuilder.build(from: SyntheticTrace(events: 60_000, population: 200, seed: 7))
        let unpaired = model.flows.filter { $0.sent == nil || $0.received == nil }.count
        #expect(state.flows.count - state.freeFlows.count == unpaired)
        #expect(state.flows.count < model.flows.count)
    }

    @Test("a thousand messages handed over one at a time take one place")
    func onePlacePerMessageInFlight() throws {
        let s = ScriptedTrace()
        s.thread(0, 1, tid: 1, role: .worker, index: 0)
        s.create(1, on: 1, 1)
        s.create(1, on: 1, 2)
        var time: UInt64 = 10
        for seq in UInt64(1)...1_000 {
            s.begin(time, on: 1, 1)
            s.send(time + 1, on: 1, 7, seq: seq)
            s.end(time + 2, on: 1, .yielded)
            s.begin(time + 3, on: 1, 2)
            s.receive(time + 4, on: 1, 7, seq: seq)
            s.end(time + 5, on: 1, .yielded)
            time += 10
        }
        var state = TimelineState(strings: { _ in "" })
        state.summary = RunStatsAccumulator()
        while let e = try s.list.next() { state.add(e) }
        #expect(state.flows.count == 1)
        _ = state.finish()
        #expect(state.summary?.inFlight[7]?.count == 1_000)
        s.list.rewind()
        #expect(RunStats(try TimelineBuilder.build(from: s.list)).channels.first?.inFlight.count == 1_000)
    }
}
