/// Reads whether an unstructured Swift task (`Task {}`, `Task.detached {}`) has completed from its future's status,
/// where the Swift runtime's layout is the one Weft was checked against.
///
/// Such a task is a future: after the task object (`AsyncTask`) comes its `FutureFragment`, whose first word, the
/// wait queue, holds the future's status in its low two bits (swiftlang/swift `include/swift/ABI/Task.h`: 0 executing,
/// 1 succeeded, 2 failed) and stays "executing" while the task's code runs anywhere. That tells a completed task
/// from one running on an executor Weft does not see (the main actor), which the voucher slot cannot
/// (`SwiftJob.hasFinished`). The offset is the runtime's, not an ABI promise: it is found once per process by
/// `TaskCompletionProbe`; where it is not found, `hasCompleted` is nil and callers fall back to the voucher slot.
enum TaskCompletionLayout {
    /// The byte offset of the status word in a task with no executor preference, or nil when it was not found.
    static let statusOffset: Int? = TaskCompletionProbe.findStatusOffset()

    /// Whether the task `job` (an unstructured task's object, kept alive by the caller) has completed; nil when the
    /// layout is not recognised on this runtime.
    @inline(__always)
    static func hasCompleted(_ job: UnownedJob) -> Bool? {
        guard let offset = statusOffset else { return nil }
        let base = unsafeBitCast(job, to: UnsafeRawPointer.self)
        return base.load(fromByteOffset: offset, as: UInt.self) & 3 != 0
    }
}
