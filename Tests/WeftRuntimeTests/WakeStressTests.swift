import Dispatch
import Foundation
import Synchronization
import Testing
import WeftRuntime

/// Keeps the calling thread busy for `nanoseconds` (a task that computes and never suspends).
private func busy(nanoseconds: UInt64) {
    let end = DispatchTime.now().uptimeNanoseconds &+ nanoseconds
    while DispatchTime.now().uptimeNanoseconds < end {}
}

/// Work that appears while the pool is idle is always run: every way of making a task runnable, again and again,
/// each after the workers have gone idle. A lost wake-up (a job queued while every worker parks and nobody is
/// signalled) would leave the task waiting until the next enqueue; here there is none, so the wait times out.
@Suite(.serialized) struct WakeStressTests {
    /// A plain thread sends to a task blocked on a channel: the job goes to the global queue from outside the pool.
    @Test(arguments: [2, 3, 4])
    func aSendFromAnotherThreadAlwaysWakesTheTask(_ workers: Int) async throws {
        let rounds = 200
        let received = try await runProgram(.multiplexed(workers: workers)) { rt in
            let channel = rt.channel(of: Int.self, name: "from outside")
            let sender = Thread {
                for i in 0..<rounds {
                    usleep(300)  // the workers give up looking and park
                    // Retries until the task takes the message; stops once the task has given up and closed.
                    while true {
                        do { if try channel.trySend(i) { break } } catch { return }
                        usleep(50)
                    }
                }
            }
            sender.start()
            // A sender still retrying after a lost wake-up stops, instead of spinning on after the test.
            defer { channel.close() }
            var count = 0
            for _ in 0..<rounds {
                // The timeout only ends a wait that no wake-up ended: it is the lost wake-up showing. A minute, not
                // a few seconds: a loaded machine can keep the sending thread off a CPU for seconds.
                guard case .value = try await channel.receive(timeout: .seconds(60)) else { break }
                count += 1
            }
            return count
        }
        #expect(received == rounds)
    }

    /// Sleepers with one deadline are resumed together by the timer (a burst from outside the pool); spawns on a busy
    /// worker leave one job, then several, for the parked workers to take.
    @Test(arguments: [2, 3, 4])
    func burstsFromTheTimerAndFromSpawnsAllRun(_ workers: Int) async throws {
        let ran = Atomic<Int>(0)
        let rounds = 40
        try await runProgram(.multiplexed(workers: workers)) { rt in
            for round in 0..<rounds {
                try await rt.sleep(for: .microseconds(500))
                let sleepers = (0..<6).map { _ in
                    rt.spawn("sleeper") {
                        try await rt.sleep(for: .milliseconds(1))
                        ran.wrappingAdd(1, ordering: .relaxed)
                    }
                }
                for sleeper in sleepers { try await sleeper.value }
                // One child, then a few, spawned while main keeps its worker busy: they must be taken by the others.
                let children = (0..<(round % 4 + 1)).map { _ in
                    rt.spawn("child") {
                        busy(nanoseconds: 100_000)
                        ran.wrappingAdd(1, ordering: .relaxed)
                    }
                }
                busy(nanoseconds: 300_000)
                for child in children { try await child.value }
            }
        }
        let expected = (0..<rounds).reduce(0) { $0 + 6 + $1 % 4 + 1 }
        #expect(ran.load(ordering: .relaxed) == expected)
    }
}
