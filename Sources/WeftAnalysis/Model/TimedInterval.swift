/// A span of trace time, in nanoseconds since the start of the trace: `start ..< end`.
///
/// Everything in the timeline model that lasts (a task state, a run slice, a lock hold, a message in flight)
/// conforms, so one window query serves them all.
public protocol TimedInterval {
    /// When it began (ns since trace start).
    var start: UInt64 { get }
    /// When it ended (ns since trace start); `end >= start`. Intervals still open at the end of the trace end there.
    var end: UInt64 { get }
}

extension TimedInterval {
    /// `end - start`.
    @inlinable
    public var duration: UInt64 { end &- start }

    /// Whether the interval shares any time with `window` (a zero-length interval counts when it lies inside it).
    @inlinable
    public func overlaps(_ window: Range<UInt64>) -> Bool {
        start < window.upperBound && (end > window.lowerBound || (start == end && start >= window.lowerBound))
    }
}

/// A list of intervals sorted by start time, answering "which intervals touch this window" by binary search.
///
/// The intervals may overlap one another (messages in flight); the list remembers the longest one, so a query
/// looks back at most that far. When the ends are sorted too (a task's states, a thread's slices, a mutex's holds:
/// intervals that follow one another), a query finds its first interval by binary search on the ends instead, so one
/// long interval does not make every query scan back over everything after it.
/// Reading it is reading an array: it is a `RandomAccessCollection`.
public struct IntervalList<Element: TimedInterval>: RandomAccessCollection, Sendable where Element: Sendable {
    /// The intervals, sorted by `start`.
    public private(set) var elements: [Element]
    /// The longest `duration` among them.
    public private(set) var longest: UInt64
    /// Whether the ends are sorted as well (never decreasing): then queries search the ends.
    public private(set) var endsSorted: Bool

    /// A list of `elements`, which must already be sorted by `start` (the builder guarantees it).
    public init(sorted elements: [Element]) {
        self.elements = elements
        var longest: UInt64 = 0
        var endsSorted = true
        var previousEnd: UInt64 = 0
        for e in elements {
            if e.duration > longest { longest = e.duration }
            if e.end < previousEnd { endsSorted = false }
            previousEnd = e.end
        }
        self.longest = longest
        self.endsSorted = endsSorted
    }

    /// A list of `elements` in any order: they are sorted here (stably, by start).
    public init(unsorted elements: [Element]) {
        if zip(elements, elements.dropFirst()).allSatisfy({ $0.start <= $1.start }) {
            self.init(sorted: elements)
            return
        }
        // Sorts the positions, not copies of the elements with their positions: one word per element beside the
        // list and its sorted copy, where a model's hundreds of thousands of messages would take two more copies.
        var order = Array(elements.indices)
        order.sort { a, b in
            elements[a].start != elements[b].start ? elements[a].start < elements[b].start : a < b
        }
        self.init(sorted: order.map { elements[$0] })
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { elements.count }
    public subscript(position: Int) -> Element { elements[position] }

    /// The index of the first interval whose start is `>= time`.
    public func firstIndex(startingAtOrAfter time: UInt64) -> Int {
        var low = 0, high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[mid].start < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The index of the first interval whose end is `>= time`; only meaningful when `endsSorted`.
    func firstIndex(endingAtOrAfter time: UInt64) -> Int {
        var low = 0, high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[mid].end < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Where a scan for intervals overlapping `window` starts and stops: every overlapping index is in `from ..< to`.
    /// With sorted ends, every index in that range overlaps.
    @usableFromInline
    func candidates(_ window: Range<UInt64>) -> (from: Int, to: Int) {
        let to = firstIndex(startingAtOrAfter: window.upperBound)
        guard endsSorted else {
            return (firstIndex(startingAtOrAfter: window.lowerBound >= longest ? window.lowerBound - longest : 0), to)
        }
        // Ends sorted: skip intervals that end before the window, and those that end exactly at its start unless
        // they are zero-length (sorted by start, those come first among the ones ending there).
        var from = firstIndex(endingAtOrAfter: window.lowerBound)
        while from < to && elements[from].end == window.lowerBound && elements[from].start != elements[from].end { from += 1 }
        return (from, Swift.max(from, to))
    }

    /// The indices of the intervals that share time with `window`, in start order.
    ///
    /// Costs O(log n + k) when the ends are sorted, else O(log n + k + intervals that start within `longest` before
    /// the window).
    public func indices(overlapping window: Range<UInt64>) -> [Int] {
        let (from, to) = candidates(window)
        var result: [Int] = []
        var i = from
        while i < to {
            if elements[i].overlaps(window) { result.append(i) }
            i += 1
        }
        return result
    }

    /// How many intervals share time with `window`: O(log n) when the ends are sorted.
    public func count(overlapping window: Range<UInt64>) -> Int {
        let (from, to) = candidates(window)
        if endsSorted { return to - from }
        var count = 0
        for i in from..<to where elements[i].overlaps(window) { count += 1 }
        return count
    }

    /// The intervals that share time with `window`, in start order.
    public func overlapping(_ window: Range<UInt64>) -> [Element] {
        indices(overlapping: window).map { elements[$0] }
    }

    /// The last interval that starts at or before `time` and has not ended by then (`start <= time < end`),
    /// or, for lists whose intervals do not overlap, the one interval containing `time`.
    public func index(containing time: UInt64) -> Int? {
        var i = firstIndex(startingAtOrAfter: time &+ 1) - 1
        while i >= 0 {
            let e = elements[i]
            if e.start <= time && (time < e.end || (e.start == e.end && e.start == time)) { return i }
            if e.start + longest < time { break }
            i -= 1
        }
        return nil
    }
}

extension IntervalList: Equatable where Element: Equatable {}
