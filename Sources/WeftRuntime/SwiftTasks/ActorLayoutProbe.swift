import Synchronization

/// Checks, once per process, that `ActorLayout` reads the right actor from an actor job on this Swift runtime.
///
/// On a thread of its own, a task that prefers a probe executor calls a probe actor. A task with a task executor
/// preference never takes an idle actor over inline, so the runtime queues it on the actor and hands the probe
/// executor an actor job; the check passes when that job reads back the probe actor's address and class. The probe
/// thread runs every job of the task itself and gives up after a second without a job.
enum ActorLayoutProbe {
    /// Whether the layout holds (false when the probe could not run).
    static func check() -> Bool {
        let verdict = Verdict()
        guard case .success(let thread) = OSThread.start({ verdict.holds = probe() }) else { return false }
        OSThread.join(thread)  // the join orders the probe thread's write before this read
        return verdict.holds
    }

    /// The probe thread's answer.
    private final class Verdict: @unchecked Sendable {
        var holds = false
    }

    /// Runs the probe task on the calling thread until it ends; true when an actor job named the probe actor.
    private static func probe() -> Bool {
        let executor = ProbeExecutor()
        let actor = ProbeActor()
        let address = UInt(bitPattern: Unmanaged.passUnretained(actor).toOpaque())
        let metadata = unsafeBitCast(ProbeActor.self, to: UInt.self)
        Task(executorPreference: executor) {
            await actor.touch()
            executor.finished.store(true, ordering: .releasing)
        }
        var sawActor = false
        while let job = executor.next(timeoutNanoseconds: 1_000_000_000) {
            if let read = ActorLayout.unverifiedActor(of: job), read.object == address, read.metadata == metadata {
                sawActor = true
            }
            job.runSynchronously(on: executor.asUnownedTaskExecutor())
            if executor.finished.load(ordering: .acquiring) && executor.isEmpty { break }
        }
        return sawActor && executor.finished.load(ordering: .acquiring)
    }
}

/// The actor the probe calls.
private actor ProbeActor {
    private var touches = 0
    func touch() { touches += 1 }
}

/// The probe task's executor: a queue that the probe thread empties.
private final class ProbeExecutor: TaskExecutor, @unchecked Sendable {
    let finished = Atomic<Bool>(false)
    private let lock = PThreadLock()
    private let ready = PThreadCondition()
    private var jobs: [UnownedJob] = []

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        lock.withLock {
            jobs.append(job)
            ready.signal()
        }
    }

    var isEmpty: Bool { lock.withLock { jobs.isEmpty } }

    /// The next job, waiting at most `timeoutNanoseconds` for one; nil when none came.
    func next(timeoutNanoseconds: UInt64) -> UnownedJob? {
        lock.withLock {
            if jobs.isEmpty { ready.wait(lock, until: monotonicNanoseconds() &+ timeoutNanoseconds) }
            return jobs.isEmpty ? nil : jobs.removeFirst()
        }
    }
}
