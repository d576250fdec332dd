import WeftTrace

/// The discrete-event simulation behind `SyntheticRun`: tasks, threads, one channel, one mutex, one wait group.
struct SyntheticScheduler {
    let run: SyntheticRun
    private var random: SplitMix
    private var records: [Record] = []
    private var strings = EventList()

    /// An event with the order it was made in, to keep equal times in causal order.
    private struct Record {
        var event: Event
        var order: Int
    }

    private struct TaskSim {
        var id: TaskID
        var thread: ThreadID
        var burstsLeft: Int
        var ready: UInt64
    }

    private let channel = ChannelID(1001)
    private let mutex = MutexID(1002)
    private let group = WaitGroupID(1003)
    private let timerThread = ThreadID(1)
    private var workerFree: [UInt64] = []
    private var nextThread: UInt64 = 2
    private var mutexFree: UInt64 = 0
    private var mutexHolder = TaskID.none
    private var mutexHolderThread = ThreadID(1)
    private var seq: UInt64 = 0
    private var pending: [(sent: UInt64, seq: UInt64, from: TaskID, thread: ThreadID)] = []
    private var consumerBlocked = false
    private var consumerBlockedAt: UInt64 = 0
    private var consumerReady: UInt64?
    private var producersLeft = 0
    private var lastDone: (time: UInt64, task: TaskID, thread: ThreadID) = (0, .none, ThreadID(1))
    private var end: UInt64 = 0

    init(run: SyntheticRun) {
        self.run = run
        random = SplitMix(seed: run.seed)
    }

    private mutating func emit(_ kind: EventKind, _ time: UInt64, _ thread: ThreadID, _ task: TaskID,
                               _ a0: UInt64 = 0, _ a1: UInt64 = 0, _ a2: UInt64 = 0, _ a3: UInt64 = 0) {
        records.append(Record(event: Event(kind: kind, time: time, thread: thread, task: task,
                                           args: EventArguments(a0, a1, a2, a3)), order: records.count))
        end = max(end, time)
    }

    private mutating func string(_ s: String) -> UInt64 { strings.intern(s).rawValue }

    private mutating func uniform(_ low: UInt64, _ high: UInt64) -> UInt64 { low + random.next() % max(high - low, 1) }

    private mutating func newThread(_ time: UInt64, role: ThreadRole, index: UInt64) -> ThreadID {
        let id = ThreadID(nextThread)
        nextThread += 1
        emit(.threadStart, time, id, .none, 10_000 + id.rawValue, role.rawValue, index)
        return id
    }

    /// Picks a thread for a task ready at `ready`: returns the thread and the start time.
    private mutating func place(_ task: inout TaskSim, ready: UInt64) -> (ThreadID, UInt64) {
        guard run.workers != nil else { return (task.thread, ready + uniform(8_000, 30_000)) }
        var best = 0
        for i in 1..<workerFree.count where workerFree[i] < workerFree[best] { best = i }
        let start = max(workerFree[best], ready) + uniform(200, 1_500)
        return (ThreadID(UInt64(best) + 2), start)
    }

    private mutating func occupy(_ thread: ThreadID, until time: UInt64) {
        if run.workers != nil { workerFree[Int(thread.rawValue) - 2] = time }
    }

    mutating func simulate() -> EventList {
        let perTask = run.workers == nil
        emit(.metadata, 0, timerThread, .none, string("program"), string("synthetic fan-out"))
        emit(.metadata, 0, timerThread, .none, string("scheduler"), string(perTask ? "thread-per-task" : "multiplexed"))
        if let w = run.workers { emit(.metadata, 0, timerThread, .none, string("workers"), string(String(w))) }
        emit(.threadStart, 0, timerThread, .none, 10_001, ThreadRole.timer.rawValue, 0)
        if let w = run.workers {
            for i in 0..<w { workerFree.append(0); _ = newThread(0, role: .worker, index: UInt64(i + 1)) }
        }
        // Main spawns everything in its first slice.
        let main = TaskID(1)
        let mainThread = perTask ? newThread(0, role: .taskThread, index: 1) : ThreadID(2)
        emit(.taskCreate, 0, mainThread, .none, main.rawValue, 0, string("main"), string("main.swift:1"))
        var t = uniform(1_000, 3_000)
        emit(.runBegin, t, mainThread, main, main.rawValue)
        t += 500
        emit(.channelMake, t, mainThread, main, channel.rawValue, 64, string("results"))
        emit(.mutexMake, t, mainThread, main, mutex.rawValue, string("stats"))
        emit(.waitGroupMake, t, mainThread, main, group.rawValue, string("done"))
        emit(.waitGroupAdd, t, mainThread, main, group.rawValue, Event.zigzag(Int64(run.tasks)), UInt64(run.tasks))
        var heap = ReadyHeap()
        var sims: [TaskSim] = []
        let consumer = TaskID(2)
        for i in 0...run.tasks {
            let id = i == 0 ? consumer : TaskID(UInt64(i) + 2)
            t += uniform(600, 1_400)
            let name = i == 0 ? "consumer" : "producer \(i)"
            let thread = perTask ? newThread(t, role: .taskThread, index: id.rawValue) : ThreadID(0)
            emit(.taskCreate, t, mainThread, main, id.rawValue, main.rawValue, string(name), string("main.swift:\(10 + min(i, 1))"))
            sims.append(TaskSim(id: id, thread: thread, burstsLeft: i == 0 ? 0 : run.bursts, ready: t))
            if i > 0 { heap.push(t, sims.count - 1) }
        }
        producersLeft = run.tasks
        consumerReady = nil
        emit(.waitGroupWait, t, mainThread, main, group.rawValue)
        emit(.block, t, mainThread, main, BlockReason.waitGroup.rawValue, group.rawValue)
        emit(.runEnd, t, mainThread, main, main.rawValue, RunEndReason.blocked.rawValue)
        occupy(mainThread, until: t)
        // The consumer starts, finds nothing, and blocks.
        heap.push(sims[0].ready, 0)
        consumerBlocked = false

        while let (ready, index) = heap.pop() {
            if index == 0 { consumerRun(&sims[0], ready: ready, heap: &heap) } else { producerBurst(&sims[index], index: index, ready: ready, heap: &heap) }
        }
        // Main was woken when the last producer was done; it closes the channel and ends; threads stop.
        var mainSim = TaskSim(id: main, thread: mainThread, burstsLeft: 0, ready: lastDone.time)
        let (mainRunThread, mStart) = place(&mainSim, ready: lastDone.time)
        emit(.runBegin, mStart, mainRunThread, main, main.rawValue)
        emit(.close, mStart + 300, mainRunThread, main, channel.rawValue)
        emit(.sample, mStart + 400, mainRunThread, main, string("peak_rss_bytes"),
             perTask ? 24_000_000 + UInt64(run.tasks) * 16_400 : 18_000_000 + UInt64(run.tasks) * 900)
        emit(.taskEnd, mStart + 500, mainRunThread, main, main.rawValue, TaskOutcome.returned.rawValue, 0)
        emit(.runEnd, mStart + 500, mainRunThread, main, main.rawValue, RunEndReason.finished.rawValue)
        let last = max(end, mStart + 600)
        emit(.runFinish, last, timerThread, .none, RunOutcome.completed.rawValue, 0)
        emit(.threadStop, last, timerThread, .none)
        if run.workers != nil {
            for th in 2..<nextThread { emit(.threadStop, last, ThreadID(th), .none) }
        } else {
            emit(.threadStop, last, mainThread, .none)
        }
        records.sort { $0.event.time != $1.event.time ? $0.event.time < $1.event.time : $0.order < $1.order }
        let list = EventList(events: records.map(\.event), strings: strings.strings)
        return list
    }

    private mutating func producerBurst(_ task: inout TaskSim, index: Int, ready: UInt64, heap: inout ReadyHeap) {
        let (thread, start) = place(&task, ready: ready)
        let id = task.id
        emit(.runBegin, start, thread, id, id.rawValue)
        var now = start + uniform(2_000, 18_000)
        if random.next() % 100 < 15 {
            // Take the mutex for a short critical section; block when another task holds it.
            emit(.lockRequest, now, thread, id, mutex.rawValue)
            if mutexFree > now {
                emit(.block, now, thread, id, BlockReason.mutex.rawValue, mutex.rawValue)
                emit(.runEnd, now, thread, id, id.rawValue, RunEndReason.blocked.rawValue)
                occupy(thread, until: now)
                emit(.unblock, mutexFree, mutexHolderThread, mutexHolder, id.rawValue)
                let (t2, s2) = place(&task, ready: mutexFree)
                emit(.runBegin, s2, t2, id, id.rawValue)
                return criticalSection(&task, thread: t2, at: s2, heap: &heap)
            }
            return criticalSection(&task, thread: thread, at: now, heap: &heap)
        }
        now += uniform(500, 2_000)
        finishBurst(&task, thread: thread, at: now, heap: &heap)
    }

    private mutating func criticalSection(_ task: inout TaskSim, thread: ThreadID, at time: UInt64, heap: inout ReadyHeap) {
        let id = task.id
        emit(.lockAcquire, time, thread, id, mutex.rawValue)
        let release = time + uniform(1_000, 6_000)
        emit(.lockRelease, release, thread, id, mutex.rawValue)
        mutexFree = release
        mutexHolder = id
        mutexHolderThread = thread
        finishBurst(&task, thread: thread, at: release + uniform(300, 1_000), heap: &heap)
    }

    private mutating func finishBurst(_ task: inout TaskSim, thread: ThreadID, at time: UInt64, heap: inout ReadyHeap) {
        let id = task.id
        seq += 1
        emit(.send, time, thread, id, channel.rawValue, seq)
        pending.append((time, seq, id, thread))
        if consumerBlocked { wakeConsumer(at: time, thread: thread, task: id, heap: &heap) }
        task.burstsLeft -= 1
        let now = time + uniform(200, 800)
        if task.burstsLeft == 0 {
            producersLeft -= 1
            emit(.waitGroupDone, now, thread, id, group.rawValue, UInt64(producersLeft))
            if producersLeft == 0 {
                emit(.unblock, now, thread, id, 1)
                lastDone = (now, id, thread)
            }
            emit(.taskEnd, now, thread, id, id.rawValue, TaskOutcome.returned.rawValue, 0)
            emit(.runEnd, now, thread, id, id.rawValue, RunEndReason.finished.rawValue)
            if run.workers == nil { emit(.threadStop, now + 5_000, thread, .none) }
            if producersLeft == 0, consumerBlocked { wakeConsumer(at: now, thread: thread, task: id, heap: &heap) }
        } else {
            let nap = uniform(run.sleep / 2, run.sleep * 3 / 2)
            emit(.sleep, now, thread, id, nap)
            emit(.block, now, thread, id, BlockReason.sleep.rawValue, 0)
            emit(.runEnd, now, thread, id, id.rawValue, RunEndReason.blocked.rawValue)
            emit(.unblock, now + nap, timerThread, .none, id.rawValue)
            heap.push(now + nap, Int(id.rawValue) - 2)
        }
        occupy(thread, until: now)
    }

    private mutating func consumerRun(_ task: inout TaskSim, ready: UInt64, heap: inout ReadyHeap) {
        let (thread, start) = place(&task, ready: ready)
        let id = task.id
        emit(.runBegin, start, thread, id, id.rawValue)
        var now = start + 300
        pending.sort { $0.seq < $1.seq }
        var kept: [(sent: UInt64, seq: UInt64, from: TaskID, thread: ThreadID)] = []
        var taken = 0
        for message in pending {
            if message.sent <= now, taken < 64 {
                now += uniform(300, 1_200)
                emit(.receive, now, thread, id, channel.rawValue, message.seq)
                taken += 1
            } else {
                kept.append(message)
            }
        }
        pending = kept
        now += 200
        if producersLeft == 0 && pending.isEmpty {
            emit(.receive, now, thread, id, channel.rawValue, 0)
            emit(.taskEnd, now + 100, thread, id, id.rawValue, TaskOutcome.returned.rawValue, 0)
            emit(.runEnd, now + 100, thread, id, id.rawValue, RunEndReason.finished.rawValue)
            if run.workers == nil { emit(.threadStop, now + 5_000, thread, .none) }
            occupy(thread, until: now + 100)
            return
        }
        if let next = pending.map(\.sent).min() {
            // More messages are already on their way: yield and come back.
            emit(.runEnd, now, thread, id, id.rawValue, RunEndReason.yielded.rawValue)
            heap.push(max(now, next), 0)
        } else {
            emit(.block, now, thread, id, BlockReason.channelReceive.rawValue, channel.rawValue)
            emit(.runEnd, now, thread, id, id.rawValue, RunEndReason.blocked.rawValue)
            consumerBlocked = true
            consumerBlockedAt = now
        }
        occupy(thread, until: now)
    }

    /// Wakes the blocked consumer from a producer's slice, or (when that slice is earlier than the block, as the
    /// simulation does not run strictly in time order) from the timer thread right at the block.
    private mutating func wakeConsumer(at time: UInt64, thread: ThreadID, task: TaskID, heap: inout ReadyHeap) {
        consumerBlocked = false
        if time >= consumerBlockedAt {
            emit(.unblock, time, thread, task, 2)
            heap.push(time, 0)
        } else {
            emit(.unblock, consumerBlockedAt, timerThread, .none, 2)
            heap.push(consumerBlockedAt, 0)
        }
    }
}

/// Tasks ordered by the time they become ready.
struct ReadyHeap {
    private var items: [(UInt64, Int)] = []

    mutating func push(_ time: UInt64, _ index: Int) {
        items.append((time, index))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard items[i].0 < items[parent].0 else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (UInt64, Int)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && items[l].0 < items[m].0 { m = l }
            if r < items.count && items[r].0 < items[m].0 { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}

/// A small deterministic random generator (SplitMix64): the synthetic scheduler's choices, and tests' random data.
public struct SplitMix: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// A generator whose sequence is fixed by `seed`.
    public init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
