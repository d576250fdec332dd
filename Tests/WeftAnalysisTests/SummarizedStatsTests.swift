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
        state.countFigures(RunStatsAccumulator())
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
        state.countFigures(RunStatsAccumulator())
        while let e = try s.list.next() { state.add(e) }
        #expect(state.flows.count == 1)
        _ = state.finish()
        #expect(state.summary?.inFlight[7]?.count == 1_000)
        s.list.rewind()
        #expect(RunStats(try TimelineBuilder.build(from: s.list)).channels.first?.inFlight.count == 1_000)
    }

    /// Three tasks on two threads using, `rounds` times, every kind a trace can hold one of per operation: log lines,
    /// samples, a wait group's counter, a condition's waits and signals, a read-write mutex's read holds, a
    /// semaphore's permits, a ticker's ticks and cancellations. At the end a task is left waiting on each of the
    /// wait group, the semaphore and the condition, and one more ends by throwing from a cut-short wait.
    static func everyKind(rounds: Int) -> ScriptedTrace {
        let s = ScriptedTrace()
        let (group, mutex, semaphore, condition, ticker) = (UInt64(20), UInt64(10), UInt64(30), UInt64(40), UInt64(50))
        let category = s.list.intern("app").rawValue, line = s.list.intern("a line").rawValue
        let rss = s.list.intern(SampleName.residentBytes.rawValue).rawValue
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.thread(0, 2, tid: 101, role: .worker, index: 1)
        for task in UInt64(1)...6 { s.create(1, on: 1, task) }
        s.raw(.rwMutexMake, 2, on: 1, mutex)
        s.raw(.semaphoreMake, 2, on: 1, semaphore, 2)
        s.mutex(2, on: 1, 11)
        s.raw(.conditionMake, 2, on: 1, condition, 11)
        s.raw(.tickerMake, 2, on: 1, ticker, 1_000)
        var time: UInt64 = 10
        for round in 0 ..< UInt64(rounds) {
            s.begin(time, on: 1, 1)
            s.raw(.log, time + 1, on: 1, category, line)
            s.raw(.sample, time + 1, on: 1, rss, 1_000 + (round * 7919) % 1_000)
            s.raw(.waitGroupAdd, time + 2, on: 1, group, 1, 1)
            s.raw(.semaphoreAcquire, time + 2, on: 1, semaphore, 1, 1)
            s.raw(.readRequest, time + 3, on: 1, mutex)
            s.raw(.readAcquire, time + 3, on: 1, mutex, 1)
            s.end(time + 4, on: 1, .yielded)
            s.begin(time + 5, on: 2, 2)
            s.raw(.readAcquire, time + 5, on: 2, mutex, 2)
            s.raw(.readRelease, time + 6, on: 2, mutex, 1)
            s.raw(.waitGroupDone, time + 6, on: 2, group, 0)
            s.raw(.semaphoreAcquire, time + 6, on: 2, semaphore, 1, 0)
            s.raw(.semaphoreRelease, time + 7, on: 2, semaphore, 1, 1)
            s.acquire(time + 7, on: 2, 11)
            s.raw(.conditionWait, time + 8, on: 2, condition)
            s.wait(time + 8, on: 2, .condition, condition)
            s.begin(time + 9, on: 1, 1)
            s.raw(.readRelease, time + 9, on: 1, mutex, 0)
            s.raw(.semaphoreRelease, time + 10, on: 1, semaphore, 1, 2)
            if round % 2 == 0 { s.raw(.conditionSignal, time + 10, on: 1, condition, 2) }
            else { s.raw(.conditionBroadcast, time + 10, on: 1, condition, 1) }
            s.unblock(time + 10, on: 1, 2)
            s.raw(.tick, time + 11, on: 1, ticker, round + 1, round % 3)
            if round % 5 == 0 { s.raw(.taskCancel, time + 11, on: 1, 3) }
            s.end(time + 12, on: 1, .yielded)
            s.begin(time + 13, on: 2, 2)
            s.acquire(time + 13, on: 2, 11)
            s.release(time + 14, on: 2, 11)
            s.raw(.log, time + 14, on: 2, category, line)
            s.end(time + 15, on: 2, .yielded)
            time += 20
        }
        // Left waiting: t3 on the wait group (its counter at 1), t4 on the semaphore, t5 on the condition.
        s.begin(time, on: 1, 3)
        s.raw(.waitGroupAdd, time, on: 1, group, 1, 1)
        s.raw(.waitGroupWait, time + 1, on: 1, group)
        s.wait(time + 1, on: 1, .waitGroup, group)
        s.begin(time + 2, on: 1, 1)
        s.raw(.semaphoreAcquire, time + 2, on: 1, semaphore, 2, 0)
        s.end(time + 3, on: 1, .yielded)
        s.begin(time + 4, on: 2, 4)
        s.wait(time + 5, on: 2, .semaphore, semaphore)
        s.begin(time + 6, on: 2, 5)
        s.acquire(time + 6, on: 2, 11)
        s.raw(.conditionWait, time + 7, on: 2, condition)
        s.wait(time + 7, on: 2, .condition, condition)
        // t6 waits on a read lock and is cut short: woken without a read hold, it ends by throwing.
        s.begin(time + 8, on: 2, 6)
        s.wait(time + 9, on: 2, .readLock, mutex)
        s.unblock(time + 10, on: 1, 6)
        s.begin(time + 11, on: 2, 6)
        s.taskEnd(time + 12, on: 2, 6, .threw, message: "cut short")
        s.end(time + 12, on: 2, .finished)
        s.runFinish(time + 20, .completed)
        return s
    }

    @Test("every kind counted while reading (logs, samples, wait groups, conditions, read locks, semaphores, ticks) gives the same stats as the whole model",
          arguments: [1, 50, 400])
    func everyKindTraces(rounds: Int) throws {
        let trace = Self.everyKind(rounds: rounds)
        let model = trace.timeline()
        trace.list.rewind()
        let summary = try TimelineBuilder.summarize(from: trace.list)
        Self.check("every kind \(rounds)", model: model, summary: summary)
        let stats = summary.stats
        #expect(stats.run.samplesTaken == rounds && stats.run.sampledPeakRSSBytes == model.run.counter(.residentBytes)?.peak)
        #expect(stats.run.peakRSSBytes == model.run.peakResidentBytes && stats.run.cancellations == 1)
        let rows = stats.primitives ?? []
        #expect(rows.first { $0.kind == "read lock" }?.operations == 2 * rounds)
        #expect(rows.first { $0.kind == "read lock" }?.detail == "up to 2 readers at once")
        #expect(rows.first { $0.kind == "semaphore" }?.operations == 2 * rounds + 1)
        #expect(rows.first { $0.kind == "semaphore" }?.detail == "up to 2 of 2 permits in use")
        #expect(rows.first { $0.kind == "ticker" }?.operations == rounds)
        #expect(stats.mutexes.first { $0.id == 10 }?.readAcquisitions == 2 * rounds)
        #expect(summary.run.sample(SampleName.residentBytes.rawValue) == model.run.sample(SampleName.residentBytes.rawValue))
    }

    @Test("summarising every kind holds as many records for 800 rounds as for 400: nothing per event")
    func everyKindIsFlat() throws {
        func retained(_ rounds: Int, lints: Bool) throws -> Int {
            let trace = Self.everyKind(rounds: rounds)
            trace.list.rewind()
            var state = TimelineState(strings: { _ in "" })
            state.countFigures(RunStatsAccumulator())
            if lints { state.checkLints(LintAccumulator(thresholds: LintThresholds(), detailLimit: 10)) }
            while let e = try trace.list.next() { state.add(e) }
            _ = state.finish()
            return state.retainedRecords + (state.lints?.retainedRecords ?? 0)
        }
        for lints in [false, true] {
            let short = try retained(400, lints: lints), long = try retained(800, lints: lints)
            #expect(short == long, "lints \(lints): 400 rounds \(short), 800 rounds \(long)")
        }
        // The whole model keeps one record per log line, sample, change, signal, wait, read hold and tick.
        let model = Self.everyKind(rounds: 800).timeline()
        #expect(model.logs.count == 1_600 && model.run.samples.count == 800 && model.timers.first?.ticks.count == 800)
        #expect(model.waitGroups.first?.changes.count == 1_601 && model.conditions.first?.signals.count == 800)
        #expect(model.semaphores.first?.changes.count == 3_201 && model.mutex(MutexID(10))?.readHolds.count == 1_600)
    }
}
