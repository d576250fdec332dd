import WeftTrace

/// The default actors a run has seen running work, by object address: each gets an id from the run's object counter,
/// its type's name, and the record its actor jobs run under (`TaskRecord.drainedActor`).
///
/// An actor is seen when its first actor job arrives (see `RunCore.actorJobArrived`); its `actorMake` is recorded
/// then, on the arriving thread, before the job can run. When the runtime's layout is not recognised
/// (`ActorLayout`), every actor job runs under one anonymous actor whose type name is empty.
final class ActorTable: @unchecked Sendable {
    private let lock = PThreadLock()
    private var byAddress: [UInt: TaskRecord] = [:]
    /// The one record of every actor job when actors cannot be told apart.
    private var anonymous: TaskRecord?

    /// The record under which `job` (an actor job) runs, made, and its `actorMake` recorded, on first sight.
    func helper(for job: UnownedJob, core: RunCore) -> TaskRecord {
        let read = ActorLayout.actor(of: job)
        return lock.withLock {
            guard let read else {
                if let anonymous { return anonymous }
                let made = make(typeName: "", metadata: 0, core: core)
                anonymous = made
                return made
            }
            // An address can be reused once an actor is freed: another class there is another actor. (The same class
            // at the same address is taken for the same actor.)
            if let known = byAddress[read.object], known.drainedActor?.metadata == read.metadata { return known }
            let made = make(typeName: ActorLayout.typeName(metadata: read.metadata), metadata: read.metadata, core: core)
            byAddress[read.object] = made
            return made
        }
    }

    /// A new actor and its record; records its `actorMake`. Called under the lock.
    private func make(typeName: String, metadata: UInt, core: RunCore) -> TaskRecord {
        let actor = DrainedActor(id: ActorID(core.newObjectID()), typeName: typeName, metadata: metadata)
        if let tracer = core.tracer {
            tracer.record(ActorMakeEvent(actor: actor.id, type: tracer.intern(typeName)))
        }
        return TaskRecord(id: .none, name: "", core: core, origin: .helper, drainedActor: actor)
    }

    /// Forgets every actor (at the end of the run: the records hold the core).
    func removeAll() {
        lock.withLock {
            byAddress.removeAll()
            anonymous = nil
        }
    }
}

/// An actor whose jobs a helper record runs.
struct DrainedActor: Sendable {
    let id: ActorID
    /// Its type's name, "" when unknown.
    let typeName: String
    /// Its class metadata's address (0 when unknown), to tell a reused address from the same actor.
    let metadata: UInt
}
