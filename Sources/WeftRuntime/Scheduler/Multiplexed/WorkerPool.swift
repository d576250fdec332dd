import CWeftSupport
import Glibc
import Synchronization
import WeftTrace

/// The multiplexed (M:N) scheduler: N workers, a run queue per worker plus a global one, work stealing, and idle
/// workers that spin briefly and then park on a condition variable until work arrives.
///
/// A job enqueued by a worker goes to that worker's queue; from any other thread to the global queue. A worker runs
/// its own queue first, then the global queue, then steals half of another worker's queue. Waking follows Go: a parked
/// worker is woken only when no worker is already spinning (looking for work), and the woken one spins; jobs that
/// arrive from outside the workers at once (the timer resuming several sleepers) wake one worker each, as Go's
/// `injectglist` starts an idle P per goroutine, instead of each woken worker waking the next in turn.
///
/// A spinning worker looks a few dozen times, then naps (20 µs, with its timer slack cut to 1 µs) between looks for
/// up to 100 µs before it parks. It never calls `sched_yield`: on a loaded machine a yield gives the CPU to another
/// process for a whole time slice (milliseconds) while the worker still counts as spinning, so that nobody wakes a
/// worker for new work meanwhile: a spawn on a busy worker waited 2.7 ms at the median for the other worker. A nap
/// ends on time. Napping rather than parking at once keeps a channel ping-pong between two tasks on one worker: a
/// parked second worker would be woken for every hop, steal the partner, and move every hop behind a wake-up.
final class WorkerPool: Scheduler, @unchecked Sendable {
    let workers: [Worker]
    private let global = JobQueue()
    private let spinning = Atomic<Int>(0)
    private let parked = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    // The parking lot.
    private let lot = PThreadLock()
    private let lotCondition = PThreadCondition()
    private var parkedCount = 0
    private var wakeTokens = 0
    /// In a traced run, when each outstanding wake token was handed out (monotonic ns), oldest first: a worker that
    /// slept and takes a token records how long the OS took to run it (`threadWake`).
    private var signalTimes: [UInt64] = []
    /// The run's recorder; set in `start` before any worker runs.
    private var tracer: TraceRecorder?

    init(workers count: Int) {
        workers = (0..<count).map { Worker(index: $0) }
    }

    func start(core: RunCore) throws(ThreadStartFailure) {
        tracer = core.tracer
        for worker in workers {
            guard core.threads.reserve(limit: core.maxThreads) else { throw ThreadStartFailure(errno: EAGAIN) }
            switch OSThread.start({ [self] in run(worker, core: core) }) {
            case .success(let thread):
                worker.thread = thread
                core.startGate.expect()
            case .failure(let failure):
                core.threads.cancelReservation()
                throw failure
            }
        }
    }

    /// Tells the workers to stop once their queues are empty, waking the parked ones; `join` waits for them.
    func requestStop() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        lot.withLock { lotCondition.broadcast() }
    }

    /// Waits for the workers to end (after `requestStop`).
    func join() {
        for worker in workers {
            if let thread = worker.thread { OSThread.join(thread) }
            worker.thread = nil
        }
    }

    /// Every task runs on the workers: nothing to prepare.
    func admit(_ task: TaskRecord, core: RunCore) -> ThreadStartFailure? { nil }

    @inline(__always)
    func enqueue(_ job: UnownedJob, of task: TaskRecord) {
        let item = PoolItem(job: job, record: .passUnretained(task))
        if let worker = Worker.current {
            worker.queue.push(item)
            wakeWorkers(untilSpinning: 1)
        } else {
            global.push(item)
            wakeWorkers(untilSpinning: global.size.load(ordering: .sequentiallyConsistent))
        }
    }

    func enqueueUntracked(_ job: UnownedJob, near task: TaskRecord, helper: TaskRecord) {
        enqueue(job, of: helper)
    }

    /// Wakes parked workers, each counted as spinning from then on, until `limit` workers are spinning (looking for
    /// work) or none is parked. A limit of 1 is Go's `wakep`: a parked worker is woken only when nobody looks for work.
    @inline(__always)
    private func wakeWorkers(untilSpinning limit: Int) {
        while parked.load(ordering: .sequentiallyConsistent) > 0 {
            let current = spinning.load(ordering: .sequentiallyConsistent)
            guard current < limit else { return }
            guard spinning.compareExchange(expected: current, desired: current + 1, ordering: .sequentiallyConsistent)
                .exchanged else { continue }
            if !unparkOne() {
                spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                return
            }
        }
    }

    /// Hands a wake token to one parked worker and signals the lot; false when no worker is parked.
    private func unparkOne() -> Bool {
        lot.withLock {
            guard parkedCount > 0 else { return false }
            parkedCount -= 1
            parked.wrappingSubtract(1, ordering: .sequentiallyConsistent)
            wakeTokens += 1
            if tracer != nil { signalTimes.append(monotonicNanoseconds()) }
            lotCondition.signal()
            return true
        }
    }

    /// The next job for `worker`: its own queue's, the global queue's, else half of another worker's queue. A queue
    /// holding one job is robbed only with `takeLoneJobs`, and only if its owner took nothing from it since this
    /// worker's last nap began (Go's rule for `runnext`): that one job is most often the task the owner's running task
    /// has just woken (a channel partner), which the owner runs as soon as that task blocks; taking it at once would
    /// move every hop of a ping-pong to another worker, each behind a wake-up.
    private func findWork(_ worker: Worker, takeLoneJobs: Bool = false) -> PoolItem? {
        if let item = worker.queue.pop() { return item }
        if let item = global.pop() { return item }
        let count = workers.count
        if count > 1 {
            worker.stealStart = worker.stealStart &+ 1
            for offset in 0..<count {
                let victim = workers[(worker.stealStart &+ offset) % count]
                guard victim !== worker else { continue }
                let size = victim.queue.size.load(ordering: .relaxed)
                if size == 0 { continue }
                if size == 1 && !(takeLoneJobs
                                  && victim.queue.ownerTakes.load(ordering: .relaxed) == worker.takesBeforeNap[victim.index]) {
                    continue
                }
                if let item = victim.queue.steal(into: worker.queue) {
                    // The rest of the loot now waits in this worker's queue, unseen by a worker that looked while it
                    // was being moved and then parked: look for a worker to take it.
                    if worker.queue.size.load(ordering: .sequentiallyConsistent) > 0 { wakeWorkers(untilSpinning: 1) }
                    return item
                }
            }
        }
        return nil
    }

    /// Looks for work as a spinning worker: quick rounds, then short naps (each followed by a look that may take a
    /// lone job its owner left untouched over the nap), until `spinNanoseconds` have passed.
    private func spin(_ worker: Worker) -> PoolItem? {
        for _ in 0..<Self.quickRounds {
            cweft_cpu_relax()
            if let item = findWork(worker) { return item }
        }
        let giveUp = monotonicNanoseconds() &+ Self.spinNanoseconds
        repeat {
            for victim in workers { worker.takesBeforeNap[victim.index] = victim.queue.ownerTakes.load(ordering: .relaxed) }
            var nap = timespec(tv_sec: 0, tv_nsec: Int(Self.napNanoseconds))
            nanosleep(&nap, nil)
            if let item = findWork(worker, takeLoneJobs: true) { return item }
        } while monotonicNanoseconds() < giveUp
        return nil
    }

    private func anyWorkVisible() -> Bool {
        if global.size.load(ordering: .sequentiallyConsistent) > 0 { return true }
        return workers.contains { $0.queue.size.load(ordering: .sequentiallyConsistent) > 0 }
    }

    /// Quick looks for work before a spinning worker starts napping (a microsecond or two).
    private static let quickRounds = 64
    /// One nap of a spinning worker: asleep, so it leaves the CPU to others, yet back on time (the worker threads'
    /// timer slack is 1 µs) and, unlike after a `sched_yield`, at once when its sleep ends, even on a loaded machine.
    private static let napNanoseconds: UInt64 = 20_000
    /// How long a spinning worker keeps looking (napping) before it parks.
    private static let spinNanoseconds: UInt64 = 100_000

    private func run(_ worker: Worker, core: RunCore) {
        core.tracer?.beginThread(role: .worker, index: UInt64(worker.index))
        cweft_set_timer_slack(1_000)
        worker.takesBeforeNap = Array(repeating: 0, count: workers.count)
        Worker.current = worker
        core.startGate.arrive()
        var isSpinning = false
        while true {
            var found = findWork(worker)
            if found == nil {
                if stopping.load(ordering: .sequentiallyConsistent) { break }
                if !isSpinning {
                    // As in Go: at most half of the workers that are not parked look for work at once.
                    let busy = workers.count - parked.load(ordering: .relaxed)
                    if 2 * spinning.load(ordering: .relaxed) >= busy {
                        isSpinning = park()
                        continue
                    }
                    isSpinning = true
                    spinning.wrappingAdd(1, ordering: .sequentiallyConsistent)
                }
                found = spin(worker)
                if found == nil {
                    isSpinning = false
                    spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                    isSpinning = park()
                    continue
                }
            }
            if isSpinning {
                // The last spinner found work: if more is waiting, another worker must look for it. (An enqueue that
                // saw this worker spinning woke no one; its job is visible here: its push came before its load of
                // `spinning`, which came before this decrement.)
                isSpinning = false
                if spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue == 0 && anyWorkVisible() {
                    wakeWorkers(untilSpinning: 1)
                }
            }
            let item = found.unsafelyUnwrapped
            item.record.takeUnretainedValue().runSlice(item.job)
        }
        Worker.current = nil
        core.tracer?.endThread()
        core.threads.ended()
    }

    /// Parks until woken; returns true when a waker counted this worker as spinning. A worker that slept and was
    /// handed a wake token records `threadWake` with the time from the signal to its running again.
    private func park() -> Bool {
        lot.withLock {
            parkedCount += 1
            parked.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        if anyWorkVisible() || stopping.load(ordering: .sequentiallyConsistent) {
            return lot.withLock { unpark() } != nil
        }
        lot.lock()
        var slept = false
        while wakeTokens == 0 && !stopping.load(ordering: .sequentiallyConsistent) {
            lotCondition.wait(lot)
            slept = true
        }
        let signalled = unpark()
        lot.unlock()
        if slept, let signalled, signalled > 0, let tracer {
            let now = monotonicNanoseconds()
            tracer.record(ThreadWakeEvent(delay: now &- min(signalled, now)))
        }
        return signalled != nil
    }

    /// Leaves the lot (holding its lock): takes a wake token if there is one and returns when it was handed out (0
    /// in an untraced run), else uncounts itself and returns nil.
    private func unpark() -> UInt64? {
        if wakeTokens > 0 {
            wakeTokens -= 1
            return signalTimes.isEmpty ? 0 : signalTimes.removeFirst()
        }
        parkedCount -= 1
        parked.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        return nil
    }
}
