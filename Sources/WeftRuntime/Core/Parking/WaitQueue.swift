/// The tasks parked on one primitive, first come first served; used under the primitive's lock.
///
/// It owns both sides of a wait: `enqueue` (inside `park`) and the claims (by a waker). A waiter that was already
/// woken another way (a timeout, another case of its select, the run's teardown) is skipped and dropped when met, so
/// a claim returns only waiters this caller now has the sole right to wake, with `RunCore.wake` after unlocking.
struct WaitQueue<Element: Waiter> {
    private var waiters = FIFO<Element>()

    var isEmpty: Bool { waiters.isEmpty }

    /// Queues a parked task's waiter.
    mutating func enqueue(_ waiter: Element) { waiters.append(waiter) }

    /// Claims the first waiter still waiting, dropping the already woken ones before it.
    mutating func claimFirst() -> Element? {
        waiters.popFirst { $0.token.claim() }
    }

    /// Claims every waiter still waiting, in order, and empties the queue.
    mutating func claimAll() -> [Element] {
        var claimed: [Element] = []
        while let waiter = waiters.popFirst() {
            if waiter.token.claim() { claimed.append(waiter) }
        }
        return claimed
    }

    /// Whether a waiter is still waiting, dropping the already woken ones at the front.
    mutating func hasWaiting() -> Bool {
        while let first = waiters.first {
            if !first.token.isClaimed { return true }
            _ = waiters.popFirst()
        }
        return false
    }

    /// Claims the first waiter still waiting if `fits` accepts it (a semaphore's head waiter whose weight is free);
    /// nil when the queue has no such waiter or the first one does not fit (later ones wait behind it, in order).
    mutating func claimFirst(if fits: (Element) -> Bool) -> Element? {
        while let first = waiters.first {
            if first.token.isClaimed {
                _ = waiters.popFirst()
                continue
            }
            guard fits(first) else { return nil }
            _ = waiters.popFirst()
            if first.token.claim() { return first }
        }
        return nil
    }

    /// Forgets the waiters of `token` (a select's other cases once it has completed).
    mutating func remove(_ token: WaitToken) {
        waiters.removeAll { $0.token === token }
    }
}
