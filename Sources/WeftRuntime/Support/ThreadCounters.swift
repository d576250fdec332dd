import Synchronization

/// Counts the OS threads a run creates and how many are alive at once.
final class ThreadCounters: Sendable {
    let created = Atomic<Int>(0)
    let alive = Atomic<Int>(0)
    let peak = Atomic<Int>(0)

    /// Reserves a thread within `limit`; false when the limit is reached.
    func reserve(limit: Int?) -> Bool {
        let now = alive.wrappingAdd(1, ordering: .relaxed).newValue
        if let limit, created.load(ordering: .relaxed) >= limit || now > limit {
            alive.wrappingSubtract(1, ordering: .relaxed)
            return false
        }
        created.wrappingAdd(1, ordering: .relaxed)
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { break }
            seen = original
        }
        return true
    }

    /// Gives back a reservation whose thread could not be started.
    func cancelReservation() {
        alive.wrappingSubtract(1, ordering: .relaxed)
        created.wrappingSubtract(1, ordering: .relaxed)
    }

    /// Notes a thread's end.
    func ended() { alive.wrappingSubtract(1, ordering: .releasing) }
}
