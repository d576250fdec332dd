/// A first-in first-out list on a growable ring, for waiters and channel buffers (used under a lock).
struct FIFO<Element> {
    private var slots: [Element?]
    private var head = 0
    private(set) var count = 0

    init(capacity: Int = 0) {
        slots = Array(repeating: nil, count: max(4, capacity))
    }

    var isEmpty: Bool { count == 0 }

    /// The first element, left in place.
    var first: Element? { count > 0 ? slots[head] : nil }

    mutating func append(_ element: Element) {
        if count == slots.count { grow() }
        var index = head + count
        if index >= slots.count { index -= slots.count }
        slots[index] = element
        count += 1
    }

    mutating func popFirst() -> Element? {
        guard count > 0 else { return nil }
        let element = slots[head].take()
        head += 1
        if head == slots.count { head = 0 }
        count -= 1
        return element
    }

    /// Pops elements until `claim` accepts one, and returns that one; the elements it refused are dropped.
    /// Waiter lists use it to skip waiters that were already woken another way (a timeout, a select, a cancel).
    mutating func popFirst(claiming claim: (Element) -> Bool) -> Element? {
        while let element = popFirst() {
            if claim(element) { return element }
        }
        return nil
    }

    /// Removes every element matching `predicate`, keeping the order of the rest.
    mutating func removeAll(where predicate: (Element) -> Bool) {
        var kept = FIFO(capacity: slots.count)
        while let element = popFirst() {
            if !predicate(element) { kept.append(element) }
        }
        self = kept
    }

    private mutating func grow() {
        var bigger = [Element?](repeating: nil, count: slots.count * 2)
        for i in 0..<count {
            var index = head + i
            if index >= slots.count { index -= slots.count }
            bigger[i] = slots[index].take()
        }
        slots = bigger
        head = 0
    }
}
