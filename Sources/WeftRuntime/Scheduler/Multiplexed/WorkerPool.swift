import Glibc
import Synchronization
import WeftTrace

/// The multiplexed (M:N) scheduler: N workers, a run queue per worker plus a global one, work stealing, and idle
/// workers that spin briefly and then park on a condition variable until work arrives.
///
/// A job enqueued by a worker goes to that worker's queue; from any other thread to the global queue. A worker runs
/// its own queue first, then the global queue, then steals half of another worker's queue. Waking follows Go: a parked
/// worker is woken only when no worker is already spinning (looking for work), and the woken one spins.
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

    init(workers count: Int) {
        workers = (0..<count).map { Worker(index: $0) }
    }

    func start(core: RunCore) throws(ThreadStartFailure) {
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
        } else {
            global.push(item)
        }
        wakeIfNeeded()
    }

    func enqueueUntracked(_ job: UnownedJob, near task: TaskRecord, helper: TaskRecord) {
        enqueue(job, of: helper)
    }

    /// Wakes a parked worker when there is one and nobody is already looking for work.
    @inline(__always)
    private func wakeIfNeeded() {
        guard parked.load(ordering: .sequentiallyConsistent) > 0, spinning.load(ordering: .sequentiallyConsistent) == 0 else { return }
        guard spinning.compareExchange(expected: 0, desired: 1, ordering: .sequentiallyConsistent).exchanged else { return }
        let woke = lot.withLock {
            guard parkedCount > 0 else { return false }
            parkedCount -= 1
            parked.wrappingSubtract(1, ordering: .sequentiallyConsistent)
            wakeTokens += 1
            lotCondition.signal()
            return true
        }
        if !woke { spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent) }
    }

    private func findWork(_ worker: Worker) -> PoolItem? {
        if let item = worker.queue.pop() { return item }
        if let item = global.pop() { return item }
        let count = workers.count
        if count > 1 {
            worker.stealStart = worker.stealStart &+ 1
            for offset in 0..<count {
                let victim = workers[(worker.stealStart &+ offset) % count]
                if victim !== worker, let item = victim.queue.steal(into: worker.queue) { return item }
            }
        }
        return nil
    }

    private func anyWorkVisible() -> Bool {
        if global.size.load(ordering: .sequentiallyConsistent) > 0 { return true }
        return workers.contains { $0.queue.size.load(ordering: .sequentiallyConsistent) > 0 }
    }

    /// Rounds of looking for work before parking: quick re-checks first, then with `sched_yield` in between.
    private static let spinRounds = 80
    private static let quickRounds = 64

    private func run(_ worker: Worker, core: RunCore) {
        core.tracer?.beginThread(role: .worker, index: UInt64(worker.index))
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
                var round = 0
                while found == nil && round < Self.spinRounds {
                    if round >= Self.quickRounds { sched_yield() }
                    found = findWork(worker)
                    round += 1
                }
                if found == nil {
                    isSpinning = false
                    spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent)
                    isSpinning = park()
                    continue
                }
            }
            if isSpinning {
                isSpinning = false
                if spinning.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue == 0 { wakeIfNeeded() }
            }
            let item = found.unsafelyUnwrapped
            item.record.takeUnretainedValue().runSlice(item.job)
        }
        Worker.current = nil
        core.tracer?.endThread()
        core.threads.ended()
    }

    /// Parks until woken; returns true when a waker counted this worker as spinning.
    private func park() -> Bool {
        lot.withLock {
            parkedCount += 1
            parked.wrappingAdd(1, ordering: .sequentiallyConsistent)
        }
        if anyWorkVisible() || stopping.load(ordering: .sequentiallyConsistent) {
            return lot.withLock { unpark() }
        }
        lot.lock()
        while wakeTokens == 0 && !stopping.load(ordering: .sequentiallyConsistent) { lotCondition.wait(lot) }
        let woken = unpark()
        lot.unlock()
        return woken
    }

    /// Leaves the lot (holding its lock): consumes a wake token if there is one, else uncounts itself.
    private func unpark() -> Bool {
        if wakeTokens > 0 {
            wakeTokens -= 1
            return true
        }
        parkedCount -= 1
        parked.wrappingSubtract(1, ordering: .sequentiallyConsistent)
        return false
    }
}

