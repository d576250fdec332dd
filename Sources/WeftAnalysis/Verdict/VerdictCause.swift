/// Why the slower of two runs finished later, as measured in its trace: the one reason among those Weft can measure
/// that accounts for the most of the difference, and only when it accounts for at least half of it. Task creation,
/// start-up and hand-offs are measured on the path that set the wall time; waiting for a CPU is only a bound (a
/// core's share of waits summed over threads, which can exceed the whole run), so it is named only when none of the
/// others is.
///
/// - Task creation: the time from the first spawn to the last, without the creator's own wait to start or its blocked
///   time (`RunFigures.spawning`; under thread-per-task each creation starts an OS thread).
/// - Start-up: the time new tasks waited on the run's critical path from their creation to their first run (under
///   thread-per-task, a new OS thread starting, main's own included).
/// - Hand-offs: the time woken tasks waited to run on the run's critical path, which is part of the wall time
///   (under thread-per-task each wake-up is an OS thread being woken); under thread-per-task, when those waits fall
///   short and the hand-offs outnumber the tasks at least twice, also a core's share of the system CPU it spent
///   beyond the faster run's, the kernel's work of putting threads to sleep and waking them.
/// - Waits on the path: the time the tasks on the run's critical path spent waiting for a lock, on a channel, for a
///   wait group, condition or semaphore, or asleep (`PathWaits`): the kind that grew most.
/// - An uneven end: a pool's threads sitting free with no task to run while the last tasks ran on others
///   (`PoolIdleAtEnd`), at its share per pool thread.
/// - Waiting for a CPU: the time the threads count as running beyond the CPU time the process got, divided by the
///   cores (it is summed over threads that ran side by side).
enum VerdictCause {
    /// One measured reason and how much of the gap it accounts for (ns).
    struct Candidate {
        var explains: UInt64
        var text: String
    }

    /// The reason `slow` took `gap` longer than `fast`, in words; nil when no measure accounts for half the gap.
    /// - Parameter fastName: what to call the faster run where its figure is given in brackets ("A" in the diff
    ///   picture); nil names it by its scheduler ("multiplexed").
    static func reason(slow: RunFigures, fast: RunFigures, gap: UInt64, fastName: String? = nil) -> String? {
        guard gap > 0 else { return nil }
        for candidates in [[creation(slow, fast, fastName), startUps(slow, fast, fastName),
                            handoffs(slow, fast, fastName, gap: gap), pathWaits(slow, fast, fastName), unevenEnd(slow)],
                           [cpu(slow, fast, fastName)]] {
            if let best = candidates.compactMap({ $0 }).max(by: { $0.explains < $1.explains }), best.explains >= gap / 2 {
                return best.text
            }
        }
        return nil
    }

    /// "main spent 430 ms creating 10,000 tasks and their OS threads (multiplexed: 20.0 ms)".
    static func creation(_ slow: RunFigures, _ fast: RunFigures, _ fastName: String? = nil) -> Candidate? {
        guard let s = slow.spawning, let f = fast.spawning, s > f else { return nil }
        let tasks = slow.tasks - 1
        let what = "\(count(tasks)) task\(tasks == 1 ? "" : "s")"
            + (ownThreads(slow) ? (tasks == 1 ? " and its OS thread" : " and their OS threads") : "")
        let text = slow.spawner.map { "\($0) spent \(time(s)) creating \(what)" } ?? "creating \(what) took \(time(s))"
        return Candidate(explains: s - f, text: text + " (\(fastName ?? fast.scheduler): \(time(f)))")
    }

    /// "its tasks waited 4.40 ms of the wall time for their new OS threads to start (main alone 3.78 ms), where the
    /// pool's new tasks waited 120 µs", or with one task on the path "main waited 3.78 ms of the wall time for its
    /// new OS thread to start, …".
    static func startUps(_ slow: RunFigures, _ fast: RunFigures, _ fastName: String? = nil) -> Candidate? {
        guard let s = slow.startUps else { return nil }
        let f = fast.startUps?.waitOnPath ?? 0
        guard s.waitOnPath > f else { return nil }
        let own = ownThreads(slow)
        var text: String
        if s.longestWait == s.waitOnPath {
            text = "\(s.longest) waited \(time(s.waitOnPath)) of the wall time " + (own ? "for its new OS thread to start" : "to start")
        } else {
            text = "its tasks waited \(time(s.waitOnPath)) of the wall time " + (own ? "for their new OS threads to start" : "to start")
                + " (\(s.longest) alone \(time(s.longestWait)))"
        }
        text += fast.workers != nil && fastName == nil ? ", where the pool's new tasks waited \(time(f))"
            : " (\(fastName ?? fast.scheduler): \(time(f)))"
        return Candidate(explains: s.waitOnPath - f, text: text)
    }

    /// "each of its 2,000 hand-offs woke another OS thread, and the woken tasks waited a median 38.0 µs to run (1.60 ms
    /// of the wall time in all), where the pool handed the task on in a median 2.10 µs".
    /// Under thread-per-task, when those waits alone account for less than half of `gap` and the run spent more
    /// system CPU than the faster one, the kernel's work of putting threads to sleep and waking them is named too and
    /// counted at a core's share (it is summed over threads that ran side by side): "each of its 98 hand-offs woke
    /// another OS thread, which cost 19.0 ms of system CPU putting threads to sleep and waking them (multiplexed:
    /// 109 µs), and the woken tasks waited …".
    static func handoffs(_ slow: RunFigures, _ fast: RunFigures, _ fastName: String? = nil, gap: UInt64 = 0) -> Candidate? {
        guard let s = slow.handoffs else { return nil }
        let f = fast.handoffs
        let fastOnPath = f?.waitOnPath ?? 0
        let waits = s.waitOnPath > fastOnPath ? s.waitOnPath - fastOnPath : 0
        var kernel: (share: UInt64, slow: UInt64, fast: UInt64)?
        // Only where hand-offs outnumber the tasks twice over: the system CPU also pays for creating each task's
        // thread, which a run of many short-lived tasks and few hand-offs spends it on (`creation` names that).
        if ownThreads(slow), waits < gap / 2, s.count >= 2 * max(slow.tasks, 1),
           let ks = slow.systemTime, let kf = fast.systemTime, ks > kf {
            kernel = ((ks - kf) / UInt64(max(slow.cores ?? 1, 1)), ks, kf)
        }
        guard waits > 0 || kernel != nil else { return nil }
        let many = s.count == 1 ? "its one hand-off" : "each of its \(count(s.count)) hand-offs"
        let woken = (s.count == 1 ? "the woken task waited " : "the woken tasks waited a median ")
            + "\(time(s.medianWait)) to run (\(time(s.waitOnPath)) of the wall time in all)"
        var text: String
        if let kernel {
            text = "\(many) woke another OS thread, which cost \(time(kernel.slow)) of system CPU putting threads to "
                + "sleep and waking them (\(fastName ?? fast.scheduler): \(time(kernel.fast))), and " + woken
        } else {
            text = ownThreads(slow) ? "\(many) woke another OS thread, and " + woken
                : (s.count == 1 ? "at its one hand-off, " : "over its \(count(s.count)) hand-offs, ") + woken
        }
        if let f {
            text += fast.workers != nil && fastName == nil
                ? ", where the pool handed the task on in a median \(time(f.medianWait))"
                : " (\(fastName ?? fast.scheduler): a median \(time(f.medianWait)))"
        }
        return Candidate(explains: waits + (kernel?.share ?? 0), text: text)
    }

    /// "on the path that set the wall time, tasks spent 4.10 ms waiting for a lock (thread-per-task: 0 ns)": the kind
    /// of wait on the critical path that grew most from `fast` to `slow` (`PathWaits`). For sleeps, whether they lasted
    /// as long as the program asked (its own timing) or woke late.
    static func pathWaits(_ slow: RunFigures, _ fast: RunFigures, _ fastName: String? = nil) -> Candidate? {
        guard let s = slow.pathWaits, let f = fast.pathWaits else { return nil }
        let grown = s.byKind.compactMap { kind, time -> (kind: String, slow: UInt64, fast: UInt64)? in
            let other = f.byKind[kind] ?? 0
            return time > other ? (kind, time, other) : nil
        }
        guard let top = grown.max(by: { $0.slow - $0.fast != $1.slow - $1.fast
            ? $0.slow - $0.fast < $1.slow - $1.fast : $0.kind > $1.kind }) else { return nil }
        var text = "on the path that set the wall time, tasks spent \(time(top.slow)) \(top.kind) "
            + "(\(fastName ?? fast.scheduler): \(time(top.fast)))"
        if top.kind == "asleep" {
            // Sleeps as long as the program asked are its own timing; a late wake-up is the runtime's.
            text += s.overslept * 2 < top.slow - top.fast
                ? ", sleeps the program asked for: its timing, not the scheduler's doing"
                : ", \(time(s.overslept)) of it beyond what the program asked: late wake-ups"
        }
        return Candidate(explains: top.slow - top.fast, text: text)
    }

    /// "its pool threads sat free for 24.9 ms of main's last wait with nothing to run while t9 still ran: a task stays
    /// on its pool thread until it awaits or ends, so the work did not divide evenly": pool
    /// threads free at the end (`PoolIdleAtEnd`). It accounts for the free time's share per pool thread: the time the
    /// run would have saved had the remaining work been spread over all of them.
    /// - Parameter owner: whose pool threads they are in the sentence ("its", "multiplexed's").
    /// Not where a lock, an actor or one task set the pace (`bottleneck`, `pacer`): the work was then serialised under
    /// either scheduler, and a free pool thread is the program's doing, not the pool's.
    static func unevenEnd(_ slow: RunFigures, owner: String = "its") -> Candidate? {
        guard let idle = slow.poolIdleAtEnd, idle.workers > 1, slow.bottleneck == nil, slow.pacer == nil else { return nil }
        return Candidate(explains: idle.idle / UInt64(idle.workers), text: "\(owner) pool threads sat free for "
            + "\(time(idle.idle)) of main's last wait with nothing to run while \(idle.runner) still ran: a task stays on "
            + "its pool thread until it awaits or ends, so the work did not divide evenly")
    }

    /// "its threads were running for 12.0 ms in all but got 6.00 ms of CPU, so 6.00 ms went on waiting for one of the
    /// 2 cores, with up to 5 threads running at once (multiplexed: 100 µs)".
    static func cpu(_ slow: RunFigures, _ fast: RunFigures, _ fastName: String? = nil) -> Candidate? {
        guard let s = slow.cpuWait, let f = fast.cpuWait, s > f, let cpu = slow.cpuTime else { return nil }
        var text = "its threads were running for \(time(slow.busy)) in all but got \(time(cpu)) of CPU, so \(time(s)) went "
            + "on waiting for "
        if let cores = slow.cores {
            text += cores == 1 ? "the one core" : "one of the \(count(cores)) cores"
            if let use = slow.coreUse, use.peak > cores { text += ", with up to \(count(use.peak)) threads running at once" }
        } else {
            text += "a CPU"
        }
        // Summed over threads that ran side by side: at most a core's share of it can have lengthened the run.
        return Candidate(explains: (s - f) / UInt64(max(slow.cores ?? 1, 1)), text: text + " (\(fastName ?? fast.scheduler): \(time(f)))")
    }

    /// The share of a gap from which the end after main returned, when it grew, is named beside the reason.
    static let endingShare = 0.1

    /// "after main returned the runtime took 10.2 ms to end its threads (A: 443 µs)": the end after main grown by at
    /// least `endingShare` of `gap`, a part of the gap the reason, measured inside the run, leaves out. Nil otherwise.
    static func ending(slow: RunFigures, fast: RunFigures, gap: UInt64, fastName: String? = nil) -> String? {
        guard let s = slow.wallParts?.afterMain, let f = fast.wallParts?.afterMain, s > f,
              Double(s - f) >= endingShare * Double(gap) else { return nil }
        return "after main returned the runtime took \(time(s)) to end its threads (\(fastName ?? fast.scheduler): \(time(f)))"
    }

    /// Whether each task of the run had its own OS thread.
    static func ownThreads(_ run: RunFigures) -> Bool { run.scheduler == "thread-per-task" }

    static func time(_ ns: UInt64) -> String { DurationFormat.format(ns) }
    static func count(_ n: Int) -> String { CountFormat.grouped(n) }
}
