import CWeftSupport

/// What the Swift runtime tells about a job it hands to an executor: which Swift task it runs, what kind of job it
/// is, and whether the task finished in the job's last run. Wraps the few runtime entry points Weft needs, once.
///
/// `swift_task_getJobTaskId` and `swift_task_getJobFlags` are exported by libswift_Concurrency. Whether a task has
/// finished is read from the job's voucher slot, which the runtime sets to its "dead voucher" marker (-1) when a job
/// has run to its end, and puts back when a task suspends; `SwiftJobTests` checks this against tasks whose end Weft
/// knows, so a runtime that changes it fails a test instead of tracing wrong ends.
enum SwiftJob {
    /// The Swift task a job runs (the runtime's task id, from 1), or 0 for a job that is not a task (an actor's
    /// drain job, the continuation job of `Task.yield`).
    @inline(__always) static func taskID(_ job: UnownedJob) -> UInt64 { _swiftJobTaskID(job) }

    /// The job's kind and the task's creation flags.
    @inline(__always) static func flags(_ job: UnownedJob) -> Flags { Flags(rawValue: _swiftJobFlags(job)) }

    /// A job's flags (the runtime's `JobFlags`).
    struct Flags {
        var rawValue: UInt32
        /// The job kind: 0 a task, 0xC0–0xC2 a default actor's drain job, 0xC3 a continuation job (`Task.yield`).
        var kind: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
        var isActorJob: Bool { (0xC0...0xC2).contains(kind) }
        /// A `DefaultActorSeparate` job: the runtime's job that runs a default actor's queued work (see `ActorLayout`).
        var isSeparateActorJob: Bool { kind == 0xC1 }
        var isGroupChild: Bool { rawValue & (1 << 26) != 0 }
        var isAsyncLet: Bool { rawValue & (1 << 28) != 0 }
        var isChild: Bool { rawValue & (1 << 24) != 0 }
    }

    /// Whether the task of `job` finished in the run that just returned. Read only while the task's memory is
    /// known to be alive: retained (`retain`) or, for an `async let`, before its parent can run again.
    @inline(__always) static func hasFinished(_ job: UnownedJob) -> Bool {
        let base = unsafeBitCast(job, to: UnsafeRawPointer.self)
        return base.load(fromByteOffset: voucherOffset, as: UInt.self) == UInt.max
    }

    /// The runtime's id of the Swift task running on this thread, or 0 outside any task.
    /// (`UnsafeCurrentTask` holds the task's address, which is also its job's.)
    static func currentTaskID() -> UInt64 {
        withUnsafeCurrentTask { task in
            guard let task else { return 0 }
            return _swiftJobTaskID(unsafeBitCast(task, to: UnownedJob.self))
        }
    }

    /// Keeps the task object of `job` alive (it is a reference-counted heap object) until `release`.
    @inline(__always) static func retain(_ job: UnownedJob) {
        cweft_retain_object(unsafeBitCast(job, to: UnsafeMutableRawPointer.self))
    }

    @inline(__always) static func release(_ job: UnownedJob) {
        cweft_release_object(unsafeBitCast(job, to: UnsafeMutableRawPointer.self))
    }

    /// The byte offset of `Job::Voucher`: after the heap object header (16), `SchedulerPrivate[2]` (16) and the flags
    /// and id (8).
    private static let voucherOffset = 40
}

@_silgen_name("swift_task_getJobTaskId")
private func _swiftJobTaskID(_ job: UnownedJob) -> UInt64

@_silgen_name("swift_task_getJobFlags")
private func _swiftJobFlags(_ job: UnownedJob) -> UInt32
