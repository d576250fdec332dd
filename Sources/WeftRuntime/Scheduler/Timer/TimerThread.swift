import CWeftSupport
import Glibc
import Synchronization
import WeftTrace

/// The run's one timer thread, on the monotonic clock: it resumes sleeps and select timeouts at their deadlines.
final class TimerThread: DeadlineTimer, @unchecked Sendable {
    private struct Entry {
        var deadline: UInt64
        var order: UInt64
        var token: WaitToken
        var index: Int
        func before(_ other: Entry) -> Bool { (deadline, order) < (other.deadline, other.order) }
    }

    /// The thread, its lock and condition; `heap` and `order` are under its lock.
    private let loop = LoopThread()
    private var lock: PThreadLock { loop.lock }
    private var condition: PThreadCondition { loop.condition }
    private var heap: [Entry] = []
    private var order: UInt64 = 0

    @inline(__always) func now() -> UInt64 { monotonicNanoseconds() }

    func start(core: RunCore) throws(ThreadStartFailure) {
        try loop.start(core: core) { [self] in run(core) }
    }

    /// Resumes `token` with `index` at `deadline` (monotonic ns) unless someone else claims it first.
    func schedule(at deadline: UInt64, _ token: WaitToken, index: Int) {
        lock.lock()
        order &+= 1
        push(Entry(deadline: deadline, order: order, token: token, index: index))
        if heap[0].token === token { condition.signal() }
        lock.unlock()
    }

    /// Whether the timer thread is polling for tasks completed outside Weft (`pollForEndsOutside`); under its lock.
    private var polling = false
    /// How often the poll runs while tasks are watched.
    private static let pollInterval: UInt64 = 1_000_000
    /// How long the polls must have seen a task completed before the timer ends it (see `pollCompleted`).
    private static let claimAfter: UInt64 = 10_000_000

    func pollForEndsOutside() {
        lock.lock()
        if !polling {
            polling = true
            condition.signal()
        }
        lock.unlock()
    }

    /// Tells the timer thread to stop now, waking it; `join` waits for it.
    func requestStop() { loop.requestStop() }

    /// Waits for the timer thread to end (after `requestStop`).
    func join() { loop.join() }

    private func run(_ core: RunCore) {
        core.tracer?.beginThread(role: .timer, index: 0)
        cweft_set_timer_slack(1_000)  // deadlines kept to a microsecond, not Linux's default 50 µs
        // A traced run also samples memory and threads from here, between deadlines.
        let sampler = core.tracer.map { ProcessSampler(tracer: $0, now: monotonicNanoseconds()) }
        core.startGate.arrive()
        var due: [Entry] = []
        var nextPoll: UInt64 = 0
        lock.lock()
        while !loop.stopping {
            if let sampler, let tracer = core.tracer, monotonicNanoseconds() >= sampler.next {
                lock.unlock()
                sampler.sample(into: tracer, threads: core.threads, clocks: core.sliceClocks, now: monotonicNanoseconds())
                core.sampledResidentPeak.store(sampler.highestResident, ordering: .relaxed)
                lock.lock()
                continue
            }
            if polling, monotonicNanoseconds() >= nextPoll {
                lock.unlock()
                core.endTasksCompletedOnActors(core.actorEnds.pollCompleted(now: monotonicNanoseconds(),
                                                                            claimAfter: Self.claimAfter))
                lock.lock()
                // Read under the lock: a task watched after this reading finds `polling` false and sets it again.
                polling = core.actorEnds.isWatching
                nextPoll = monotonicNanoseconds() &+ Self.pollInterval
                continue
            }
            let wakeForOthers = min(sampler?.next ?? .max, polling ? nextPoll : .max)
            guard let first = heap.first else {
                if wakeForOthers == .max { condition.wait(lock) } else { condition.wait(lock, until: wakeForOthers) }
                continue
            }
            let now = monotonicNanoseconds()
            if first.deadline > now {
                condition.wait(lock, until: min(first.deadline, wakeForOthers))
                continue
            }
            while let top = heap.first, top.deadline <= now { due.append(pop()) }
            lock.unlock()
            for entry in due where entry.token.claim() { core.wake(ClaimedWait(token: entry.token, index: entry.index)) }
            due.removeAll(keepingCapacity: true)
            lock.lock()
        }
        heap.removeAll()
        lock.unlock()
        core.tracer?.endThread()
        core.threads.ended()
    }

    // Binary min-heap on (deadline, order).
    private func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].before(heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private func pop() -> Entry {
        let top = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].before(heap[smallest]) { smallest = left }
                if right < heap.count, heap[right].before(heap[smallest]) { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
        }
        return top
    }
}
