/// Finds, once per process, where a `Task {}`'s future status lies (`TaskCompletionLayout`).
///
/// On a thread of its own, two tasks that prefer a probe executor are made and read before they run (both
/// executing), then run to their ends, one returning and one throwing, and read again: the status word is the one
/// offset that reads 0 → 1 in the first and 0 → 2 in the second. Only a single such offset is accepted.
enum TaskCompletionProbe {
    /// The offsets read: after the 64-byte job header, up to the end of a task object and its first fragment.
    static let candidates = stride(from: 64, to: 512, by: 8)

    static func findStatusOffset() -> Int? {
        let result = Found()
        guard case .success(let thread) = OSThread.start({ result.offset = probe() }) else { return nil }
        OSThread.join(thread)  // the join orders the probe thread's write before this read
        return result.offset
    }

    private final class Found: @unchecked Sendable {
        var offset: Int?
    }

    private struct ProbeFailure: Error {}

    private static func probe() -> Int? {
        let executor = CompletionProbeExecutor()
        let returning = Task(executorPreference: executor) { () async -> Int in 1 }
        let throwing = Task(executorPreference: executor) { () async throws -> Int in throw ProbeFailure() }
        let first = unsafeBitCast(returning, to: UnsafeRawPointer.self)
        let second = unsafeBitCast(throwing, to: UnsafeRawPointer.self)
        let before = candidates.map { (first.load(fromByteOffset: $0, as: UInt.self),
                                       second.load(fromByteOffset: $0, as: UInt.self)) }
        executor.runAll()
        let after = candidates.map { (first.load(fromByteOffset: $0, as: UInt.self),
                                      second.load(fromByteOffset: $0, as: UInt.self)) }
        var found: [Int] = []
        for (index, offset) in candidates.enumerated()
        where before[index] == (0, 0) && after[index] == (1, 2) {
            found.append(offset)
        }
        withExtendedLifetime((returning, throwing)) {}
        return found.count == 1 ? found[0] : nil
    }
}

/// The probe tasks' executor: a queue the probe thread empties.
private final class CompletionProbeExecutor: TaskExecutor, @unchecked Sendable {
    private let lock = PThreadLock()
    private var jobs: [UnownedJob] = []

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        lock.withLock { jobs.append(job) }
    }

    /// Runs jobs until none is left (the probe tasks never wait for anything outside this thread).
    func runAll() {
        while let job = lock.withLock({ jobs.isEmpty ? nil : jobs.removeFirst() }) {
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
