import Foundation
import Testing
import WeftTrace
import WeftAnalysis
import WeftTestSupport

/// `weft check`'s work (building the model, then every lint) must grow linearly with the trace: four times the tasks
/// may take about four times the time, not sixteen (a quadratic step), on the whole model and in one pass. The bound
/// is 10, and each size keeps the fastest of three runs taken in turn with the other size's, so the load of a shared
/// machine does not decide the outcome.
@Suite("Lint scaling", .serialized)
struct LintScalingTests {
    /// `tasks` short tasks queued at once behind two workers: each waits its turn (a long runnable wait, so the
    /// starvation lint has a finding for every task), takes a mutex, sends a message, sometimes sleeps holding the
    /// mutex, and ends. Half the tasks are still waiting in the queue when others have run thousands of slices.
    static func queue(tasks: Int) -> ScriptedTrace {
        let s = ScriptedTrace()
        s.meta(0, "scheduler", "multiplexed")
        s.thread(0, 1, tid: 100, role: .worker, index: 0)
        s.thread(0, 2, tid: 101, role: .worker, index: 1)
        s.thread(0, 3, tid: 102, role: .timer, index: 0)
        s.create(0, on: 1, 1, name: "main")
        s.begin(1, on: 1, 1)
        s.channel(2, on: 1, 5, capacity: UInt64(tasks), name: "results")
        s.mutex(3, on: 1, 6, name: "state")
        let n = UInt64(tasks)
        for i in 0..<n { s.create(10 + i, on: 1, 2 + i, parent: 1, name: "job") }
        s.finish(10 + n, on: 1)
        var time = 20 + n
        for i in 0..<n {
            let thread = 1 + i % 2, task = 2 + i
            s.begin(time, on: thread, task)
            s.request(time + 1, on: thread, 6)
            s.acquire(time + 1, on: thread, 6)
            s.send(time + 2, on: thread, 5, seq: i + 1)
            if i % 10 == 0 {
                s.sleep(time + 3, on: thread, 5)
                s.unblock(time + 8, on: 3, task)
                s.begin(time + 9, on: thread, task)
            }
            s.release(time + 10, on: thread, 6)
            s.finish(time + 11, on: thread)
            time += 12
        }
        s.runFinish(time + 1, .completed)
        return s
    }

    /// Seconds taken by `work`.
    static func seconds(_ work: () -> Void) -> Double {
        let start = ContinuousClock.now
        work()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    static let thresholds = LintThresholds(starvation: 1, longSlice: 1_000)

    /// Building the model and running every lint on it: the findings.
    static func checkModel(_ trace: ScriptedTrace) -> Int {
        let timeline = trace.timeline()
        return allLints(thresholds).reduce(0) { $0 + $1.run(timeline).count }
    }

    /// Reading once for the lints, as `weft check` does: the findings.
    static func checkStreamed(_ trace: ScriptedTrace) -> Int {
        trace.list.rewind()
        let checked = try! TimelineBuilder.check(from: trace.list, thresholds: thresholds, detailLimit: 10)
        return allLints(thresholds).reduce(0) { $0 + $1.run(checked, wording: 10).count }
    }

    /// The fastest of `rounds` timings of `check` on each trace, taken in turn (small, large, small, large, …) so
    /// that a burst of load on the shared machine slows both sizes alike, and the findings of each.
    static func fastest(_ small: ScriptedTrace, _ large: ScriptedTrace, rounds: Int,
                        _ check: (ScriptedTrace) -> Int) -> (small: Double, large: Double, findings: (Int, Int)) {
        var a = Double.infinity, b = Double.infinity
        var findings = (0, 0)
        _ = check(small) // warm up
        for _ in 0..<rounds {
            a = min(a, seconds { findings.0 = check(small) })
            b = min(b, seconds { findings.1 = check(large) })
        }
        return (a, b, findings)
    }

    @Test("four times the tasks take about four times the time to check, not sixteen")
    func doublingIsLinear() {
        let small = Self.queue(tasks: 2_000), large = Self.queue(tasks: 8_000)
        for (path, check) in [("model", Self.checkModel), ("one pass", Self.checkStreamed)] as [(String, (ScriptedTrace) -> Int)] {
            let t = Self.fastest(small, large, rounds: 3, check)
            // Every queued task was starved; every tenth held the mutex across a sleep; main's one slice was long.
            #expect(t.findings.0 == 2_000 + 200 + 1, "\(path)")
            #expect(t.findings.1 == 8_000 + 800 + 1, "\(path)")
            let ratio = t.large / t.small
            // Linear is 4, quadratic 16: 10 tells them apart with room for a loaded machine.
            #expect(ratio < 10.0, "\(path): 2,000 tasks: \(t.small) s; 8,000 tasks: \(t.large) s; ratio \(ratio)")
        }
    }
}
