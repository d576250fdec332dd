import Foundation
import Testing
import WeftTrace
import WeftAnalysis
import WeftTestSupport

/// `weft check`'s work (building the model, then every lint) must grow linearly with the trace: four times the tasks
/// may take about four times the time, not sixteen (a quadratic step). The bound is 7, and each size keeps the
/// fastest of several runs, so the load of a shared machine does not decide the outcome.
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

    /// The fastest of `runs` timings of building the model and running every lint, in seconds, and the findings.
    static func checkTime(_ trace: ScriptedTrace, runs: Int) -> (seconds: Double, findings: Int) {
        var best = Double.infinity
        var findings = 0
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let timeline = trace.timeline()
            findings = allLints(LintThresholds(starvation: 1, longSlice: 1_000)).reduce(0) { $0 + $1.run(timeline).count }
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
        }
        return (best, findings)
    }

    @Test("four times the tasks take about four times the time to check, not sixteen")
    func doublingIsLinear() {
        let small = Self.queue(tasks: 2_000), large = Self.queue(tasks: 8_000)
        _ = Self.checkTime(small, runs: 1) // warm up
        let a = Self.checkTime(small, runs: 5), b = Self.checkTime(large, runs: 2)
        // Every queued task was starved; every tenth held the mutex across a sleep; main's one slice was long.
        #expect(a.findings == 2_000 + 200 + 1)
        #expect(b.findings == 8_000 + 800 + 1)
        let ratio = b.seconds / a.seconds
        #expect(ratio < 7.0, "2,000 tasks: \(a.seconds) s; 8,000 tasks: \(b.seconds) s; ratio \(ratio)")
    }
}
