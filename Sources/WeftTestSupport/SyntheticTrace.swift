import WeftTrace

/// A realistic synthetic trace generated on the fly (nothing stored): a multiplexed run with `workers` threads and
/// a timer thread; tasks spawn tasks, send to and receive from channels (blocking when empty), lock mutexes (blocking
/// when held, holding across a slice), sleep, yield, and end. Deterministic for a seed.
public final class SyntheticTrace: EventStream {
    private var program: SyntheticProgram
    private let limit: Int
    private var produced = 0
    private var pending: [Event]
    private var cursor = 0

    /// A trace of about `events` events (it stops at the first slice boundary past that count).
    /// `population` is how many tasks are alive at once (each ending task spawns one or two successors to keep it).
    public init(events: Int, workers: UInt64 = 8, population: Int = 2000, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) {
        limit = events
        var pending: [Event] = []
        program = SyntheticProgram(workers: workers, population: population, seed: seed, into: &pending)
        self.pending = pending
    }

    public func string(_ id: StringID) -> String { program.string(id) }
    /// How many strings the trace uses (ids 0 ..< this).
    public var stringCount: Int { program.stringCount }

    public func next() throws(TraceError) -> Event? {
        while cursor == pending.count {
            if produced >= limit { return nil }
            pending.removeAll(keepingCapacity: true)
            cursor = 0
            program.slice(into: &pending)
        }
        defer { cursor += 1; produced += 1 }
        return pending[cursor]
    }
}

/// The simulated program behind `SyntheticTrace`: a value, so that its hot state needs no dynamic access checks.
struct SyntheticProgram {
    private let workers: UInt64
    private let population: Int
    private var live = 0
    private var time: UInt64 = 0
    private var rng: UInt64
    private var step: UInt64 = 0

    private let channelCount: UInt64 = 64
    private let mutexCount: UInt64 = 32
    private var nextTask: UInt64 = 1
    private var runnable: [UInt64] = []
    private var runnableHead = 0
    private var sleepers: [(task: UInt64, wake: UInt64)] = []
    private var sleepersHead = 0
    private var actionsLeft: [Int32] = [0]                  // task -> actions before it ends
    private var holding: [UInt64] = [0]                     // task -> mutex held (0: none)
    private var wantsLock: [UInt64] = [0]                   // task -> mutex it was woken for (0: none)
    private var wokenForReceive: [UInt64] = [0]             // task -> channel it was woken for (0: none)
    private var holder: [UInt64]                            // object -> task holding the mutex (0: none)
    private var lockWaiters: [[UInt64]]                     // object -> tasks waiting for the mutex
    private var receiveWaiters: [[UInt64]]                  // object -> tasks waiting to receive
    private var sent: [UInt64]
    private var received: [UInt64]
    private var reserved: [UInt64]                          // channel -> messages promised to woken receivers
    private let strings: [String]

    init(workers: UInt64, population: Int, seed: UInt64, into pending: inout [Event]) {
        self.workers = workers
        self.population = population
        rng = seed
        sent = Array(repeating: 0, count: Int(channelCount) + 1)
        received = Array(repeating: 0, count: Int(channelCount) + 1)
        reserved = Array(repeating: 0, count: Int(channelCount) + 1)
        let objects = Int(channelCount + mutexCount) + 1
        holder = Array(repeating: 0, count: objects)
        lockWaiters = Array(repeating: [], count: objects)
        receiveWaiters = Array(repeating: [], count: objects)
        strings = ["", "scheduler", "multiplexed", "workers", "\(workers)", "task", "main.swift:1", "ch", "mu"]
        var e: [Event] = [
            Event(kind: .metadata, time: 0, thread: ThreadID(1), args: .init(1, 2)),
            Event(kind: .metadata, time: 0, thread: ThreadID(1), args: .init(3, 4)),
        ]
        for w in 1...workers + 1 {
            e.append(Event(kind: .threadStart, time: 0, thread: ThreadID(w),
                           args: .init(1000 + w, w <= workers ? ThreadRole.worker.rawValue : ThreadRole.timer.rawValue, w - 1)))
        }
        for c in 1...channelCount { e.append(Event(kind: .channelMake, time: 0, thread: ThreadID(1), args: .init(c, 16, 7))) }
        for m in 1...mutexCount {
            e.append(Event(kind: .mutexMake, time: 0, thread: ThreadID(1), args: .init(channelCount + m, 8)))
        }
        pending = e
        for _ in 0..<256 { spawn(parent: 0, thread: 1, into: &pending) }
    }

    func string(_ id: StringID) -> String { id.rawValue < UInt64(strings.count) ? strings[Int(id.rawValue)] : "" }
    var stringCount: Int { strings.count }

    private mutating func random(_ n: UInt64) -> UInt64 {
        rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17
        return rng % n
    }

    private mutating func spawn(parent: UInt64, thread: UInt64, into e: inout [Event]) {
        let id = nextTask
        nextTask += 1
        live += 1
        actionsLeft.append(Int32(8 + random(40)))
        holding.append(0)
        wantsLock.append(0)
        wokenForReceive.append(0)
        e.append(Event(kind: .taskCreate, time: time, thread: ThreadID(thread), task: TaskID(parent), args: .init(id, parent, 5, 6)))
        runnable.append(id)
    }

    private mutating func popRunnable() -> UInt64? {
        guard runnableHead < runnable.count else { return nil }
        let t = runnable[runnableHead]
        runnableHead += 1
        if runnableHead > 4096 && runnableHead * 2 > runnable.count {
            runnable.removeFirst(runnableHead)
            runnableHead = 0
        }
        return t
    }

    private mutating func wakeSleepers(into e: inout [Event]) {
        while sleepersHead < sleepers.count && sleepers[sleepersHead].wake <= time {
            let t = sleepers[sleepersHead].task
            sleepersHead += 1
            e.append(Event(kind: .unblock, time: time, thread: ThreadID(workers + 1), args: .init(t)))
            runnable.append(t)
        }
        if sleepersHead > 4096 && sleepersHead * 2 > sleepers.count {
            sleepers.removeFirst(sleepersHead)
            sleepersHead = 0
        }
    }

    /// One run slice of the next runnable task on the next worker.
    mutating func slice(into e: inout [Event]) {
        time += 200 + random(800)
        wakeSleepers(into: &e)
        guard let task = popRunnable() else {
            if sleepersHead < sleepers.count { time = max(time, sleepers[sleepersHead].wake) } else { spawn(parent: 0, thread: 1, into: &e) }
            return
        }
        step += 1
        let w = ThreadID(1 + step % workers)
        let me = TaskID(task)
        func add(_ kind: EventKind, _ args: EventArguments) {
            time += 20 + random(200)
            e.append(Event(kind: kind, time: time, thread: w, task: me, args: args))
        }
        add(.runBegin, .init(task))
        let ti = Int(task)
        if wokenForReceive[ti] != 0 {
            let c = wokenForReceive[ti]
            wokenForReceive[ti] = 0
            received[Int(c)] += 1
            reserved[Int(c)] -= 1
            add(.receive, .init(c, received[Int(c)]))
        }
        if wantsLock[ti] != 0 {
            let m = wantsLock[ti]
            wantsLock[ti] = 0
            holder[Int(m)] = task
            holding[ti] = m
            add(.lockAcquire, .init(m))
        }
        time += random(20_000)
        if holding[ti] != 0, random(2) == 0 {
            // Release the lock taken in an earlier slice, handing it to the next waiter.
            let m = holding[ti]
            add(.lockRelease, .init(m))
            holding[ti] = 0
            holder[Int(m)] = 0
            if !lockWaiters[Int(m)].isEmpty {
                let next = lockWaiters[Int(m)].removeFirst()
                wantsLock[Int(next)] = m
                holder[Int(m)] = next
                add(.unblock, .init(next))
                runnable.append(next)
            }
        }
        actionsLeft[ti] -= 1
        if actionsLeft[ti] <= 0 && holding[ti] == 0 {
            live -= 1
            if live < population { spawn(parent: task, thread: w.rawValue, into: &e) }
            if live < population && random(2) == 0 { spawn(parent: task, thread: w.rawValue, into: &e) }
            add(.taskEnd, .init(task, 0, 0))
            add(.runEnd, .init(task, RunEndReason.finished.rawValue))
            return
        }
        switch random(10) {
        case 0, 1, 2: // send
            let c = 1 + random(channelCount)
            sent[Int(c)] += 1
            add(.send, .init(c, sent[Int(c)]))
            if !receiveWaiters[Int(c)].isEmpty {
                let next = receiveWaiters[Int(c)].removeFirst()
                wokenForReceive[Int(next)] = c
                reserved[Int(c)] += 1
                add(.unblock, .init(next))
                runnable.append(next)
            }
        case 3, 4: // receive, blocking when nothing is there to take
            let c = 1 + random(channelCount)
            if sent[Int(c)] > received[Int(c)] + reserved[Int(c)] {
                received[Int(c)] += 1
                add(.receive, .init(c, received[Int(c)]))
            } else if holding[ti] == 0 {
                add(.block, .init(BlockReason.channelReceive.rawValue, c))
                add(.runEnd, .init(task, RunEndReason.blocked.rawValue))
                receiveWaiters[Int(c)].append(task)
                return
            }
        case 5, 6: // lock
            guard holding[ti] == 0 else { break }
            let m = channelCount + 1 + random(mutexCount)
            add(.lockRequest, .init(m))
            if holder[Int(m)] == 0 {
                holder[Int(m)] = task
                holding[ti] = m
                add(.lockAcquire, .init(m))
            } else {
                add(.block, .init(BlockReason.mutex.rawValue, m))
                add(.runEnd, .init(task, RunEndReason.blocked.rawValue))
                lockWaiters[Int(m)].append(task)
                return
            }
        case 7: // sleep
            guard holding[ti] == 0 else { break }
            add(.sleep, .init(50_000))
            add(.block, .init(BlockReason.sleep.rawValue, 0))
            add(.runEnd, .init(task, RunEndReason.blocked.rawValue))
            sleepers.append((task, time + 50_000))
            return
        default: // compute
            break
        }
        add(.runEnd, .init(task, RunEndReason.yielded.rawValue))
        runnable.append(task)
    }
}
