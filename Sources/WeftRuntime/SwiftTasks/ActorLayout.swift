/// Reads which actor a default actor's job runs, where the Swift runtime's layout is the one Weft was checked against.
///
/// When a task must wait for an idle default actor, the runtime (`DefaultActorImpl::scheduleActorProcessJob` in
/// swiftlang/swift `stdlib/public/Concurrency/Actor.cpp`) makes a `ProcessOutOfLineJob` of kind
/// `DefaultActorSeparate` (0xC1 in `JobFlags`): the 64-byte `Job` header (heap object, scheduler words, flags and id,
/// voucher, reserved, run function) followed by one field, the `DefaultActorImpl *`, which is the actor object
/// itself, whose first word is its class metadata. It hands that job to the waiting task's preferred task executor,
/// or to the global executor.
///
/// That layout is the runtime's own, not an ABI promise, so it is checked once per process against an actor whose
/// address is known (`ActorLayoutProbe`). On a runtime where the check fails nothing is read from a job: every
/// actor job is then one anonymous "actor".
enum ActorLayout {
    /// The offset of `ProcessOutOfLineJob::Actor` on 64-bit platforms.
    static let actorOffset = 64

    /// Whether the layout was found to hold on this runtime (checked on first use).
    static let isRecognized: Bool = ActorLayoutProbe.check()

    /// The actor object that `job` (an actor job) will run, and its class metadata; nil when the layout is not
    /// recognised or the job is not a `DefaultActorSeparate` job.
    /// - Warning: call only while the job is known to be alive and not yet run (when it is being enqueued): the
    ///   actor then has work queued, which keeps it alive.
    static func actor(of job: UnownedJob) -> (object: UInt, metadata: UInt)? {
        guard isRecognized else { return nil }
        return unverifiedActor(of: job)
    }

    /// The reading itself, without the process-wide check (the probe uses it to make that check).
    static func unverifiedActor(of job: UnownedJob) -> (object: UInt, metadata: UInt)? {
        guard SwiftJob.flags(job).isSeparateActorJob else { return nil }
        let base = unsafeBitCast(job, to: UnsafeRawPointer.self)
        let object = base.load(fromByteOffset: actorOffset, as: UInt.self)
        guard object != 0, object % 16 == 0 else { return nil }
        let metadata = UnsafeRawPointer(bitPattern: object).unsafelyUnwrapped.load(as: UInt.self)
        guard metadata != 0 else { return nil }
        return (object, metadata)
    }

    /// The unqualified name of the class whose metadata is at `metadata` (`Cache`).
    /// - Warning: `metadata` must be read from a live object by `actor(of:)`.
    static func typeName(metadata: UInt) -> String {
        String(describing: unsafeBitCast(metadata, to: Any.Type.self))
    }
}
