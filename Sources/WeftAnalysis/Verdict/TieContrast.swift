/// For two runs of one program that took about as long, the one sentence on where the two schedulers differed in
/// running the same work, from their measurements: a tie says nothing of who is faster, so the verdict says this
/// instead. The first rule that holds gives it:
///
/// - An uneven end: the pool's run was the slower, and its pool threads sat free at the end while the last tasks ran
///   on others (`PoolIdleAtEnd`), enough to account for half the gap between the drawn runs.
/// - Cores: both runs waited for the same cores, in different places. A pool's tasks waited in its queue and
///   thread-per-task's threads waited for a CPU from the OS ("running" while the thread's CPU clock stood still), each
///   for at least `notableShare` of its run's wall time per task (the figures of the panels' Tasks headers).
/// - The path: in the drawn runs main's lifetimes differ by more than the tie margin and a measured cause
///   (`VerdictCause`) accounts for half of it; where the other run's tasks waited longer to run in all, it says that
///   their waits fell off the path that set the wall time.
/// - The pace: one task set it (`Pacer`), and the others' waits on its channels are said, with what they held.
/// - The bottleneck: an actor or lock set the pace (`Bottleneck`): its busy or held share of the run, and the tasks'
///   waits for it.
/// - Held threads: thread-per-task's tasks waited (blocked or asleep) longer than they ran, each keeping its OS thread,
///   where a pool's waiting tasks held none.
enum TieContrast {
    /// The share of its run's wall time that a wait per task must reach to be where the schedulers differed.
    static let notableShare = 0.1

    /// The sentence on run `a` and run `b` (for Weft: multiplexed, then thread-per-task), ending in a full stop; nil
    /// when no rule holds.
    static func sentence(_ a: RunFigures, _ b: RunFigures) -> String? {
        if let uneven = unevenEnd(a, b) { return uneven }
        if let cores = cores(a, b) { return cores }
        if let path = path(a, b) { return path }
        if let pace = pace(a, b) { return pace }
        if let bottleneck = bottleneck(a, b) { return bottleneck }
        return held(a, b)
    }

    /// The run on a pool and the run with a thread per task, in either order; nil unless it is one of each.
    static func roles(_ a: RunFigures, _ b: RunFigures) -> (pool: RunFigures, own: RunFigures)? {
        if a.workers != nil && VerdictCause.ownThreads(b) { return (a, b) }
        if b.workers != nil && VerdictCause.ownThreads(a) { return (b, a) }
        return nil
    }

    /// "At the end multiplexed's pool threads sat free for 24.9 ms of main's last wait with nothing to run while t9
    /// still ran: a task stays on its pool thread until it awaits or ends, so the work did not divide evenly." Where the pool's drawn run was the slower (and its median too, over repeated runs) and that
    /// free time at its share per pool thread (`VerdictCause.unevenEnd`) accounts for at least half the gap between
    /// the drawn runs and is notable in the run.
    static func unevenEnd(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let (pool, own) = roles(a, b), pool.wallTime > own.wallTime,
              let uneven = VerdictCause.unevenEnd(pool, owner: "\(pool.scheduler)'s") else { return nil }
        guard uneven.explains >= (pool.wallTime - own.wallTime) / 2, notable(uneven.explains, of: pool) else { return nil }
        if let poolRuns = pool.wallRuns, let ownRuns = own.wallRuns, poolRuns.spread.median <= ownRuns.spread.median {
            return nil
        }
        return "At the end " + uneven.text + "."
    }

    /// "Both waited for the same 2 cores, in different places: multiplexed's tasks in the pool's queue (26.6 ms each
    /// on average), thread-per-task's threads for a CPU from the OS (25.2 ms per task “running” while its thread's
    /// CPU clock stood still)."
    static func cores(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let (pool, own) = roles(a, b), let queued = pool.waitingToRun, queued.tasks > 0,
              let ownTasks = own.waitingToRun?.tasks, ownTasks > 0 else { return nil }
        let starved = own.cpuStarved / UInt64(ownTasks)
        guard notable(queued.perTask, of: pool), notable(starved, of: own) else { return nil }
        let cores = (pool.cores ?? own.cores).map { $0 == 1 ? "the one core" : "the same \(count($0)) cores" } ?? "the same cores"
        return "Both waited for \(cores), in different places: \(pool.scheduler)'s tasks in the pool's queue "
            + "(\(time(queued.perTask)) each on average), \(own.scheduler)'s threads for a CPU from the OS "
            + "(\(time(starved)) per task “running” while its thread's CPU clock stood still)."
    }

    /// "In the drawn runs thread-per-task's main ran 864 µs longer (3.55 ms vs 2.69 ms): its tasks waited 1.90 ms of
    /// the wall time for their new OS threads to start (…), where the pool's new tasks waited 423 µs; multiplexed's
    /// tasks waited longer to run in all (925 µs each on average, against 678 µs), but less of it on that path."
    static func path(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let pa = a.wallParts, let pb = b.wallParts, min(pa.main, pb.main) > 0 else { return nil }
        let gap = pa.main > pb.main ? pa.main - pb.main : pb.main - pa.main
        guard Double(gap) > ContrastVerdict.noiseShare * Double(min(pa.main, pb.main)) else { return nil }
        // Not where the wall medians point the other way from main's lifetimes.
        if let repeated = ContrastVerdict.repeated(a, b), repeated.first.spread.median != repeated.second.spread.median,
           (repeated.first.spread.median > repeated.second.spread.median) != (pa.main > pb.main) { return nil }
        let (slow, fast) = pb.main > pa.main ? (b, a) : (a, b)
        guard let reason = VerdictCause.reason(slow: slow, fast: fast, gap: gap) else { return nil }
        let mains = DurationFormat.distinct([max(pa.main, pb.main), min(pa.main, pb.main)])
        var text = "In the drawn runs \(slow.scheduler)'s main ran \(time(gap)) longer (\(mains[0]) vs \(mains[1])): " + reason
        if let slowReady = slow.waitingToRun, let fastReady = fast.waitingToRun, slowReady.perTask < fastReady.perTask {
            text += "; \(fast.scheduler)'s tasks waited longer to run in all (\(time(fastReady.perTask)) each on average, "
                + "against \(time(slowReady.perTask))), but less of it on the path that set the wall time"
        }
        return text + "."
    }

    /// "In both runs square set the pace: generate and sum spent 1.58 ms and 1.80 ms blocked on channels waiting for
    /// it (thread-per-task: 1.61 ms and 1.88 ms), each keeping its OS thread meanwhile under thread-per-task, none
    /// under multiplexed." Said of one run alone when only it had a pacer, or the runs' pacers differ.
    static func pace(_ a: RunFigures, _ b: RunFigures) -> String? {
        let both: Bool
        let pacer: Pacer, run: RunFigures
        if let pa = a.pacer, let pb = b.pacer, pa.task == pb.task, pa.waiters.map(\.task) == pb.waiters.map(\.task) {
            (both, pacer, run) = (true, pa, a)
        } else if let one = a.pacer ?? b.pacer {
            (both, pacer, run) = (false, one, a.pacer != nil ? a : b)
        } else {
            return nil
        }
        let names = list(pacer.waiters.map(\.task))
        let waits = list(pacer.waiters.map { time($0.blocked) })
        var text = (both ? "In both runs " : "Under \(run.scheduler), ") + "\(pacer.task) set the pace: \(names) spent "
            + "\(waits) blocked on channels waiting for it"
        if both, let other = b.pacer {
            text += " (\(b.scheduler): \(list(other.waiters.map { time($0.blocked) })))"
        }
        if both, let (pool, own) = roles(a, b) {
            text += pacer.waiters.count == 1
                ? ", keeping its OS thread meanwhile under \(own.scheduler), no thread under \(pool.scheduler)"
                : ", each keeping its OS thread meanwhile under \(own.scheduler), none under \(pool.scheduler)"
        }
        return text + "."
    }

    /// "The Cache actor was busy 71.2% of the run: the 4 tasks and main waited 12.1 ms in all to enter it
    /// (thread-per-task: 11.7 ms), each keeping its OS thread under thread-per-task, none under multiplexed." or
    /// "Tasks waited 8.10 ms in all for the lock mu1 (held 64.0% of the run; thread-per-task: 7.90 ms, held 61.0%), …". Said of one run alone when only it had one, or the runs' differ.
    static func bottleneck(_ a: RunFigures, _ b: RunFigures) -> String? {
        let first: Bottleneck, run: RunFigures, other: Bottleneck?
        if let ba = a.bottleneck, let bb = b.bottleneck, ba.kind == bb.kind, ba.name == bb.name {
            (first, run, other) = (ba, a, bb)
        } else if let one = a.bottleneck ?? b.bottleneck {
            (first, run, other) = (one, a.bottleneck != nil ? a : b, nil)
        } else {
            return nil
        }
        let share = { (x: Bottleneck, r: RunFigures) in DurationFormat.percent(x.busy, of: r.wallTime) }
        let prefix = other == nil ? "Under \(run.scheduler), " : ""
        var text: String
        switch first.kind {
        case .actor:
            let actor = first.name.isEmpty ? "an actor" : "the \(first.name) actor"
            let tasks = other.map { $0.tasks == first.tasks && $0.mainWaited == first.mainWaited } ?? true
                ? first.waitersText : "the tasks"
            text = prefix + "\(actor) was busy \(share(first, run)) of the run"
                + ": \(tasks) waited \(time(first.waited)) in all to enter it"
                + (other.map { " (\(b.scheduler): \(time($0.waited)))" } ?? "")
        case .lock, .semaphore:
            let object = first.kind == .lock ? "the lock \(first.name)" : "the semaphore \(first.name)"
            var notes: [String] = []
            if first.kind == .lock { notes.append("held \(share(first, run)) of the run") }
            if let other {
                notes.append("\(b.scheduler): \(time(other.waited))" + (other.kind == .lock ? ", held \(share(other, b))" : ""))
            }
            text = prefix + "tasks waited \(time(first.waited)) in all for \(object)"
                + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
        }
        if let (pool, own) = roles(a, b), other != nil || run.scheduler == own.scheduler {
            let one = (other == nil ? first.tasks : min(first.tasks, other!.tasks)) == 1
            text += other == nil
                ? (one ? ", keeping its OS thread" : ", each keeping its OS thread")
                : (one ? ", keeping its OS thread under \(own.scheduler), no thread under \(pool.scheduler)"
                       : ", each keeping its OS thread under \(own.scheduler), none under \(pool.scheduler)")
        }
        return text.prefix(1).uppercased() + text.dropFirst() + "."
    }

    /// "Under thread-per-task each task kept its own OS thread while it waited (blocked or asleep: 69.1 ms task-time
    /// over 4 tasks); under multiplexed a waiting task held no thread, and the 2 pool threads ran tasks for 1.25 ms in
    /// all." Only where thread-per-task's tasks waited longer than its threads ran them.
    static func held(_ a: RunFigures, _ b: RunFigures) -> String? {
        guard let (pool, own) = roles(a, b), let waiting = own.waiting, waiting.total > own.busy, waiting.tasks > 1 else {
            return nil
        }
        let threads = pool.workers.map { $0 == 1 ? "its 1 pool thread" : "its \(count($0)) pool threads" } ?? "its pool"
        return "Under \(own.scheduler) each task kept its own OS thread while it waited (blocked or asleep: "
            + "\(time(waiting.total)) \(TaskSum.unit) over \(count(waiting.tasks)) tasks); under \(pool.scheduler) a waiting "
            + "task held no thread, and \(threads) ran tasks for \(time(pool.busy)) in all."
    }

    /// Whether a wait of `ns` is at least `notableShare` of `run`'s wall time.
    static func notable(_ ns: UInt64, of run: RunFigures) -> Bool {
        ns > 0 && Double(ns) >= notableShare * Double(run.wallTime)
    }

    /// "a", "a and b", "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }

    static func time(_ ns: UInt64) -> String { DurationFormat.format(ns) }
    static func count(_ n: Int) -> String { CountFormat.grouped(n) }
}
