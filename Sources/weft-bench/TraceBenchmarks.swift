// The `trace` suite: the recorder's hot path, bytes per event, and read throughput.
import CWeftSupport
import Foundation
import Synchronization
import WeftTrace

let traceBenchmarks = BenchmarkSuite(name: "trace") {
    let runs = 5
    // Unique names: several engineers may run the benchmarks at once on this machine.
    let folder = NSTemporaryDirectory() + "weft-bench-\(getpid())-"
    // WEFT_BENCH_TRACE=record|bytes|read runs one part (for profiling); WEFT_BENCH_TRACE=threads only reads many
    // threads (part 6).
    let only = ProcessInfo.processInfo.environment["WEFT_BENCH_TRACE"]
    if only == "threads" {
        try ManyThreadsRead.run(folder: folder, runs: runs)
        return
    }
    // WEFT_BENCH_READ=FILE only reads that trace, `runs` times (read throughput on a shape of one's choosing).
    if let file = ProcessInfo.processInfo.environment["WEFT_BENCH_READ"] {
        var rates: [Double] = []
        var wallRates: [Double] = []
        var threadRates: [Double] = []
        var events = 0
        for _ in 0..<runs {
            let ((rate, wallRate, _, n), threadRate) = try TraceBench.readCounting(file)
            rates.append(rate)
            wallRates.append(wallRate)
            threadRates.append(threadRate)
            events = n
        }
        TraceBench.report("read \(file) (\(events) events; validating, causal order, process CPU time)", rates, unit: "M events/s", target: ">= 30")
        TraceBench.report("  the same on the reading thread's CPU clock (the merge; the wall clock's rate with a core free)", threadRates, unit: "M events/s", target: ">= 30")
        TraceBench.report("  the same on the wall clock (two threads: reading ahead, merging)", wallRates, unit: "M events/s", target: ">= 30")
        return
    }
    if only == nil || only == "record" {

    // 1. Recording one event while another thread records too.
    var perEvent: [Double] = []
    for run in 0..<runs {
        let path = folder + "weft-bench-record-\(run).weft"
        let recorder = try TraceRecorder(path: path)
        let n = 4_000_000
        let results = TraceBench.onThreads(2) { i in
            recorder.beginThread(role: .worker, index: UInt64(i))
            for k in 0..<1000 { recorder.record(.send, 1, UInt64(k)) }  // warm: first chunks
            let start = TraceBench.threadCPUNanoseconds()
            for k in 0..<n { recorder.record(.send, 1, UInt64(k)) }
            let elapsed = TraceBench.threadCPUNanoseconds() - start
            recorder.endThread()
            return Double(elapsed) / Double(n)
        }
        let summary = try recorder.finish()
        precondition(summary.dropped == 0 && summary.events == UInt64(2 * (n + 1000) + 4))
        perEvent.append(contentsOf: results)
        unlink(path)
    }
    TraceBench.report("record one event, 2 threads at once (thread CPU time)", perEvent, unit: "ns/event", target: "<= 15")
    var tsc: [Double] = []
    for _ in 0..<runs {
        let start = TraceBench.threadCPUNanoseconds()
        var sum: UInt64 = 0
        for _ in 0..<4_000_000 { sum &+= cweft_rdtsc() }
        tsc.append(Double(TraceBench.threadCPUNanoseconds() - start) / 4_000_000 + Double(sum & 1) * 1e-12)
    }
    TraceBench.report("  for reference, reading the TSC alone", tsc, unit: "ns", target: "-")
    }
    if only == "record" { return }

    // 2. Bytes per event of a ping-pong stream, 12 events a round trip.
    let rounds = 500_000
    for (label, pace) in [("tight loop", 0), ("paced like a 1.6 µs round trip", 130)] {
        let path = folder + "weft-bench-pingpong.weft"
        let recorder = try TraceRecorder(path: path)
        _ = TraceBench.onThreads(1) { _ in
            recorder.beginThread(role: .worker, index: 0)
            TraceBench.pingPong(recorder, rounds: rounds, paceNanoseconds: pace)
            recorder.endThread()
            return 0
        }
        let s = try recorder.finish()
        print(String(format: "  ping-pong on one worker, %@: %.2f bytes/event (%llu events, %llu bytes) target <= 4",
                     label, Double(s.bytes) / Double(s.events), s.events, s.bytes))
        if pace == 0 { unlink(path) }
    }

    // 3. Two threads handing the ball over (thread-per-task shape): larger time deltas.
    do {
        let path = folder + "weft-bench-pingpong2.weft"
        let recorder = try TraceRecorder(path: path)
        TraceBench.pingPongTwoThreads(recorder, rounds: 50_000)
        let s = try recorder.finish()
        print(String(format: "  ping-pong on two threads: %.2f bytes/event (%llu events)", Double(s.bytes) / Double(s.events), s.events))
        var rate: [Double] = []
        for _ in 0..<3 { rate.append(try TraceBench.readRate(path).rate) }
        TraceBench.report("read two-thread ping-pong", rate, unit: "M events/s", target: ">= 30")
        unlink(path)
    }

    // 4. Read throughput and memory of the one-worker ping-pong file.
    let path = folder + "weft-bench-pingpong.weft"
    var rates: [Double] = []
    var rss: [Double] = []
    for _ in 0..<runs {
        let (rate, growth) = try TraceBench.readRate(path)
        rates.append(rate)
        rss.append(growth)
    }
    TraceBench.report("read (validating, causal order, process CPU time: both threads)", rates, unit: "M events/s", target: ">= 30")
    TraceBench.report("resident memory growth from 1 M to \(rounds * 12 / 1_000_000) M events read", rss, unit: "MiB", target: "flat")
    unlink(path)

    // 5. Read throughput of many short tasks (the io-bound shape: each task's state kept for a few events only).
    do {
        let path = folder + "weft-bench-short-tasks.weft"
        let tasks = 500_000
        let recorder = try TraceRecorder(path: path)
        _ = TraceBench.onThreads(1) { _ in
            recorder.beginThread(role: .worker, index: 0)
            TraceBench.shortTasks(recorder, tasks: tasks)
            recorder.endThread()
            return 0
        }
        let s = try recorder.finish()
        var rate: [Double] = []
        for _ in 0..<runs { rate.append(try TraceBench.readRate(path).rate) }
        TraceBench.report("read \(tasks / 1000) k short tasks (\(s.events / 1_000_000) M events; process CPU time: both threads)", rate, unit: "M events/s", target: ">= 30")
        unlink(path)
    }

    // 6. Read throughput of many threads (thread-per-task: a lane and a batch or two for every dozen events).
    try ManyThreadsRead.run(folder: folder, runs: runs)
}

enum TraceBench {
    /// Runs `body(i)` on `count` pthreads at once; returns their results.
    static func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Double) -> [Double] {
        final class Slot: @unchecked Sendable { var value = 0.0 }
        let slots = (0..<count).map { _ in Slot() }
        // Foundation's Thread has no join: wait on a semaphore per thread instead.
        let finished = DispatchSemaphore(value: 0)
        for i in 0..<count {
            Thread {
                slots[i].value = body(i)
                finished.signal()
            }.start()
        }
        for _ in 0..<count { finished.wait() }
        return slots.map(\.value)
    }

    /// Busy-waits about `nanoseconds`.
    @inline(__always)
    static func spin(_ nanoseconds: Int) {
        guard nanoseconds > 0 else { return }
        let end = cweft_monotonic_ns() + UInt64(nanoseconds)
        while cweft_monotonic_ns() < end {}
    }

    /// Records the events of a ping-pong between t1 and t2 over ch1 (ping) and ch2 (pong) on one thread.
    static func pingPong(_ r: TraceRecorder, rounds: Int, paceNanoseconds pace: Int) {
        r.record(.taskCreate, 1, 0, r.intern("ping").rawValue, r.intern("PingPong.swift:3").rawValue)
        r.record(.taskCreate, 2, 1, r.intern("pong").rawValue, r.intern("PingPong.swift:9").rawValue)
        r.record(.channelMake, 3, 0, 0)
        r.record(.channelMake, 4, 0, 0)
        r.record(.runBegin, 2)
        r.record(.block, BlockReason.channelReceive.rawValue, 3)
        r.record(.runEnd, 2, RunEndReason.blocked.rawValue)
        for k in 1...UInt64(rounds) {
            r.record(.runBegin, 1); spin(pace)
            if k > 1 { r.record(.receive, 4, k - 1); spin(pace) }
            r.record(.send, 3, k); spin(pace)
            r.record(.unblock, 2); spin(pace)
            r.record(.block, BlockReason.channelReceive.rawValue, 4); spin(pace)
            r.record(.runEnd, 1, RunEndReason.blocked.rawValue); spin(pace)
            r.record(.runBegin, 2); spin(pace)
            r.record(.receive, 3, k); spin(pace)
            r.record(.send, 4, k); spin(pace)
            r.record(.unblock, 1); spin(pace)
            r.record(.block, BlockReason.channelReceive.rawValue, 3); spin(pace)
            r.record(.runEnd, 2, RunEndReason.blocked.rawValue); spin(pace)
        }
    }

    /// Records `tasks` short tasks one after another on one thread, 8 events each: made, run, asleep, woken, run
    /// again to the end.
    static func shortTasks(_ r: TraceRecorder, tasks: Int) {
        let name = r.intern("sleeper").rawValue
        let site = r.intern("ShortTasks.swift:1").rawValue
        for k in 1...UInt64(tasks) {
            r.record(.taskCreate, k, 0, name, site)
            r.record(.runBegin, k)
            r.record(.block, BlockReason.sleep.rawValue, 0)
            r.record(.runEnd, k, RunEndReason.blocked.rawValue)
            r.record(.unblock, k)
            r.record(.runBegin, k)
            r.record(.runEnd, k, RunEndReason.finished.rawValue)
            r.record(.taskEnd, k, TaskOutcome.returned.rawValue, 0)
        }
    }

    /// A ping-pong where t1 and t2 run on their own threads and hand the ball over through an atomic.
    static func pingPongTwoThreads(_ r: TraceRecorder, rounds: Int) {
        let turn = Atomic<Int>(0)
        r.record(.taskCreate, 1, 0, 0, 0)
        r.record(.taskCreate, 2, 1, 0, 0)
        r.record(.channelMake, 3, 0, 0)
        r.record(.channelMake, 4, 0, 0)
        _ = onThreads(2) { side in
            let me = UInt64(side + 1), other = UInt64(2 - side)
            let out: UInt64 = side == 0 ? 3 : 4, input: UInt64 = side == 0 ? 4 : 3
            r.beginThread(role: .taskThread, index: me)
            if side == 1 {
                r.record(.runBegin, me)
                r.record(.block, BlockReason.channelReceive.rawValue, input)
                r.record(.runEnd, me, RunEndReason.blocked.rawValue)
                turn.store(1, ordering: .releasing)
            }
            for k in 1...UInt64(rounds) {
                let mine = side == 0 ? 2 * Int(k) - 1 : 2 * Int(k)
                while turn.load(ordering: .acquiring) != mine {}
                r.record(.runBegin, me)
                if side == 1 || k > 1 { r.record(.receive, input, side == 0 ? k - 1 : k) }
                r.record(.send, out, k)
                r.record(.unblock, other)
                r.record(.block, BlockReason.channelReceive.rawValue, input)
                r.record(.runEnd, me, RunEndReason.blocked.rawValue)
                turn.store(mine + 1, ordering: .releasing)
            }
            r.endThread()
            return 0
        }
    }

    /// Reads a whole trace: millions of events a second, and how much the resident memory grew (MiB) between the
    /// first million events and the end (flat: it does not grow with the number of events read).
    static func readRate(_ path: String) throws -> (rate: Double, rssGrowth: Double) {
        let (rate, _, growth, _) = try readCount(path)
        return (rate, growth)
    }

    /// Reads every event of the trace at `path`: M events/s on the process's CPU clock (the reader's thread and its
    /// read-ahead thread together: the work done) and on the wall clock (what two cores give when the machine lets
    /// them), the resident memory growth from the first million events on (MiB), and the number of events.
    static func readCount(_ path: String) throws -> (rate: Double, wallRate: Double, rssGrowth: Double, events: Int) {
        try readCounting(path).rates
    }

    /// `readCount`'s figures, and M events/s on the reading thread's CPU clock (the merge, which bounds the wall
    /// clock's rate on an idle machine with a core free for reading ahead).
    static func readCounting(_ path: String) throws -> (rates: (rate: Double, wallRate: Double, rssGrowth: Double, events: Int), threadRate: Double) {
        let threadStart = threadCPUNanoseconds()
        let start = processCPUNanoseconds()
        let wallStart = wallNanoseconds()
        var n = 0
        var early = 0, late = 0
        do {
            let reader = try TraceReader(path: path)
            while try reader.next() != nil {
                n += 1
                if n % 1_000_000 == 0 {
                    let rss = currentRSS()
                    if n == 1_000_000 { early = rss }
                    late = max(late, rss)
                }
            }
        }
        let elapsed = Double(processCPUNanoseconds() - start)
        let wall = Double(wallNanoseconds() - wallStart)
        let thread = Double(threadCPUNanoseconds() - threadStart)
        return ((Double(n) / elapsed * 1000, Double(n) / wall * 1000, Double(late - early) / 1_048_576, n), Double(n) / thread * 1000)
    }

    /// CPU time of every thread of this process.
    static func processCPUNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// The monotonic clock.
    static func wallNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }

    /// Resident memory now, from /proc/self/statm.
    static func currentRSS() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return fields.count > 1 ? (Int(fields[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) : 0
    }

    /// CPU time of the calling thread: on a machine shared with other jobs, wall time would count their turns.
    static func threadCPUNanoseconds() -> UInt64 {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return UInt64(t.tv_sec) * 1_000_000_000 + UInt64(t.tv_nsec)
    }


    static func report(_ name: String, _ values: [Double], unit: String, target: String) {
        let sorted = values.sorted()
        let median = sorted[sorted.count / 2]
        print(String(format: "  %@: median %.2f %@ (min %.2f, max %.2f, %d runs) target %@",
                     name, median, unit, sorted.first!, sorted.last!, values.count, target))
    }
}
