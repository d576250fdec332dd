// Wake-up latency of the multiplexed pool when it is idle: how long work waits, once runnable, for a parked worker to
// run it; beside the floor, the same wake between plain pthreads on a condition variable.
import CWeftSupport
import Foundation
import Glibc
import Synchronization
import WeftRuntime

/// Runs every wake-up case with `trials` trials each (a pause of `pause` between trials lets the pool go idle) and
/// prints one line per case.
func wakeLatencyBenchmarks(trials: Int, pause: Duration = .milliseconds(1)) async throws {
    let pauseNs = UInt64(pause.components.attoseconds / 1_000_000_000) + UInt64(pause.components.seconds) * 1_000_000_000
    var results: [WakeLatency] = []
    results.append(await WakeLatency.measure("floor: pthread condition signal -> waiter runs") {
        conditionWakeFloor(trials: trials, pauseNs: pauseNs)
    })
    results.append(await WakeLatency.measure("floor: timed wait -> signal -> waiter runs (late)") {
        timedWakeFloor(trials: trials, pauseNs: pauseNs)
    })
    let pool = SchedulerKind.multiplexed(workers: 2)
    results.append(try await WakeLatency.measure("multiplexed(2): trySend from another thread -> task") {
        try await poolWakeFromThread(pool, trials: trials, pauseNs: pauseNs)
    })
    results.append(try await WakeLatency.measure("multiplexed(2): sleep -> task runs (late)") {
        try await poolWakeFromTimer(pool, trials: trials, pause: pause, pauseNs: pauseNs)
    })
    results.append(try await WakeLatency.measure("multiplexed(2): spawn on a busy worker -> child") {
        try await poolWakeFromSpawn(pool, trials: trials, pause: pause)
    })
    results.append(try await WakeLatency.measure("multiplexed(2): lone job on a busy worker, other worker napping") {
        try await poolLoneJobBesideNapper(pool, trials: trials, pause: pause)
    })
    for result in results { print(result.line) }
}

// MARK: The floor: plain pthreads

/// A pthread mutex and condition with a generation counter and the time of the last signal.
private final class Doorbell: @unchecked Sendable {
    let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    var generation = 0
    var rungAt: UInt64 = 0

    init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
        condition.deallocate()
    }

    /// Records the time and wakes the waiter.
    func ring(at time: UInt64) {
        pthread_mutex_lock(mutex)
        rungAt = time
        generation += 1
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits for `count` rings and returns, for each, the delay from the ring's time to the waiter running.
    func await(count: Int) -> [UInt64] {
        var samples: [UInt64] = []
        samples.reserveCapacity(count)
        pthread_mutex_lock(mutex)
        var seen = 0
        while seen < count {
            while generation == seen { pthread_cond_wait(condition, mutex) }
            samples.append(cweft_monotonic_ns() &- rungAt)
            seen = generation
        }
        pthread_mutex_unlock(mutex)
        return samples
    }

    /// Sleeps on the condition until the monotonic clock reads `deadline` (no one signals it).
    func sleep(until deadline: UInt64) {
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        pthread_mutex_lock(mutex)
        while cweft_monotonic_ns() < deadline { pthread_cond_timedwait(condition, mutex, &ts) }
        pthread_mutex_unlock(mutex)
    }
}

/// Starts `body` on a new thread; the returned closure waits for it to end and returns its result.
private func onThread<R: Sendable>(_ body: @escaping @Sendable () -> R) -> () -> R {
    let done = DispatchSemaphore(value: 0)
    let box = Mutex<R?>(nil)
    Thread {
        let value = body()
        box.withLock { $0 = value }
        done.signal()
    }.start()
    return {
        done.wait()
        return box.withLock { $0! }
    }
}

/// A waiting thread is signalled `trials` times, `pauseNs` apart: the delay from the signal to the waiter running.
private func conditionWakeFloor(trials: Int, pauseNs: UInt64) -> [UInt64] {
    let bell = Doorbell()
    let waiter = onThread { bell.await(count: trials) }
    for _ in 0..<trials {
        usleep(UInt32(pauseNs / 1000))
        bell.ring(at: cweft_monotonic_ns())
    }
    return waiter()
}

/// As a timer thread wakes a parked worker: one thread sleeps until a deadline, then signals a waiting thread; the
/// delay from the deadline to the waiter running.
private func timedWakeFloor(trials: Int, pauseNs: UInt64) -> [UInt64] {
    let bell = Doorbell()
    let clock = Doorbell()
    let waiter = onThread { bell.await(count: trials) }
    for _ in 0..<trials {
        let deadline = cweft_monotonic_ns() &+ pauseNs
        clock.sleep(until: deadline)
        bell.ring(at: deadline)
    }
    return waiter()
}

// MARK: The pool

/// A time stamp one task or thread writes and another reads.
private final class Stamp: Sendable {
    let value = Atomic<UInt64>(0)
}

/// The main task waits on an unbuffered channel; a plain thread sends to it (`trySend`) every `pauseNs`: the delay
/// from the send to the task running (the job goes to the global queue and a parked worker must be woken).
private func poolWakeFromThread(_ scheduler: SchedulerKind, trials: Int, pauseNs: UInt64) async throws -> [UInt64] {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: nil, programName: "bench")) { rt in
        let channel = rt.channel(of: UInt64.self, name: "wake")
        let sender = onThread {
            for _ in 0..<trials {
                usleep(UInt32(pauseNs / 1000))
                while true {
                    let sent = try? channel.trySend(cweft_monotonic_ns())
                    if sent == true { break }
                    sched_yield()
                }
            }
        }
        // The runtime cannot see the sending thread: a task with a timer pending keeps the wait from being a deadlock.
        let finished = Stamp()
        let keeper = rt.spawn("keeper") {
            while finished.value.load(ordering: .acquiring) == 0 { try await rt.sleep(for: .milliseconds(200)) }
        }
        var samples: [UInt64] = []
        samples.reserveCapacity(trials)
        for _ in 0..<trials {
            guard let sentAt = try await channel.receive() else { break }
            samples.append(cweft_monotonic_ns() &- sentAt)
        }
        sender()
        finished.value.store(1, ordering: .releasing)
        try await keeper.value
        return samples
    }.value
}

/// The main task sleeps `pause`, `trials` times: how late it runs after each deadline (the timer thread's lateness
/// plus the wake of a parked worker).
private func poolWakeFromTimer(_ scheduler: SchedulerKind, trials: Int, pause: Duration,
                               pauseNs: UInt64) async throws -> [UInt64] {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: nil, programName: "bench")) { rt in
        var samples: [UInt64] = []
        samples.reserveCapacity(trials)
        for _ in 0..<trials {
            let deadline = cweft_monotonic_ns() &+ pauseNs
            try await rt.sleep(for: pause)
            samples.append(cweft_monotonic_ns() &- deadline)
        }
        return samples
    }.value
}

/// The main task, busy on its worker while the other worker is parked, spawns a task: the delay from the spawn to the
/// child running (on the other worker, which the spawn must wake; main keeps its own worker busy meanwhile).
private func poolWakeFromSpawn(_ scheduler: SchedulerKind, trials: Int, pause: Duration) async throws -> [UInt64] {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: nil, programName: "bench")) { rt in
        var samples: [UInt64] = []
        samples.reserveCapacity(trials)
        for _ in 0..<trials {
            try await rt.sleep(for: pause)
            busy(nanoseconds: 200_000)  // the other worker, woken along with main, gives up looking and parks
            let started = Stamp()
            let spawnedAt = cweft_monotonic_ns()
            let child = rt.spawn("woken") { started.value.store(cweft_monotonic_ns(), ordering: .releasing) }
            while started.value.load(ordering: .acquiring) == 0 && cweft_monotonic_ns() &- spawnedAt < 50_000_000 {}
            try await child.value
            samples.append(started.value.load(ordering: .acquiring) &- spawnedAt)
        }
        return samples
    }.value
}

/// A lone job waiting on a busy worker's queue while the other worker has just run out of work and naps (spinning,
/// not parked): how long until that worker takes it. Each trial first hands the other worker a trivial task (a spawn
/// it steals), waits 40 µs on this worker so that the other one is into its naps, then spawns the measured task and
/// keeps this worker busy: the one job in its queue is the kind the lone-job rule lets a napping worker steal.
private func poolLoneJobBesideNapper(_ scheduler: SchedulerKind, trials: Int, pause: Duration) async throws -> [UInt64] {
    try await Weft.run(RunOptions(scheduler: scheduler, tracePath: nil, programName: "bench")) { rt in
        var samples: [UInt64] = []
        samples.reserveCapacity(trials)
        for _ in 0..<trials {
            try await rt.sleep(for: pause)
            let warmed = Stamp()
            let warm = rt.spawn("warm-up") { warmed.value.store(cweft_monotonic_ns(), ordering: .releasing) }
            let warmSpawn = cweft_monotonic_ns()
            while warmed.value.load(ordering: .acquiring) == 0 && cweft_monotonic_ns() &- warmSpawn < 50_000_000 {}
            busy(nanoseconds: 40_000)
            let started = Stamp()
            let spawnedAt = cweft_monotonic_ns()
            let child = rt.spawn("lone") { started.value.store(cweft_monotonic_ns(), ordering: .releasing) }
            while started.value.load(ordering: .acquiring) == 0 && cweft_monotonic_ns() &- spawnedAt < 50_000_000 {}
            try await warm.value
            try await child.value
            samples.append(started.value.load(ordering: .acquiring) &- spawnedAt)
        }
        return samples
    }.value
}

/// Keeps the calling thread busy for `nanoseconds`.
private func busy(nanoseconds: UInt64) {
    let end = cweft_monotonic_ns() &+ nanoseconds
    while cweft_monotonic_ns() < end {}
}
