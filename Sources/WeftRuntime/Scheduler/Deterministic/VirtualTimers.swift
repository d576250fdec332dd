/// The pending deadlines of a deterministic run (sleeps and select timeouts) in virtual time, earliest first, ties
/// in the order they were scheduled.
struct VirtualTimers {
    struct Entry {
        var deadline: UInt64
        var order: UInt64
        var token: WaitToken
        var index: Int
    }

    /// Sorted by (deadline, order), earliest last, so the earliest is removed in O(1).
    private var entries: [Entry] = []
    private var order: UInt64 = 0

    var isEmpty: Bool { entries.isEmpty }

    /// Adds a deadline.
    mutating func add(at deadline: UInt64, _ token: WaitToken, index: Int) {
        order &+= 1
        let entry = Entry(deadline: deadline, order: order, token: token, index: index)
        // Binary search for the first position whose entry comes after `entry` in reverse order.
        var low = 0, high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let other = entries[middle]
            if (other.deadline, other.order) > (deadline, entry.order) { low = middle + 1 } else { high = middle }
        }
        entries.insert(entry, at: low)
    }

    /// Drops the deadlines whose waits someone else already resumed, so they do not move the clock.
    mutating func dropClaimed() {
        while let last = entries.last, last.token.isClaimed { entries.removeLast() }
    }

    /// Removes and returns every entry due at the earliest deadline, with that deadline.
    mutating func popEarliest() -> (deadline: UInt64, due: [Entry])? {
        dropClaimed()
        guard let first = entries.last else { return nil }
        var due: [Entry] = []
        while let last = entries.last, last.deadline == first.deadline {
            due.append(entries.removeLast())
        }
        return (first.deadline, due)
    }

    mutating func removeAll() { entries.removeAll() }
}
